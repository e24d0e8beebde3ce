"""The phone pages, as a phone without JavaScript uses them, against the real server."""

from __future__ import annotations

import pytest

from palabre.i18n import Translator
from palabre.store.store import ROLES
from tests.fixtures.server import phone
from tests.server.conftest import act, answer, form_key, main_text

FR = Translator("fr")


# --- code entry -------------------------------------------------------------------------
def test_code_entry_form_has_a_labelled_field(live_server):
    with phone(live_server) as device:
        page = device.get("/j")
    assert page.status_code == 200
    assert '<html lang="fr">' in page.text
    assert '<label for="code">Code de l&#39;atelier</label>' in page.text


def test_typed_code_is_normalised_and_redirected(live_server, session):
    typed = f" {session.code[:2].lower()}-{session.code[2:].lower()} "
    with phone(live_server) as device:
        response = device.get("/j", params={"code": typed})
    assert response.status_code == 303
    assert response.headers["location"] == f"/j/{session.code}"


def test_a_malformed_code_shows_the_form_again_with_the_error_on_the_field(live_server):
    with phone(live_server) as device:
        response = device.get("/j", params={"code": "B0B"})
    assert response.status_code == 422
    assert 'aria-describedby="code-hint code-error"' in response.text
    assert 'id="code-error">Un code compte 5 lettres ou chiffres' in response.text
    assert 'value="B0B"' in response.text


def test_lowercase_code_in_the_address_redirects_to_the_canonical_one(live_server, session):
    with phone(live_server) as device:
        response = device.get(f"/j/{session.code.lower()}")
    assert response.status_code == 302
    assert response.headers["location"] == f"/j/{session.code}"


@pytest.mark.parametrize(("lang", "title", "advice"), [
    ("fr", "Atelier introuvable", "Aucun atelier n'a le code QQQQQ"),
    ("en", "Workshop not found", "No workshop has the code QQQQQ"),
])
def test_unknown_code_is_a_friendly_404_in_the_phone_language(live_server, lang, title,
                                                               advice):
    with phone(live_server, lang=lang) as device:
        response = device.get("/j/QQQQQ")
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in response.text
    text = main_text(response.text)
    assert title in text and advice in text
    assert 'action="/j"' in response.text  # what to do next: type another code


def test_unknown_path_under_j_is_the_friendly_404(live_server, session):
    with phone(live_server, lang="en") as device:
        response = device.get(f"/j/{session.code}/nothing/here")
    assert response.status_code == 404
    assert "This page does not exist" in response.text


# --- joining ----------------------------------------------------------------------------
def test_join_page_offers_roles_and_table_then_participer(live_server, session):
    with phone(live_server) as device:
        page = device.get(f"/j/{session.code}")
    assert page.status_code == 200
    for role in ROLES:
        assert f'<label for="role-{role}">' in page.text
    assert "<legend>Vous êtes (facultatif)</legend>" in page.text
    assert '<label for="table">' in page.text
    assert "Participer</button>" in page.text
    assert session.title in page.text


def test_join_without_profile_sets_a_device_cookie_once(live_server, session):
    with phone(live_server) as device:
        response = device.join(session.code)
        assert response.status_code == 303
        assert response.headers["location"] == f"/j/{session.code}"
        cookie = response.headers["set-cookie"]
        assert "palabre_device=" in cookie and "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie and "Path=/" in cookie and "expires=" in cookie.lower()
        assert len(device.cookies["palabre_device"]) == 32  # 128 random bits, hex
        device.join(session.code)  # a second tap: still one participant
    people = live_server.store.participants(session)
    assert len(people) == 1
    assert people[0].role is None and people[0].table is None and people[0].lang == "fr"


def test_join_with_profile_stores_role_and_clean_table(live_server, session):
    with phone(live_server) as device:
        device.join(session.code, role="elu", table="  Table\u202e 3  ")
        page = device.get(f"/j/{session.code}")
    assert 'id="answer-form"' in page.text
    (person,) = live_server.store.participants(session)
    assert person.role == "elu" and person.table == "Table 3"


def test_join_with_an_unknown_role_is_refused_on_the_form(live_server, session):
    with phone(live_server) as device:
        response = device.join(session.code, role="king", table="T2")
    assert response.status_code == 422
    assert "Choisissez l&#39;un des rôles proposés." in response.text
    assert 'value="T2"' in response.text  # what was typed is kept
    assert live_server.store.participants(session) == []


# --- answering --------------------------------------------------------------------------
def test_answer_without_javascript_then_confirmation(live_server, session, joined):
    response = answer(joined, session.code, text="Fermer le guichet le samedi")
    assert response.status_code == 303
    assert response.headers["location"].startswith(f"/j/{session.code}?sent=")
    page = joined.get(response.headers["location"])
    text = main_text(page.text)
    assert "Votre réponse a bien été reçue. Merci !" in text
    assert "Fermer le guichet le samedi" in text  # listed among the phone's own answers
    (row,) = live_server.store.contributions(session)
    assert row.text == "Fermer le guichet le samedi" and row.channel == "phone"


def test_a_double_submit_of_one_page_stores_once(live_server, session, joined):
    page = joined.get(f"/j/{session.code}")
    fields = {"key": form_key(page.text), "phase": "worsen", "text": "Une seule fois"}
    first = joined.post_form(f"/j/{session.code}/answer", fields)
    second = joined.post_form(f"/j/{session.code}/answer", fields)
    assert first.headers["location"] == second.headers["location"]
    assert len(live_server.store.contributions(session)) == 1


def test_every_page_renders_a_fresh_key(live_server, session, joined):
    one = form_key(joined.get(f"/j/{session.code}").text)
    two = form_key(joined.get(f"/j/{session.code}").text)
    assert one != two and len(one) >= 16


def test_too_long_text_is_refused_with_the_limit_and_kept(live_server, session, joined):
    typed = "é" * 281
    response = answer(joined, session.code, text=typed)
    assert response.status_code == 422
    assert 'id="text-error">Votre réponse est trop longue : 280 caractères' in response.text
    assert 'aria-describedby="text-hint text-error"' in response.text
    assert f">{typed}</textarea>" in response.text
    assert live_server.store.contributions(session) == []


def test_empty_text_is_refused(live_server, session, joined):
    response = answer(joined, session.code, text="   \u0000 ")
    assert response.status_code == 422
    assert FR("Please write something before sending.") in main_text(response.text)
    assert 'id="text-error"' in response.text
    assert live_server.store.contributions(session) == []


def test_hostile_text_is_stored_clean_and_rendered_escaped(live_server, session, joined):
    hostile = "<script>alert(1)</script>\u0000 \u202eevil\u202c & <b>bold</b>"
    answer(joined, session.code, text=hostile)
    (row,) = live_server.store.contributions(session)
    assert row.text == "<script>alert(1)</script> evil & <b>bold</b>"
    page = joined.get(f"/j/{session.code}").text
    assert "<script>alert(1)" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; evil &amp; &lt;b&gt;bold&lt;/b&gt;" in page


def test_closed_phase_says_so_and_refuses_with_409(live_server, session, joined):
    page = joined.get(f"/j/{session.code}").text
    act(live_server, session.code, "close")
    closed = joined.get(f"/j/{session.code}").text
    assert 'id="answer-form"' not in closed
    assert "Les réponses sont closes pour cette étape." in main_text(closed)
    response = joined.post_form(f"/j/{session.code}/answer",
                                {"key": form_key(page), "phase": "worsen", "text": "trop tard"})
    assert response.status_code == 409
    assert "Les réponses sont closes" in main_text(response.text)
    assert live_server.store.contributions(session) == []


def test_an_answer_for_a_phase_that_ended_is_not_misfiled(live_server, session, joined):
    page = joined.get(f"/j/{session.code}").text
    act(live_server, session.code, "advance")
    response = joined.post_form(f"/j/{session.code}/answer",
                                {"key": form_key(page), "phase": "worsen", "text": "en retard"})
    assert response.status_code == 409
    text = main_text(response.text)
    assert "L'animation est passée à une autre étape" in text
    assert "en retard" in text  # shown back so it can be copied
    assert "Retourner les idées" in text  # the new phase's form
    assert live_server.store.contributions(session) == []


def test_missing_xsrf_is_a_friendly_403(live_server, session, joined):
    page = joined.get(f"/j/{session.code}").text
    response = joined.post(f"/j/{session.code}/answer",
                           data={"key": form_key(page), "phase": "worsen", "text": "x"})
    assert response.status_code == 403
    assert "Cette page a expiré. Rechargez-la" in main_text(response.text)
    assert "Traceback" not in response.text
    assert live_server.store.contributions(session) == []


def test_answer_before_joining_leads_to_the_join_page(live_server, session):
    with phone(live_server) as device:
        response = device.post_form(f"/j/{session.code}/answer",
                                    {"key": "abcdefgh1234", "text": "x"})
    assert response.status_code == 303
    assert response.headers["location"] == f"/j/{session.code}"


# --- vote and choice --------------------------------------------------------------------
@pytest.fixture
def vote_session(live_server):
    """personas at its vote phase, with three proposals to vote on."""
    session = live_server.new_session("personas")
    with phone(live_server) as author:
        author.join(session.code)
        act(live_server, session.code, "go", index=session.exercise.index("proposals"))
        for idea in ("Permanence en mairie", "Numéro unique", "Courrier en FALC"):
            assert answer(author, session.code, text=idea).status_code == 303
    act(live_server, session.code, "go", index=session.exercise.index("vote"))
    return live_server.store.session(session.code)


@pytest.fixture
def voter(live_server, vote_session):
    with phone(live_server, lang="fr") as device:
        device.join(vote_session.code)
        yield device


def test_vote_form_lists_items_with_dot_selects(live_server, vote_session, voter):
    page = voter.get(f"/j/{vote_session.code}").text
    assert "<legend>Placez vos gommettes</legend>" in page
    assert "Vous avez 3 gommettes à placer." in page
    items = live_server.store.contributions(vote_session, "proposals")
    for item in items:
        # Each line shows the answer's number, as the wall's card does.
        assert (f'<label for="dots-{item.id}"><span class="ref">n° {item.number}</span> '
                f'{item.text}</label>') in page


def test_vote_within_budget_is_stored(live_server, vote_session, voter):
    one, two, _ = live_server.store.contributions(vote_session, "proposals")
    response = answer(voter, vote_session.code, **{f"dots-{one.id}": "2", f"dots-{two.id}": "1"})
    assert response.status_code == 303
    (vote,) = live_server.store.contributions(vote_session, "vote")
    assert vote.body == {"dots": {str(one.id): 2, str(two.id): 1}}


def test_vote_over_budget_is_refused_and_kept(live_server, vote_session, voter):
    one, two, three = live_server.store.contributions(vote_session, "proposals")
    response = answer(voter, vote_session.code, **{f"dots-{one.id}": "2", f"dots-{two.id}": "2",
                                                    f"dots-{three.id}": "1"})
    assert response.status_code == 422
    expected = FR("You have {dots} dots and placed {used}. Remove some and send again.",
                  dots=3, used=5)
    assert expected in main_text(response.text)
    assert 'id="dots-error"' in response.text
    assert '<option value="2" selected>' in response.text
    assert live_server.store.contributions(vote_session, "vote") == []


def test_a_new_vote_replaces_the_last_and_the_form_shows_it(live_server, vote_session, voter):
    one, two, three = live_server.store.contributions(vote_session, "proposals")
    answer(voter, vote_session.code, **{f"dots-{one.id}": "3"})
    answer(voter, vote_session.code, **{f"dots-{two.id}": "1", f"dots-{three.id}": "2"})
    page = voter.get(f"/j/{vote_session.code}").text
    text = main_text(page)
    assert "Votre réponse retenue" in text and "seule la dernière envoyée compte" in text
    assert f"{two.text} (1) · {three.text} (2)" in text and f"{one.text} (3)" not in text
    assert page.count('<option value="2" selected>') == 1  # pre-filled with the last ballot
    assert page.count('<option value="1" selected>') == 1


@pytest.fixture
def choice_session(live_server):
    """A session whose first phase is a multiple choice, 2 answers at most."""
    from palabre.exercises.loader import parse_format
    exercise = parse_format("""
id: survey
title: {fr: Enquête, en: Survey}
question: {fr: "Vos priorités ?", en: "Your priorities?"}
phases:
  - id: priorities
    kind: choice
    max_answers: 2
    title: {fr: Priorités, en: Priorities}
    prompt: {fr: "Qu'est-ce qui compte ?", en: "What matters?"}
    choices:
      - {fr: Accueil, en: Welcome}
      - {fr: Délais, en: Delays}
      - {fr: Clarté, en: Clarity}
""")
    return live_server.store.create_session(exercise, title="Enquête")


def test_choice_form_uses_checkboxes_and_says_the_maximum(live_server, choice_session, joined):
    joined.join(choice_session.code)
    page = joined.get(f"/j/{choice_session.code}").text
    assert page.count('type="checkbox" name="choices"') == 3
    assert "2 réponses maximum" in page
    assert "<legend>Votre réponse</legend>" in page


def test_choice_over_max_answers_is_refused(live_server, choice_session, joined):
    joined.join(choice_session.code)
    response = answer(joined, choice_session.code, choices=["0", "1", "2"])
    assert response.status_code == 422
    assert FR("Choose at most {max_answers} answers.", max_answers=2) in main_text(response.text)
    assert 'id="choices-error"' in response.text
    assert live_server.store.contributions(choice_session) == []
    ok = answer(joined, choice_session.code, choices=["0", "2"])
    assert ok.status_code == 303
    (row,) = live_server.store.contributions(choice_session)
    assert row.body == {"choices": [0, 2]}


# --- language ---------------------------------------------------------------------------
def test_english_from_accept_language(live_server, session):
    with phone(live_server, lang="en-GB,en;q=0.8") as device:
        page = device.get(f"/j/{session.code}").text
    assert '<html lang="en">' in page
    assert "Participate</button>" in page


def test_language_switch_link_sets_a_cookie(live_server, session):
    with phone(live_server, lang="fr") as device:
        page = device.get(f"/j/{session.code}").text
        assert f'href="/j/{session.code}?lang=en"' in page
        switched = device.get(f"/j/{session.code}", params={"lang": "en"})
        assert '<html lang="en">' in switched.text
        assert device.cookies["palabre_lang"] == "en"
        again = device.get(f"/j/{session.code}").text  # the cookie wins over Accept-Language
        assert '<html lang="en">' in again
        assert f'href="/j/{session.code}?lang=fr"' in again


def test_phase_texts_follow_the_language(live_server, session, joined):
    english = joined.get(f"/j/{session.code}", params={"lang": "en"}).text
    assert "<h1>Worst ideas</h1>" in english
    assert "How could we be even LESS close" in english
