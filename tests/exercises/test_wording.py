"""The workshop's own words reach every prompt: formats say where the question goes, the
loader checks each placeholder, and a new question never keeps the format's own words."""

from __future__ import annotations

import dataclasses
import textwrap

import pytest
from palabre.exercises import FormatError, builtin_formats
from palabre.exercises.loader import exercise_from_dict, parse_format
from palabre.exercises.messages import Refusal
from palabre.exercises.wording import invert_question

from palabre.i18n import Translator

QUESTION = "Comment mieux accueillir les familles à la CAF de Rennes ?"
PROPOSITION = "Les familles doivent pouvoir venir sans rendez-vous."
WORDED = textwrap.dedent("""\
    id: worded
    title: {fr: Mots, en: Words}
    question: {fr: "Comment faire ?", en: "How?"}
    inverted_question: {fr: "Comment rater ?", en: "How to fail?"}
    phases:
      - id: worse
        kind: ideas
        title: {fr: Pire, en: Worse}
        prompt: {fr: "{inverted_question} Une idée.", en: "{inverted_question} One idea."}
      - id: better
        kind: ideas
        title: {fr: Mieux, en: Better}
        prompt: {fr: "{question} Vos idées {{entre accolades}}.", en: "{question} Ideas."}
""")


def _builtin_texts(exercise) -> set[str]:
    """The format's own words, as a literal anywhere would repeat them."""
    return {text for value in exercise.words().values() for text in (value.fr, value.en)}


def test_prompts_say_where_the_words_go_and_are_filled_in():
    worded = parse_format(WORDED, "worded.yaml")
    assert worded.phase("worse").prompt.fr == "Comment rater ? Une idée."
    assert worded.phase("worse").template.fr == "{inverted_question} Une idée."
    assert worded.phase("better").prompt.fr == "Comment faire ? Vos idées {entre accolades}."
    again = exercise_from_dict(worded.to_dict())
    assert [p.prompt for p in again.phases] == [p.prompt for p in worded.phases]


@pytest.mark.parametrize("exercise_id", sorted(builtin_formats()))
def test_a_new_question_leaves_none_of_the_format_s_own_words(exercise_id):
    exercise = builtin_formats()[exercise_id]
    own = exercise.with_changes(question=QUESTION, proposition=PROPOSITION
                                if "proposition" in exercise.needs() else None)
    texts = [getattr(p.prompt, lang) for p in own.phases for lang in ("fr", "en")]
    texts += [getattr(w, lang) for w in own.words().values() for lang in ("fr", "en")]
    for builtin in _builtin_texts(exercise):
        assert not [t for t in texts if builtin in t], (exercise_id, builtin)
    assert any(QUESTION in t for t in texts)
    stored = exercise_from_dict(own.to_dict())
    assert [p.prompt for p in stored.phases] == [p.prompt for p in own.phases]


def test_a_reverse_brainstorm_proposes_its_inverted_question_or_takes_the_facilitator_s():
    reverse = builtin_formats()["reverse-brainstorm"]
    proposed = reverse.with_changes(question=QUESTION)
    assert proposed.inverted_question.fr == invert_question(QUESTION, "fr")
    assert proposed.phase("worsen").prompt.fr.startswith(invert_question(QUESTION, "fr"))
    chosen = reverse.with_changes(question=QUESTION, inverted_question="Comment décourager ?")
    assert chosen.phase("worsen").prompt.en.startswith("Comment décourager ?")
    assert reverse.with_changes(question=reverse.question.fr) is reverse


def test_a_role_swap_argues_a_proposition_asked_for_with_a_new_question():
    swap = builtin_formats()["role-swap"]
    with pytest.raises(Refusal) as missing:
        swap.with_changes(question=QUESTION)
    assert missing.value.values["field"] == "proposition"
    assert "proposition" in missing.value.translated(Translator("fr").gettext)
    with pytest.raises(Refusal):
        swap.with_changes(question=QUESTION, proposition="Faut-il un rendez-vous ?")
    own = swap.with_changes(question=QUESTION, proposition=PROPOSITION)
    argued = own.phase("arguments")
    assert own.argued(argued).fr == PROPOSITION and PROPOSITION in argued.prompt.fr


def test_words_a_format_does_not_take_are_refused():
    with pytest.raises(Refusal) as caught:
        builtin_formats()["personas"].with_changes(inverted_question="Comment rater ?")
    assert caught.value.values["field"] == "inverted_question"
    with pytest.raises(Refusal):
        builtin_formats()["reverse-brainstorm"].with_changes(proposition=PROPOSITION)


def test_a_facilitator_s_own_prompt_is_taken_literally():
    reverse = builtin_formats()["reverse-brainstorm"]
    phase = reverse.phase("flip").reworded("Une solution {concrète}")
    edited = dataclasses.replace(reverse, phases=(reverse.phases[0], phase, *reverse.phases[2:]))
    moved = edited.with_changes(question=QUESTION)
    assert moved.phase("flip").prompt.fr == "Une solution {concrète}"
    assert exercise_from_dict(moved.to_dict()).phase("flip").prompt.fr == "Une solution {concrète}"


@pytest.mark.parametrize(("broken", "line", "field", "says"), [
    (WORDED.replace('"{question} Ideas."', '"{questoin} Ideas."'), 13, "phases[1].prompt.en",
     "{questoin}"),
    (WORDED.replace('"{question} Ideas."', '"{question Ideas."'), 13, "phases[1].prompt.en",
     "a brace opens or closes no placeholder"),
    (WORDED.replace('"{question} Ideas."', '"{question:>9} Ideas."'), 13, "phases[1].prompt.en",
     "{question:>9}"),
    (WORDED.replace('inverted_question: {fr: "Comment rater ?", en: "How to fail?"}\n', ""), 8,
     "phases[0].prompt.fr", "inverted_question"),
    (WORDED.replace("phases:", 'proposition: {fr: "Faut-il ?", en: "Should we?"}\nphases:'), 5,
     "proposition.fr", "statement"),
])
def test_a_wrong_placeholder_names_its_file_line_and_field(broken, line, field, says):
    with pytest.raises(FormatError) as caught:
        parse_format(broken, "mots.yaml")
    error = caught.value
    assert (error.path, error.line, error.field) == ("mots.yaml", line, field)
    assert says in str(error)
    assert "ligne" in error.translated(Translator("fr").gettext)


@pytest.mark.parametrize(("question", "lang", "inverted"), [
    ("Comment être plus proche de ses usagers ?", "fr",
     "Comment être encore MOINS proche de ses usagers ?"),
    (QUESTION, "fr", "Comment accueillir le plus MAL possible les familles à la CAF de Rennes ?"),
    ("Comment améliorer l'accueil ?", "fr", "Comment DÉGRADER l'accueil ?"),
    ("Comment ne plus perdre de dossiers ?", "fr",
     "Comment échouer à coup sûr ? (Comment ne plus perdre de dossiers ?)"),
    ("How can we better welcome families?", "en",
     "How could we welcome families as BADLY as possible?"),
    ("How can we make the forms more readable?", "en",
     "How could we make the forms even LESS readable?"),
    ("What should the desk do?", "en", "How could we be sure to fail? (What should the desk do?)"),
])
def test_the_proposed_inverted_question_turns_the_question_s_own_words(question, lang,
                                                                        inverted):
    assert invert_question(question, lang) == inverted


def test_the_built_in_inverted_question_is_what_palabre_would_propose():
    reverse = builtin_formats()["reverse-brainstorm"]
    assert invert_question(reverse.question.fr, "fr") == reverse.inverted_question.fr
