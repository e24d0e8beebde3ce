"""The JSON shapes of palabre's API (OpenAPI components): what a phone and the facilitator
send and get. The document itself, its paths and their answers, is palabre.server.openapi."""

from __future__ import annotations

from palabre.exercises import KINDS
from palabre.exercises.kinds import EMPATHY_PARTS
from palabre.labels import SIDE_LABELS
from palabre.store.store import ROLES


def _kinds(having) -> str:
    """The kinds of the registry a field applies to, as the description lists them."""
    return ", ".join(name for name, kind in KINDS.items() if having(kind))


SCHEMAS = {
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
}
