"""Shared helpers for the server tests: a fresh session per test and phones that joined it."""

from __future__ import annotations

import html
import re

import pytest

from tests.fixtures.server import Phone, phone


@pytest.fixture
def session(live_server):
    return live_server.new_session()


@pytest.fixture
def joined(live_server, session):
    """A phone that has joined `session` (French, no profile)."""
    with phone(live_server, lang="fr") as device:
        assert device.join(session.code).status_code == 303
        yield device


def form_key(page_html: str) -> str:
    """The idempotency key rendered into the answer form."""
    return re.search(r'name="key" value="([^"]+)"', page_html).group(1)


def main_text(page_html: str) -> str:
    """The visible text of <main>, tags removed and entities decoded."""
    body = page_html[page_html.index("<main"):page_html.index("</main>")]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))).strip()


def answer(device: Phone, code: str, **fields):
    """Send the current form as a phone without JavaScript would."""
    page = device.get(f"/j/{code}")
    phase = re.search(r'name="phase" value="([^"]+)"', page.text).group(1)
    return device.post_form(f"/j/{code}/answer",
                            {"key": form_key(page.text), "phase": phase, **fields})


def act(live_server, code: str, action: str, **extra):
    with live_server.facilitator() as laptop:
        response = laptop.post(f"/palabre/api/sessions/{code}/actions",
                               json={"action": action, **extra})
    assert response.status_code == 200, response.text
    return response.json()


# --- a format with every phase kind -----------------------------------------------------
EVERY_KIND = """
id: every-kind
title: {fr: Tous les types, en: Every kind}
question: {fr: "Comment mieux accueillir ?", en: "How to welcome people better?"}
phases:
  - id: worse
    kind: ideas
    title: {fr: Pires idées, en: Worst ideas}
    prompt: {fr: "Comment faire encore pire ?", en: "How could it be even worse?"}
  - id: turn
    kind: invert
    source: worse
    per_participant: 2
    title: {fr: Retourner les idées, en: Turn them around}
    prompt: {fr: "Retournez chaque pire idée.", en: "Turn each one into a good idea."}
  - id: themes
    kind: cluster
    source: turn
    title: {fr: Thèmes, en: Themes}
    prompt: {fr: "L'animation regroupe les idées.", en: "The facilitator groups the ideas."}
  - id: map
    kind: persona
    fields: [says, needs, pains]
    title: {fr: Carte d'empathie, en: Empathy map}
    prompt: {fr: "Mettez-vous à sa place.", en: "Step into their shoes."}
  - id: debate
    kind: argument
    proposition: {fr: "Fermer le guichet le samedi", en: "Close the desk on Saturdays"}
    title: {fr: Pour ou contre, en: For or against}
    prompt: {fr: "Donnez un argument.", en: "Give an argument."}
  - id: mood
    kind: scale
    low: {fr: Pas du tout, en: Not at all}
    high: {fr: Tout à fait, en: Completely}
    title: {fr: Satisfaction, en: Satisfaction}
    prompt: {fr: "Êtes-vous bien accueilli ?", en: "Are you welcomed well?"}
  - id: wall
    kind: photo
    title: {fr: Photo du paperboard, en: Flipchart photo}
    prompt: {fr: "Photographiez votre paperboard.", en: "Take a photo of your flipchart."}
  - id: grid
    kind: ideas
    categories:
      - {fr: Ça marche, en: What works}
      - {fr: À améliorer, en: To improve}
    title: {fr: Grille de retours, en: Feedback grid}
    prompt: {fr: "Qu'avez-vous retenu ?", en: "What did you take away?"}
  - id: vote
    kind: vote
    source: turn
    dots: 3
    title: {fr: Vote, en: Vote}
    prompt: {fr: "Placez vos gommettes.", en: "Place your dots."}
  - id: survey
    kind: choice
    max_answers: 2
    choices:
      - {fr: Accueil, en: Welcome}
      - {fr: Délais, en: Delays}
      - {fr: Clarté, en: Clarity}
    title: {fr: Priorités, en: Priorities}
    prompt: {fr: "Qu'est-ce qui compte ?", en: "What matters?"}
  - id: pitches
    kind: pitch
    title: {fr: Pitchs, en: Pitches}
    prompt: {fr: "Chaque équipe présente son idée.", en: "Each team presents its idea."}
"""


@pytest.fixture(scope="session")
def every_kind():
    from palabre.exercises.loader import parse_format

    return parse_format(EVERY_KIND, "every-kind.yaml")


def session_at(live_server, exercise, phase_id: str, title: str = "Atelier test"):
    """A new session of `exercise`, moved to the phase `phase_id`."""
    session = live_server.store.create_session(exercise, title=title)
    if phase_id != exercise.phases[0].id:
        act(live_server, session.code, "go", index=exercise.index(phase_id))
    return live_server.store.session(session.code)


def seed(live_server, session, phase_id: str, texts: list[str], **profile):
    """Answers of an earlier phase, stored as one phone's (straight through the door)."""
    from palabre import answers

    store = live_server.store
    author = store.join(session, f"seed-{phase_id}-{len(texts)}", channel="phone", **profile)
    return [answers.submit(store, session, author, {"text": text}, f"seed-{phase_id}-{i:04d}",
                           phase_id=phase_id)[0] for i, text in enumerate(texts)]
