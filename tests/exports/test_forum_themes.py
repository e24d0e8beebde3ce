"""A forum where six workshops said the same two things in their own words: each theme is
named once, by a facilitator's title, with its six workshops."""

from __future__ import annotations

from palabre.exports.forum import Forum

from palabre import synthesis

from .conftest import THEMED, _workshop

CLEAR = "clair"
ONLINE = "numérique"
# Three workshops grouped their ideas under titles of their own; three made no themes.
WORKSHOPS = [
    ("Rennes", [("Langage clair", ["Écrire les courriers en langage clair",
                                   "Des lettres sans jargon administratif"]),
                ("Numérique", ["Aider les personnes éloignées du numérique",
                               "Des démarches numériques plus simples"])]),
    ("Brest", [("Parler clairement", ["Un langage simple et clair dans les courriers",
                                      "Supprimer le jargon des formulaires"]),
               ("Démarches en ligne", ["Accompagner les usagers sur le numérique",
                                       "Un site internet plus simple pour les démarches"])]),
    ("Lorient", [("Des courriers clairs", ["Des courriers écrits clairement",
                                           "Expliquer les sigles dans les lettres"]),
                 ("Inclusion numérique", ["Des conseillers numériques dans les mairies",
                                          "Former au numérique les personnes âgées"])]),
    ("Vannes", [(None, ["Utiliser un langage clair dans les notifications",
                        "Des courriers clairs, sans jargon",
                        "Le numérique ne doit pas exclure",
                        "Un accompagnement numérique en mairie"])]),
    ("Quimper", [(None, ["ecrire plus clairement les courriers",
                         "Moins de jargon dans les lettres, une idée simple",
                         "Des ateliers numériques pour les seniors",
                         "Numériser sans oublier ceux qui n'ont pas internet"])]),
    ("Saint-Brieuc", [(None, ["Rédiger en langage clair",
                              "Clarifier les courriers de relance",
                              "Des bornes numériques accompagnées",
                              "Simplifier les démarches numériques"])]),
]


def _forum(store) -> Forum:
    for place, groups in WORKSHOPS:
        ideas = [text for _title, texts in groups for text in texts]
        themes, start = [], 0
        for title, texts in groups:
            if title:
                themes.append((title, list(range(start, start + len(texts)))))
            start += len(texts)
        session = _workshop(store, THEMED, place, "2018-01-18", ideas, [], [],
                            themes=themes or None)
        store.update_session(session.code, forum="Forum à six")
    return Forum.open(store, "Forum à six")


def test_two_themes_shared_by_six_workshops_appear_once_each(store):
    forum = _forum(store)
    shared = [t for t in forum.themes if t.recurs]
    towns = {forum.label(c) for t in shared for c in t.workshops}
    assert towns == {place for place, _ in WORKSHOPS}
    clear = [t for t in forum.themes if any(CLEAR in i.text.casefold() for i in t.items)]
    online = [t for t in forum.themes if any(ONLINE in i.text.casefold() for i in t.items)]
    assert len(clear) == 1 and len(online) == 1, [(t.label, t.workshops) for t in forum.themes]
    for theme in (clear[0], online[0]):
        assert len(theme.workshops) == 6
    # Named by a facilitator's own title, never by stems.
    assert clear[0].label == "Langage clair"
    assert online[0].label == "Numérique"
    assert set(clear[0].titles) == {"Langage clair", "Parler clairement", "Des courriers clairs"}


def test_a_suggested_theme_is_named_by_a_representative_answer(store):
    forum = _forum(store)
    vannes = next(w for w in forum.workshops if w.session.place == "Vannes")
    items = synthesis.forum_items(vannes.snap)
    assert [(item.label, len(item.numbers)) for item in items] == [
        ("Des courriers clairs, sans jargon", 2), ("Le numérique ne doit pas exclure", 2)]


def test_the_deck_lists_each_shared_theme_once_with_its_workshops(store, tmp_path):
    from palabre.exports import export_forum
    from pptx import Presentation

    from .helpers import slide_titled, texts

    _forum(store)
    export_forum(store, "Forum à six", tmp_path)
    deck = Presentation(str(next(tmp_path.glob("*-restitution.pptx"))))
    shared = texts(slide_titled(deck, "Thèmes partagés entre ateliers"))
    towns = "Rennes, Brest, Lorient, Vannes, Quimper, Saint-Brieuc"
    assert f"Langage clair — {towns}" in shared and f"Numérique — {towns}" in shared
    assert sum("Langage clair" in line for line in shared) == 1
