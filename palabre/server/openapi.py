"""The OpenAPI 3.0 description of palabre's routes, written as data.

tests/server/test_openapi.py walks palabre.server.handlers.HANDLERS and this document and fails
when a path or a method is missing on either side.
"""

from __future__ import annotations

import copy

from palabre import __version__

from .api_schemas import SCHEMAS

_CODE = {"name": "code", "in": "path", "required": True,
         "description": "The session's short code, as shown on the screen (5 characters).",
         "schema": {"type": "string", "example": "K7MQP"}}
_LANG = {"name": "lang", "in": "query", "required": False,
         "description": "fr or en; otherwise the palabre_lang cookie, then Accept-Language.",
         "schema": {"type": "string", "enum": ["fr", "en"]}}
_PHOTO_ID = {"name": "photo_id", "in": "path", "required": True,
             "description": "A stored photo's number (the photo field of a photo answer).",
             "schema": {"type": "integer", "minimum": 1}}
_XSRF = {"name": "X-XSRFToken", "in": "header", "required": True,
         "description": "The value of the _xsrf cookie set by any GET of the server.",
         "schema": {"type": "string"}}


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _json(description: str, ref: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def _html(description: str) -> dict:
    return {"description": description, "content": {"text/html": {}}}


_PUBLIC = [{}]  # no security requirement: phones have no token
_REFUSALS = {
    "403": _error("XSRF token missing, or this device has not joined (error not_joined)."),
    "404": _error("No session has this code."),
    "413": _error("The body is larger than the max_body_bytes setting."),
    "429": {**_error("Too many requests; wait Retry-After seconds."),
            "headers": {"Retry-After": {"schema": {"type": "integer"}}}},
}

_DOCUMENT = {
    "openapi": "3.0.3",
    "info": {
        "title": "palabre",
        "version": __version__,
        "description": "Phones join a workshop session and send answers. Every error is "
                       "{error, message, field}, the message in the participant's language. "
                       "POSTs need the _xsrf cookie sent back in X-XSRFToken; facilitator "
                       "routes need the server's token.",
    },
    "components": {
        "securitySchemes": {
            "token": {"type": "apiKey", "in": "header", "name": "Authorization",
                      "description": "'token <server token>', or ?token= in the query."},
        },
        "schemas": SCHEMAS,
    },
    "paths": {
        "/j": {"get": {
            "summary": "Code entry page (HTML); ?code= redirects to /j/{code}.",
            "security": _PUBLIC, "parameters": [
                {"name": "code", "in": "query", "required": False,
                 "schema": {"type": "string"}}, _LANG],
            "responses": {"200": _html("The form."), "303": {"description": "To /j/{code}."},
                          "422": _html("Not a code: the form with the error.")}}},
        "/j/{code}": {"get": {
            "summary": "Join page for a new phone, then the current phase's form (HTML).",
            "security": _PUBLIC, "parameters": [
                _CODE, _LANG,
                {"name": "kiosk", "in": "query", "required": False, "description": (
                    "1: this browser becomes the session's shared kiosk (a cookie remembers "
                    "it); 0: the facilitator's exit link. Either forgets the device."),
                 "schema": {"type": "string", "enum": ["0", "1"]}},
                {"name": "table", "in": "query", "required": False,
                 "description": "With kiosk=1: the table the kiosk stands on.",
                 "schema": {"type": "string", "maxLength": 60}}],
            "responses": {"200": _html("The page."), "303": {"description": "kiosk set."},
                          "404": _html("Unknown code.")}}},
        "/j/{code}/join": {"post": {
            "summary": "Join from the HTML form (role, table, _xsrf); sets the device cookie.",
            "security": _PUBLIC, "parameters": [_CODE],
            "requestBody": {"content": {"application/x-www-form-urlencoded": {}}},
            "responses": {"303": {"description": "To /j/{code}."},
                          "422": _html("The join form with the error.")}}},
        "/j/{code}/answer": {"post": {
            "summary": "Send an answer from the HTML form (key, phase, _xsrf and the fields).",
            "security": _PUBLIC, "parameters": [_CODE],
            "requestBody": {"content": {"application/x-www-form-urlencoded": {}}},
            "responses": {"303": {"description": "To /j/{code}?sent={number}."},
                          "409": _html("Answers closed or phase changed."),
                          "422": _html("The form, with the error tied to its field.")}}},
        "/j/{code}/photo": {"post": {
            "summary": "Send a photo from the HTML form (multipart: key, phase, caption, "
                       "photo, _xsrf); the body may reach 12 MB.",
            "security": _PUBLIC, "parameters": [_CODE],
            "requestBody": {"content": {"multipart/form-data": {
                "schema": {"$ref": "#/components/schemas/PhotoUpload"}}}},
            "responses": {"303": {"description": "To /j/{code}?sent={number}."},
                          "409": _html("Answers closed or phase changed."),
                          "413": _html("The photo is larger than 12 MB."),
                          "415": _html("Not a picture that can be read."),
                          "422": _html("No photo chosen, or the caption is too long.")}}},
        "/j/{code}/kiosk/start": {"post": {
            "summary": "At a kiosk: the next person gets a fresh anonymous identity "
                       "(channel kiosk) and a short number shown on their pages, optional "
                       "role; a person typing their number comes back as the same "
                       "participant. Sets the device cookie.",
            "security": _PUBLIC, "parameters": [_CODE],
            "requestBody": {"content": {"application/x-www-form-urlencoded": {
                "schema": {"type": "object", "properties": {
                    "_xsrf": {"type": "string"},
                    "role": {"type": "string", "description": "As in Join; empty: none."},
                    "number": {"type": "string", "pattern": "^ *[0-9]{1,6} *$",
                               "description": "Empty: a new person. Otherwise the number "
                                              "the kiosk gave this person on their first "
                                              "start: their later answers join the same "
                                              "participant (a role ticked now replaces "
                                              "theirs)."},
                    "key": {"type": "string", "pattern": "^[0-9a-f]{32}$",
                            "description": "The start page's own key: a second tap on "
                                           "Start within seconds is the same person."}}}}}},
            "responses": {"303": {"description": "To /j/{code}."},
                          "422": _html("Unknown role, or a number no kiosk person of this "
                                       "session was given: the page with the error.")}}},
        "/j/{code}/kiosk/next": {"post": {
            "summary": "At a kiosk: this person is done; their device cookie is cleared.",
            "security": _PUBLIC, "parameters": [_CODE],
            "requestBody": {"content": {"application/x-www-form-urlencoded": {}}},
            "responses": {"303": {"description": "To /j/{code}: the kiosk's start page."}}}},
        "/palabre/openapi.json": {"get": {
            "summary": "This document.", "security": _PUBLIC,
            "responses": {"200": {"description": "OpenAPI 3.0",
                                  "content": {"application/json": {}}}}}},
        "/palabre/api/sessions": {
            "get": {"summary": "List sessions (facilitator).", "security": [{"token": []}],
                    "responses": {"200": _json("Sessions", "SessionList"),
                                  "403": _error("No token.")}},
            "post": {"summary": "Create a session (facilitator).", "security": [{"token": []}],
                     "requestBody": {"required": True, "content": {"application/json": {
                         "schema": {"$ref": "#/components/schemas/NewSession"}}}},
                     "responses": {"201": _json("Created", "CreatedSession"),
                                   "403": _error("No token."),
                                   "422": _error("Unknown format, bad field, or a word "
                                                 "the format does not take (or needs).")}}},
        "/palabre/api/sessions/{code}": {"get": {
            "summary": "The session and its current phase, as a phone shows it; sets _xsrf.",
            "security": _PUBLIC, "parameters": [_CODE, _LANG],
            "responses": {"200": _json("State", "SessionState"),
                          "404": _REFUSALS["404"], "429": _REFUSALS["429"]}}},
        "/palabre/api/sessions/{code}/events": {"get": {
            "summary": "The room's state as Server-Sent Events (event `room`, JSON data: "
                       "version, phase, clock, speaker, themes), sent at once and within a "
                       "second of every change; the state poll is the fallback.",
            "security": _PUBLIC, "parameters": [_CODE, _LANG],
            "responses": {"200": {"description": "An event stream.",
                                  "content": {"text/event-stream": {}}},
                          "404": _REFUSALS["404"]}}},
        "/palabre/api/sessions/{code}/participants": {"post": {
            "summary": "Join: one device is one participant; sets the device cookie.",
            "security": _PUBLIC, "parameters": [_CODE, _XSRF],
            "requestBody": {"content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Join"}}}},
            "responses": {"201": _json("Joined", "Participant"),
                          "200": _json("Already joined (profile updated)", "Participant"),
                          "422": _error("Bad role or table."), **_REFUSALS}}},
        "/palabre/api/sessions/{code}/contributions": {"post": {
            "summary": "Send one answer; a replayed key returns the original.",
            "security": _PUBLIC, "parameters": [_CODE, _XSRF],
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Contribution"}}}},
            "responses": {"201": _json("Stored", "Stored"),
                          "200": _json("Replay: the original, nothing new", "Stored"),
                          "400": _error("Bad key or JSON."),
                          "409": _error("Answers closed, or the phase changed."),
                          "422": _error("Empty, too long, over the dots or the choices."),
                          **_REFUSALS}}},
        "/palabre/api/sessions/{code}/photos": {"post": {
            "summary": "Send one photo answer (multipart, the phone form's fields); a "
                       "replayed key returns the original.",
            "security": _PUBLIC, "parameters": [_CODE, {**_XSRF, "required": False}],
            "requestBody": {"required": True, "content": {"multipart/form-data": {
                "schema": {"$ref": "#/components/schemas/PhotoUpload"}}}},
            "responses": {"201": _json("Stored", "Stored"),
                          "200": _json("Replay: the original, nothing new", "Stored"),
                          "400": _error("Bad key."),
                          "409": _error("Answers closed, the phase changed, or it takes no "
                                        "photos."),
                          "413": _error("The photo is larger than 12 MB (error photo_too_big)."),
                          "415": _error("Not a picture that can be read (not_an_image)."),
                          "422": _error("No photo (photo_missing), or the caption too long."),
                          "403": _REFUSALS["403"], "404": _REFUSALS["404"],
                          "429": _REFUSALS["429"]}}},
        "/palabre/api/sessions/{code}/photos/{photo_id}": {"get": {
            "summary": "A stored photo (facilitator); Cache-Control: private.",
            "security": [{"token": []}], "parameters": [_CODE, _PHOTO_ID],
            "responses": {"200": {"description": "The picture, without metadata.",
                                  "content": {"image/jpeg": {}}},
                          "403": _error("No token."), "404": _error("No such photo.")}}},
        "/palabre/key": {"get": {
            "summary": "Where a facilitator's page without the server's key sends the browser "
                       "(HTML): says where the address with the key is printed.",
            "security": _PUBLIC, "parameters": [
                {"name": "next", "in": "query", "required": False,
                 "schema": {"type": "string"}, "description": "The page that was asked for."},
                _LANG],
            "responses": {"403": _html("The page, in the person's language."),
                          "302": {"description": "The key is already known: to `next`."}}}},
        "/palabre/assist/{code}": {
            "get": {"summary": "Assisted entry page: type in paper notes and ballots (HTML).",
                    "security": [{"token": []}], "parameters": [
                        _CODE, _LANG,
                        {"name": "phase", "in": "query", "required": False,
                         "schema": {"type": "string"},
                         "description": "The phase to type for (default: the current one)."}],
                    "responses": {"200": _html("The page."),
                                  "302": {"description": "No token: to /palabre/key."},
                                  "404": _html("Unknown code.")}},
            "post": {"summary": "Store one paper entry (phase, table, role, box, note, "
                                "column, answer, _xsrf) as the paper participant of its "
                                "table and box; retyping a box stores nothing new.",
                     "security": [{"token": []}], "parameters": [_CODE],
                     "requestBody": {"content": {"application/x-www-form-urlencoded": {}}},
                     "responses": {"303": {"description": "To the page, the entry confirmed."},
                                   "403": _html("No token, or no _xsrf."),
                                   "422": _html("The page, the error tied to its field.")}}},
        "/palabre/assist/{code}/undo": {"post": {
            "summary": "Take a paper entry back (hide=1, never deleted) or put it back (hide=0).",
            "security": [{"token": []}], "parameters": [_CODE],
            "requestBody": {"content": {"application/x-www-form-urlencoded": {}}},
            "responses": {"303": {"description": "To the assisted entry page."},
                          "403": _html("No token, or no _xsrf."),
                          "404": _html("No paper answer has this number.")}}},
        "/palabre/follow-ups/{code}": {
            "get": {"summary": "What became of each proposal (« droit de suite »): the "
                               "facilitator's page to record follow-ups, with their history "
                               "and the counts by status (HTML).",
                    "security": [{"token": []}], "parameters": [
                        _CODE, _LANG,
                        {"name": "number", "in": "query", "required": False,
                         "schema": {"type": "string"},
                         "description": "A proposal's number, to fill the form with it."},
                        {"name": "saved", "in": "query", "required": False,
                         "schema": {"type": "string"},
                         "description": "The proposal whose follow-up was just recorded."}],
                    "responses": {"200": _html("The page."),
                                  "302": {"description": "No token: to /palabre/key."},
                                  "404": _html("Unknown code.")}},
            "post": {"summary": "Record one change of a proposal's follow-up (number, status, "
                                "owner, due YYYY-MM-DD, note, reason, _xsrf); earlier changes "
                                "are kept.",
                     "security": [{"token": []}], "parameters": [_CODE],
                     "requestBody": {"content": {"application/x-www-form-urlencoded": {}}},
                     "responses": {"303": {"description": "To the page, the change confirmed."},
                                   "403": _html("No token, or no _xsrf."),
                                   "404": _html("Unknown code, or no answer has this number."),
                                   "409": _html("The answer is hidden, merged, or not a "
                                                "proposal."),
                                   "422": _html("The page, the error tied to its field.")}}},
        "/palabre/api/sessions/{code}/actions": {"post": {
            "summary": "Drive the room: phases, answers open/closed, results, timer, what a "
                       "vote is on.",
            "security": [{"token": []}], "parameters": [_CODE],
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Action"}}}},
            "responses": {"200": _json("New state", "SessionState"),
                          "403": _error("No token."), "404": _REFUSALS["404"],
                          "422": _error("Unknown action.")}}},
    },
}


# What any route may answer besides its own responses, described once (tests/server/
# test_fuzz.py holds the server to it): an HTML page on the phone and helper routes, JSON on
# the API, in the person's language, never a server error.
_ANY = {
    "400": "The request could not be read: a body, a form or an XSRF field that is not what "
           "the route reads.",
    "403": "No XSRF token, or not the server's token, or this device has not joined.",
    "404": "No session has this code, or it cannot be a code (error bad_code).",
    "413": "The body is larger than this route takes (max_body_bytes; a photo route 12 MB).",
    "429": "Too many requests; wait Retry-After seconds.",
    "500": "Something failed on the laptop (error unexpected): said in the person's language, "
           "never a traceback; the server keeps running.",
}


def _with_any(paths: dict) -> dict:
    for path, item in paths.items():
        api = path.startswith("/palabre/api/") or path == "/palabre/openapi.json"
        for method, operation in item.items():
            statuses = ["400", "403"] + (["404"] if "{code}" in path else [])
            statuses += ["413", "429"] if method == "post" else []
            statuses.append("500")
            for status in statuses:
                response = (_error if api else _html)(_ANY[status])
                if status == "429":
                    response["headers"] = {"Retry-After": {"schema": {"type": "integer"}}}
                operation["responses"].setdefault(status, response)
    return paths


def document() -> dict:
    found = copy.deepcopy(_DOCUMENT)
    _with_any(found["paths"])
    return found
