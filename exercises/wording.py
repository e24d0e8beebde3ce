"""The workshop's own words in a format's prompts: placeholders, and an inverted question to
propose.

A prompt says where the workshop's question goes (``{question}``, ``{inverted_question}``,
``{proposition}``) instead of repeating a literal, so the facilitator's question reaches every
phase, phone and export. ``{{`` and ``}}`` are literal braces.
"""

from __future__ import annotations

import re
from string import Formatter

from .messages import N_, Refusal

# What a prompt may refer to, and the format field that gives each one its default.
PLACEHOLDERS = ("question", "inverted_question", "proposition")


def placeholders(template: str) -> list[str]:
    """The names a template refers to. ValueError with the placeholder as written when it is
    not a plain name, or with an empty text for a lone brace (neither a placeholder nor
    doubled)."""
    try:
        parsed = list(Formatter().parse(template))
    except ValueError:
        raise ValueError("") from None
    names = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            raise ValueError("{" + name + (f"!{conversion}" if conversion else "")
                             + (f":{spec}" if spec else "") + "}")
        names.append(name)
    return names


def fill(template: str, values: dict[str, str]) -> str:
    """The template with the workshop's words in; the words themselves are never parsed."""
    return template.format_map(values)


def escape(text: str) -> str:
    """A literal text as a template (a facilitator's own prompt may contain braces)."""
    return text.replace("{", "{{").replace("}", "}}")


def check_proposition(text: str) -> str:
    """A proposition is argued for or against: a statement, not a question."""
    text = text.strip()
    if text.endswith("?"):
        raise Refusal(N_("A proposition is a statement people argue for or against, not a "
                         "question: for example “Every procedure must stay possible at the "
                         "desk.”"), field="proposition")
    return text


# --- an inverted question to propose ---------------------------------------------------------
# A reverse brainstorm first asks how to make things worse. These few rules turn the usual
# shapes of a question around («plus» / «moins», «mieux», a verb of improvement); the
# facilitator always sees the result and confirms or rewrites it. The word that turns is in
# capitals, as in the built-in format, so the room notices it.
_FR_VERBS = {
    "améliorer": "dégrader", "faciliter": "compliquer", "simplifier": "compliquer",
    "réduire": "augmenter", "diminuer": "augmenter", "augmenter": "réduire",
    "renforcer": "affaiblir", "encourager": "décourager", "favoriser": "freiner",
    "accélérer": "ralentir", "raccourcir": "allonger", "valoriser": "dévaloriser",
    "rapprocher": "éloigner", "inclure": "exclure", "ouvrir": "fermer", "aider": "décourager",
    "développer": "freiner", "garantir": "compromettre",
}
_EN_VERBS = {
    "improve": "worsen", "simplify": "complicate", "ease": "complicate",
    "reduce": "increase", "increase": "reduce", "strengthen": "weaken",
    "encourage": "discourage", "help": "hinder", "support": "undermine",
    "speed": "slow", "shorten": "lengthen", "include": "exclude", "open": "close",
    "develop": "hold back", "guarantee": "jeopardise",
}
_EN_COMPARATIVES = {
    "closer to": "even FURTHER from", "closer": "even FURTHER", "easier": "even HARDER",
    "simpler": "even MORE complicated", "faster": "even SLOWER", "clearer": "even LESS clear",
    "better": "even WORSE",
}
_FR_FALLBACK = "Comment échouer à coup sûr ? ({question})"
_EN_FALLBACK = "How could we be sure to fail? ({question})"


def _word(word: str) -> re.Pattern:
    return re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", re.IGNORECASE)


def _swap_verb(question: str, verbs: dict[str, str]) -> str | None:
    for verb, opposite in verbs.items():
        pattern = _word(verb)
        if pattern.search(question):
            return pattern.sub(opposite.upper(), question, count=1)
    return None


def _invert_fr(question: str) -> str | None:
    mieux = re.search(r"(?<![\w'’-])mieux\s+([\w'’-]+)", question, re.IGNORECASE)
    if mieux:
        return (question[:mieux.start()] + mieux.group(1) + " le plus MAL possible"
                + question[mieux.end():])
    for word, turned in (("plus", "encore MOINS"), ("moins", "encore PLUS")):
        pattern = re.compile(rf"(?<![\w'’-])(?<!ne ){word}(?![\w'’-])", re.IGNORECASE)
        if pattern.search(question):
            return pattern.sub(turned, question, count=1)
    return _swap_verb(question, _FR_VERBS)


def _invert_en(question: str) -> str | None:
    question = re.sub(r"^How can we\b", "How could we", question, flags=re.IGNORECASE)
    better = re.search(r"\b(?:we|to|you|us) (better\s+)", question, re.IGNORECASE)
    if better:
        rest = question[better.end(1):].rstrip()
        end = "?" if rest.endswith("?") else ""
        return (question[:better.start(1)] + rest.rstrip("?").rstrip() + " as BADLY as possible"
                + end)
    for word, turned in (("more", "even LESS"), ("less", "even MORE"), *_EN_COMPARATIVES.items()):
        pattern = _word(word)
        if pattern.search(question):
            return pattern.sub(turned, question, count=1)
    return _swap_verb(question, _EN_VERBS)


def invert_question(question: str, lang: str = "fr") -> str:
    """An inverted question to propose for a reverse brainstorm (the facilitator confirms or
    edits it): the question's own words turned around when its shape allows, else the
    question framed as how to fail."""
    question = " ".join(question.split())
    turned = _invert_en(question) if lang == "en" else _invert_fr(question)
    if turned:
        return turned
    return (_EN_FALLBACK if lang == "en" else _FR_FALLBACK).format(question=question)
