"""The OpenAPI 3.0 description of palabre's routes, written as data.

tests/server/test_openapi.py walks palabre.server.handlers.HANDLERS and this document and fails
when a path or a method is missing on either side.
"""

from __future__ import annotations

import copy

from palabre import __version__
from palabre.exercises import KINDS
from palabre.exercises.kinds import EMPATHY_PARTS
from palabre.labels import SIDE_LABELS
from palabre.store.store import ROLES

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


def _kinds(having) -> str:
    """The kinds of the registry a field applies to, as the description lists them."""
    return ", ".join(name for name, kind in KINDS.items() if having(kind))


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
        "schemas": {
            "Error": {"type": "object", "required": ["error", "message"], "properties": {
                "error": {"type": "string", "example": "too_long"},
                "message": {"type": "string"},
                "field": {"type": "string", "nullable": True}}},
            "Phase": {"type": "object", "description": (
                "The current phase as this device sees it. Fields after `assigned` depend "
                "on the kind; some depend on the device (its worse ideas to turn around, its "
                "table's persona, the point of view it argues from)."),
                "required": ["id", "kind", "title", "prompt", "index", "count", "accepting",
                             "results_visible", "timebox_min", "remaining_s", "timer_running",
                             "collects", "table", "assigned"], "properties": {
                "id": {"type": "string"}, "kind": {"type": "string", "enum": list(KINDS)},
                "title": {"type": "string"}, "prompt": {"type": "string"},
                "index": {"type": "integer"}, "count": {"type": "integer"},
                "accepting": {"type": "boolean"}, "results_visible": {"type": "boolean"},
                "collects": {"type": "boolean", "description": "false: the facilitator works "
                             f"on the screen ({_kinds(lambda k: not k.collects)}), phones "
                             "have nothing to send"},
                "timebox_min": {"type": "number", "nullable": True},
                "remaining_s": {"type": "integer", "nullable": True},
                "timer_running": {"type": "boolean"},
                "table": {"type": "integer", "nullable": True, "description": (
                    "the mixed table the facilitator gave this device; null until tables "
                    "are proposed")},
                "assigned": {"type": "string", "description": (
                    "what the room gave this device (its table, its table's persona, its "
                    "worse ideas, its point of view) in one string: a change means the page "
                    "should be read again")},
                "max_chars": {"type": "integer",
                              "description": _kinds(lambda k: "max_chars" in k.params)},
                "categories": {"type": "array", "items": {"type": "string"},
                               "description": "ideas: the columns (answer category = index); "
                                              "empty when the phase has none"},
                "dots": {"type": "integer", "description": "vote"},
                "max_per_item": {"type": "integer", "description": "vote"},
                "items": {"type": "array", "description": (
                    "vote: the items to vote on; invert: the worse ideas given to this "
                    "device (answer source_id = id)"), "items": {
                    "type": "object", "properties": {
                        "id": {"oneOf": [{"type": "integer"}, {"type": "string"}],
                               "description": (
                                   "invert: the worse idea's id (answer source_id); vote: "
                                   "the ballot key (a key of the answer's dots), an answer's "
                                   "id or a theme's (t1, t2...), as a string")},
                        "text": {"type": "string"},
                        "number": {"type": "integer", "description": (
                            "the answer's number in the workshop, as on the wall")},
                        "theme": {"type": "boolean", "description": "vote: a theme"},
                        "size": {"type": "integer",
                                 "description": "vote: the answers the item stands for"}}}},
                "per_participant": {"type": "integer", "description": "invert"},
                "choices": {"type": "array", "items": {"type": "string"},
                            "description": "choice"},
                "max_answers": {"type": "integer", "description": "choice"},
                "persona": {"type": "object", "nullable": True, "description": (
                    "persona: the persona given to this device's table (else to the room); "
                    "null until the facilitator gives one"), "properties": {
                    "id": {"type": "string"}, "name": {"type": "string"},
                    "age": {"type": "integer", "nullable": True},
                    "situation": {"type": "string"}, "quote": {"type": "string"}}},
                "fields": {"type": "array", "description": "persona: the parts of the "
                           "empathy map (answer field = id)", "items": {
                               "type": "object", "properties": {
                                   "id": {"type": "string", "enum": list(EMPATHY_PARTS)},
                                   "label": {"type": "string"}}}},
                "proposition": {"type": "string", "description": "argument"},
                "viewpoint": {"type": "string", "nullable": True,
                              "enum": [*ROLES, None],
                              "description": "argument: the point of view this device argues "
                                             "from; null before it joins"},
                "viewpoint_label": {"type": "string", "nullable": True,
                                    "description": "argument"},
                "steps": {"type": "integer", "description": "scale: values 1..steps"},
                "low": {"type": "string", "description": "scale: label of 1"},
                "high": {"type": "string", "description": "scale: label of steps"},
                "max_mb": {"type": "integer", "description": "photo: largest file"}}},
            "SessionState": {"type": "object", "required": [
                "code", "title", "question", "lang", "version", "phase"], "properties": {
                "code": {"type": "string"}, "title": {"type": "string"},
                "question": {"type": "string"},
                "inverted_question": {"type": "string", "description": (
                    "only when the format turns its question around")},
                "proposition": {"type": "string", "description": (
                    "only when the format argues for or against a proposition")},
                "lang": {"type": "string"},
                "version": {"type": "integer"},
                "phase": {"$ref": "#/components/schemas/Phase"}}},
            "Join": {"type": "object", "properties": {
                "role": {"type": "string", "enum": list(ROLES)},
                "table": {"type": "string", "description": (
                    "At most 60 characters once cleaned (controls dropped, spaces joined); "
                    "longer: 422 too_long.")},
                "lang": {"type": "string", "description": (
                    "fr or en; anything else: the language the phone asked for.")}}},
            "Participant": {"type": "object", "required": ["id", "role", "table", "lang"],
                            "properties": {
                "id": {"type": "integer"}, "role": {"type": "string", "nullable": True},
                "table": {"type": "string", "nullable": True},
                "lang": {"type": "string", "nullable": True}}},
            "Contribution": {"type": "object", "required": ["key", "answer"], "properties": {
                "key": {"type": "string", "minLength": 8, "maxLength": 64,
                        "pattern": "^[A-Za-z0-9_-]+$",
                        "description": "Idempotency key: a replay stores nothing new."},
                "phase": {"type": "string",
                          "description": "The phase the answer was written for; 409 when "
                                         "it is no longer the current one."},
                "answer": {"oneOf": [
                    {"type": "object", "required": ["text"], "description": "ideas",
                     "properties": {"text": {"type": "string"},
                                    "category": {"type": "integer"}}},
                    {"type": "object", "required": ["source_id", "text"],
                     "description": "invert", "properties": {
                         "source_id": {"type": "integer"}, "text": {"type": "string"}}},
                    {"type": "object", "required": ["field", "text"], "description": "persona",
                     "properties": {"field": {"type": "string"}, "text": {"type": "string"}}},
                    {"type": "object", "required": ["side", "text"], "description": "argument",
                     "properties": {"side": {"type": "string", "enum": list(SIDE_LABELS)},
                                    "text": {"type": "string"}}},
                    {"type": "object", "required": ["value"], "description": "scale",
                     "properties": {"value": {"type": "integer"}}},
                    {"type": "object", "required": ["dots"], "properties": {"dots": {
                        "type": "object", "additionalProperties": {"type": "integer"}}}},
                    {"type": "object", "required": ["choices"], "properties": {"choices": {
                        "type": "array", "items": {"type": "integer"}}}}]}}},
            "Stored": {"type": "object", "required": ["id", "phase", "created"], "properties": {
                "id": {"type": "integer"},
                "number": {"type": "integer", "description": (
                    "the answer's number in the workshop (1, 2, 3...), as the wall, the "
                    "paper and the exports show it")},
                "phase": {"type": "string"},
                "created": {"type": "boolean"}}},
            "PhotoUpload": {"type": "object", "required": ["key", "photo"], "properties": {
                "key": {"type": "string", "minLength": 8, "maxLength": 64,
                        "description": "Idempotency key: a replay stores nothing new."},
                "phase": {"type": "string"},
                "caption": {"type": "string"},
                "_xsrf": {"type": "string", "description": "or the X-XSRFToken header"},
                "photo": {"type": "string", "format": "binary",
                          "description": "JPEG, PNG, WebP or GIF, 12 MB at most; re-encoded "
                                         "without its metadata before it is stored."}}},
            "SessionList": {"type": "object", "required": ["sessions"], "properties": {
                "sessions": {"type": "array", "items": {
                    "type": "object", "required": ["code", "exercise", "title", "forum",
                                                   "participants", "answers", "created_at"],
                    "properties": {
                        "code": {"type": "string"}, "exercise": {"type": "string"},
                        "title": {"type": "string"},
                        "forum": {"type": "string", "nullable": True},
                        "participants": {"type": "integer", "minimum": 0},
                        "answers": {"type": "integer", "minimum": 0},
                        "created_at": {"type": "string", "format": "date-time"}}}}}},
            "CreatedSession": {"type": "object", "required": [
                "code", "title", "exercise", "join_url", "state"], "properties": {
                "code": {"type": "string"}, "title": {"type": "string"},
                "exercise": {"type": "string"},
                "join_url": {"type": "string", "nullable": True, "description": (
                    "the address phones open (null when the server does not know its "
                    "public address)")},
                "state": {"$ref": "#/components/schemas/SessionState"}}},
            "NewSession": {"type": "object", "required": ["exercise", "title"], "properties": {
                "exercise": {"type": "string", "example": "reverse-brainstorm"},
                "title": {"type": "string"},
                "question": {"type": "string", "description": (
                    "The workshop's own question (default: the format's). The format's "
                    "prompts say where it goes, so it reaches every phase.")},
                "inverted_question": {"type": "string", "description": (
                    "Formats that turn their question around (reverse brainstorm): the "
                    "inverted question. With a new question and none given, one is derived "
                    "from it; the response's state says which.")},
                "proposition": {"type": "string", "description": (
                    "Formats that argue for or against a proposition (role swap): a "
                    "statement, not a question. Required with a new question.")},
                "place": {"type": "string"}, "held_on": {"type": "string"},
                "facilitator": {"type": "string"}, "lang": {"type": "string"},
                "forum": {"type": "string"}}},
            "Action": {"type": "object", "required": ["action"], "properties": {
                "action": {"type": "string", "enum": [
                    "advance", "back", "go", "open", "close", "reveal", "hide", "timer_start",
                    "timer_pause", "timer_add_minute", "timer_reset", "ballot"]},
                "index": {"type": "integer", "description": "for go"},
                "phase": {"type": "string", "description": "for ballot: the vote phase "
                          "(default: the current one)"},
                "mode": {"type": "string", "enum": ["auto", "themes", "shortlist", "all"],
                         "description": "for ballot: what the vote is on; auto: by room size"},
                "items": {"type": "array", "items": {"type": "integer"},
                          "description": "for ballot with shortlist: the answers' numbers"}}},
        },
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
