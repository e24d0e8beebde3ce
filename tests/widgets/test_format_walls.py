"""Projector views of the richer formats, rendered from a real store: what the wall shows."""

from __future__ import annotations

import base64
import html
import io
import re

from palabre.exercises import Localized, Phase, builtin_formats
from palabre.exercises.kinds import EMPATHY_PARTS
from palabre.widgets import Sources, render_wall
from PIL import Image

from palabre import synthesis
from palabre.i18n import Translator

FR = Translator("fr")


def phase(kind, pid, reveal="live", **params):
    return Phase(id=pid, kind=kind, title=Localized("t"), prompt=Localized("p"), reveal=reveal,
                 params=params)


def stored(store, session, phase_id, kind, body, participant=None):
    key = f"key-{phase_id}-{len(store.contributions(session, include_hidden=True))}-w"
    return store.contribute(session, participant=participant, phase_id=phase_id, kind=kind,
                            body=body, text=body.get("text") or body.get("caption"), key=key)[0]


def wall(store, session, ph, visible=True, page=0, sources=None):
    snap = synthesis.snapshot(store, session.code)
    return render_wall(snap, ph, FR, visible=visible, page=page,
                       sources=sources or Sources())


def test_inversions_sit_under_the_worse_idea_they_turn_around(store):
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="R")
    worse = [stored(store, session, "worsen", "ideas", {"text": t})
             for t in ("Fermer le guichet", "Ne <jamais> répondre")]
    stored(store, session, "flip", "invert", {"source_id": worse[0].id,
                                               "text": "Ouvrir le samedi"})
    flip = phase("invert", "flip", source="worsen")
    shown = wall(store, session, flip)
    assert shown.answers == 1
    blocks = re.findall(r'palabre-worse">([^<]*)</div><ul>(.*?)</ul>', shown.html)
    assert blocks == [("Ne &lt;jamais&gt; répondre", ""),
                      ("Fermer le guichet", "<li>Ouvrir le samedi</li>")]
    hidden = wall(store, session, phase("invert", "flip", "after_close", source="worsen"),
                  visible=False)
    assert "Ouvrir" not in hidden.html and "1 réponse reçue" in hidden.html


def test_themes_come_from_the_facilitators_board_with_a_quote(store):
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="R")
    a, b, c = (stored(store, session, "solutions", "ideas", {"text": t})
                for t in ("Accueil", "Accueil sans rendez-vous", "Numéro unique"))
    store.update_board(session, "themes:solutions", lambda board: {
        "themes": [{"title": "L'accueil <physique>", "items": [a.id, b.id]}]})
    sources = Sources(board=lambda name: store.board(session, name))
    shown = wall(store, session, phase("cluster", "themes", source="solutions"),
                 sources=sources)
    titles = re.findall(r"<h3>(.*?) <small>(.*?)</small>", shown.html)
    assert titles == [("L&#x27;accueil &lt;physique&gt;", "2 idées"), ("Autres idées", "1 idée")]
    numbered = re.findall(r'palabre-ref">(\d+)</span>([^<]*)<', shown.html)
    assert numbered == [(str(a.id), "Accueil"), (str(b.id), "Accueil sans rendez-vous"),
                        (str(c.id), "Numéro unique")]


def test_an_empathy_map_a_page_with_the_personas_name(store):
    session = store.create_session(builtin_formats()["personas"], title="P")
    stored(store, session, "map", "persona", {"persona": "josiane-aidante-reunion",
                                               "field": "says", "text": "Je n'ai pas internet"})
    stored(store, session, "map", "persona", {"persona": "karim-infirmier", "field": "pains",
                                               "text": "Les horaires"})
    ph = phase("persona", "map", fields=tuple(EMPATHY_PARTS))
    first = wall(store, session, ph)
    assert (first.pages, first.answers) == (2, 2)
    assert "Josiane" in first.html and "Je n&#x27;ai pas internet" in first.html
    assert re.findall(r"<h3>([^<]*)</h3>", first.html) == [
        "Dit", "Pense", "Fait", "Ressent", "Besoins", "Difficultés"]
    second = wall(store, session, ph, page=1)
    assert "Karim" in second.html and "Les horaires" in second.html


def test_arguments_for_and_against_by_viewpoint(store):
    session = store.create_session(builtin_formats()["role-swap"], title="P")
    stored(store, session, "args", "argument", {"side": "against", "viewpoint": "agent",
                                                 "text": "Trop de dossiers"})
    stored(store, session, "args", "argument", {"side": "for", "viewpoint": "usager",
                                                 "text": "Moins d'attente"})
    proposal = Localized(fr="Fermer le guichet le lundi", en="Close the desk on Mondays")
    shown = wall(store, session, phase("argument", "args", swap_roles=True,
                                       proposition=proposal))
    assert '<div class="palabre-note">Fermer le guichet le lundi</div>' in shown.html
    columns = re.findall(r"<h3>([^<]*)</h3><ul>(.*?)</ul>", shown.html)
    assert columns == [
        ("Côté usager · Pour", "<li>Moins d&#x27;attente</li>"), ("Côté usager · Contre", ""),
        ("Côté agent · Pour", ""), ("Côté agent · Contre", "<li>Trop de dossiers</li>")]


def test_a_scale_shows_each_step_with_median_and_mean(store):
    session = store.create_session(builtin_formats()["personas"], title="P")
    people = [store.join(session, f"d{i}") for i in range(3)]
    for person, value in zip(people, (2, 4, 5), strict=True):
        stored(store, session, "sc", "scale", {"value": value}, participant=person)
    shown = wall(store, session, phase("scale", "sc", steps=5,
                                       low=Localized(fr="Pas du tout", en="Not at all"),
                                       high=Localized(fr="Tout à fait", en="Completely")))
    assert shown.answers == 3
    assert re.findall(r'palabre-count">(\d+)<', shown.html) == ["0", "1", "0", "1", "1"]
    assert re.findall(r'palabre-label">([^<]*)<', shown.html) == [
        "1 · Pas du tout", "2", "3", "4", "5 · Tout à fait"]
    assert "Médiane 4 · moyenne 3,7" in shown.html


def test_photos_are_sent_as_small_thumbnails_with_escaped_captions(store):
    session = store.create_session(builtin_formats()["design-sprint"], title="P")
    out = io.BytesIO()
    Image.new("RGB", (1600, 1200), (200, 30, 30)).save(out, "JPEG")
    photo_id = store.add_photo(session, out.getvalue(), width=1600, height=1200)
    stored(store, session, "proto", "photo", {"photo": photo_id, "caption": "Maquette <v2>"})
    sources = Sources(photo=lambda pid: store.photo(session, pid))
    shown = wall(store, session, phase("photo", "proto", max_chars=200), sources=sources)
    assert html.escape("Maquette <v2>") in shown.html
    data = re.search(r'src="data:image/jpeg;base64,([^"]+)"', shown.html).group(1)
    with Image.open(io.BytesIO(base64.b64decode(data))) as thumb:
        assert max(thumb.size) <= 480
    assert len(data) < len(out.getvalue())


def test_ideas_in_columns_say_their_column(store):
    session = store.create_session(builtin_formats()["design-sprint"], title="P")
    person = store.join(session, "phone-a", table="Table 3")
    idea = stored(store, session, "retro", "ideas", {"text": "Le formulaire", "category": 1},
                  participant=person)
    columns = [Localized(fr="Ça marche", en="Works"), Localized(fr="À améliorer", en="To do")]
    shown = wall(store, session, phase("ideas", "retro", categories=columns, max_chars=280))
    assert (f'<li><span class="palabre-ref">{idea.id}</span>Le formulaire'
            "<small>À améliorer · Table 3</small></li>") in shown.html
