"""Words and affinity groups as a facilitator would read them on the wall."""

from __future__ import annotations

import random
import time

import numpy as np
import pytest

from palabre.i18n import Translator
from palabre.textmining import (
    OTHER_LABEL,
    _average_linkage,
    fold,
    propose_clusters,
    stop_words,
    tokenize,
    word_counts,
)

ANSWERS = [
    (1, "Le délai d'attente au téléphone est beaucoup trop long"),
    (2, "Trop d'attente au téléphone, personne ne décroche jamais"),
    (3, "Un accueil chaleureux au guichet de la mairie"),
    (4, "L'accueil au guichet doit rester humain"),
    (5, "Garder un guichet avec un agent pour l'accueil des personnes âgées"),
    (6, "Tout est dématérialisé : impossible sans internet"),
    (7, "La dématérialisation exclut les personnes sans internet"),
    (8, "Ouvrir le samedi matin"),
    (9, "🙂🎉👍"),
    (10, ""),
]


def stems(text, lang="fr"):
    return [t.stem for t in tokenize(text, lang)]


def test_accents_case_and_elisions_meet():
    assert stems("l'accueil") == stems("accueillir") == stems("ACCUEIL") == ["accueil"]
    assert stems("Les délais") == stems("délai") == stems("DELAI")
    assert stems("d'attente") == stems("attente")
    assert stems("qu’on l’accueille") == stems("accueil")  # typographic apostrophes


def test_display_keeps_accents_and_acronyms():
    words = dict(word_counts(["Dématérialisation", "la dématérialisation", "la CAF", "la CAF"]))
    assert words == {"dématérialisation": 2, "CAF": 2}


def test_stop_words_are_dropped():
    text = ("C'est vraiment trop long, il faut qu'on puisse avoir plus de réponses "
            "et ils sont toujours absents, aujourd'hui c'est-à-dire jamais")
    assert [t.surface for t in tokenize(text)] == ["long", "puisse", "réponses", "absents"]
    assert len(stop_words("fr")) >= 200
    assert {"est", "sont", "faire", "avoir", "plus"} <= stop_words("fr")


def test_hyphens_and_digits():
    surfaces = [t.surface for t in tokenize("Peut-on prendre rendez-vous sous 15 jours en 4G ?")]
    assert surfaces == ["rendez-vous", "jours", "4g"]
    assert [t.surface for t in tokenize("Faut-il un porte-monnaie ?")] == ["porte-monnaie"]


def test_word_counts_rank_by_stem():
    texts = ["Le téléphone ne répond pas", "Téléphoner est inutile", "Les téléphones sonnent",
             "Un guichet ouvert", "Des guichets fermés"]
    counts = word_counts(texts, top=3)
    assert counts[0][1] == 3 and counts[0][0].startswith("télépho")
    assert counts[1] == ("guichet", 2)
    assert len(counts) == 3


def test_english_texts():
    counts = dict(word_counts(["The waiting time on the phone", "Phones ring and we are waiting",
                               "I waited"], lang="en"))
    assert counts["waiting"] == 3 and counts["phone"] == 2
    assert "the" not in counts and "are" not in counts
    clusters = propose_clusters([("a", "Nobody answers the phone"), ("b", "Phones ring unanswered"),
                                 ("c", "Open on Saturday mornings")], lang="en")
    assert clusters[0].item_ids == ("a", "b") and clusters[0].terms == ("phone",)
    assert clusters[0].label == "Phones ring unanswered"  # the idea of median length
    assert clusters[1].other and clusters[1].item_ids == ("c",)


def test_empty_and_emoji_only_input():
    assert word_counts([]) == []
    assert word_counts(["", "🙂🎉", "  ", "!!!", None]) == []
    assert propose_clusters([]) == []
    only = propose_clusters([("a", "😡"), ("b", "")])
    assert len(only) == 1 and only[0].other and only[0].item_ids == ("a", "b")


def test_near_duplicates_group_and_unrelated_stay_apart():
    clusters = propose_clusters(ANSWERS)
    groups = {c.item_ids: c for c in clusters}
    assert (1, 2) in groups and groups[(1, 2)].terms[:2] == ("attente", "téléphone")
    assert (3, 4, 5) in groups and set(groups[(3, 4, 5)].terms[:2]) == {"accueil", "guichet"}
    assert (6, 7) in groups
    other = clusters[-1]
    assert other.other and other.label == "" and other.item_ids == (8, 9, 10)
    assert [c.other for c in clusters].count(True) == 1
    # Biggest group first.
    assert clusters[0].item_ids == (3, 4, 5)


def test_other_label_is_translated_by_the_caller():
    assert Translator("fr")(OTHER_LABEL) == "Autres"
    assert Translator("en")(OTHER_LABEL) == "Other"


def test_clusters_are_deterministic_whatever_the_run():
    first = propose_clusters(ANSWERS)
    assert propose_clusters(list(ANSWERS)) == first
    assert propose_clusters(ANSWERS, lang="fr") == first


def naive_average_linkage(sim, threshold):
    groups = [[i] for i in range(len(sim))]
    while len(groups) > 1:
        best, pair = -np.inf, None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                mean = np.mean([sim[i, j] for i in groups[a] for j in groups[b]])
                if mean > best + 1e-12:
                    best, pair = mean, (a, b)
        if best < threshold:
            break
        a, b = pair
        groups[a] = groups[a] + groups.pop(b)
    return sorted(sorted(g) for g in groups)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_linkage_matches_the_textbook_definition(seed):
    rng = np.random.default_rng(seed)
    points = rng.random((25, 4))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    sim = points @ points.T
    assert sorted(_average_linkage(sim, 0.9)) == naive_average_linkage(sim, 0.9)


def test_five_hundred_ideas_well_under_a_second():
    rng = random.Random(7)
    vocabulary = ["accueil", "guichet", "téléphone", "attente", "délai", "internet",
                  "dématérialisation", "horaires", "samedi", "agent", "humain", "rendez-vous",
                  "formulaire", "courrier", "dossier", "CAF", "impôts", "préfecture", "titre",
                  "séjour", "bourse", "logement", "aide", "simple", "clair", "réponse", "mail",
                  "site", "application", "accompagnement", "proximité", "transport", "mairie",
                  "numérique"]
    items = [(i, " ".join(rng.choice(vocabulary) + rng.choice(["", "s"])
                          for _ in range(rng.randint(3, 14)))) for i in range(500)]
    started = time.perf_counter()
    clusters = propose_clusters(items)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, elapsed
    assert sorted(i for c in clusters for i in c.item_ids) == list(range(500))


def test_fold():
    assert fold("Œuvre À Noël") == "oeuvre a noel"


REVERSE_BRAINSTORM = [
    "Ne jamais décrocher le téléphone",
    "Mettre un serveur vocal avec douze choix",
    "Laisser sonner le téléphone sans réponse",
    "Répondre au téléphone seulement le mardi de 14 h à 15 h",
    "Ouvrir l'accueil uniquement pendant les heures de bureau",
    "Réduire les horaires d'ouverture de l'accueil",
    "Des courriers pleins de sigles incompréhensibles",
    "Écrire les courriers en jargon administratif",
    "Ne pas prévenir quand le dossier est bloqué",
    "Aucun suivi du dossier",
    "Des rendez-vous impossibles à obtenir en ligne",
    "Des rendez-vous seulement en journée",
    "Pas de rampe pour les fauteuils roulants",
    "Délais de traitement de six mois",
]


def test_a_reverse_brainstorm_wall():
    clusters = propose_clusters(list(enumerate(REVERSE_BRAINSTORM)))
    by_terms = {c.terms[0]: c.item_ids for c in clusters if not c.other}
    assert by_terms == {"téléphone": (0, 2, 3), "accueil": (4, 5), "courriers": (6, 7),
                        "dossier": (8, 9), "rendez-vous": (10, 11)}
    # Named by an idea of the group, as the facilitator would title it, never by stems.
    assert [c.label for c in clusters if not c.other] == [
        "Laisser sonner le téléphone sans réponse",
        "Réduire les horaires d'ouverture de l'accueil",
        "Écrire les courriers en jargon administratif",
        "Aucun suivi du dossier", "Des rendez-vous seulement en journée"]
    assert clusters[-1].other and clusters[-1].item_ids == (1, 12, 13)


def test_apostrophes_inside_words():
    assert [t.surface for t in tokenize("Le conseil de prud'hommes, L'ACCUEIL")] == [
        "conseil", "prud'hommes", "accueil"]
    assert [t.surface for t in tokenize("The user's file", "en")] == ["user", "file"]


def test_a_long_idea_is_a_title_cut_at_a_word():
    long = ("Rappeler chaque usager sous quarante-huit heures quand son dossier est bloqué, "
            "avec le nom de l'agent qui le suit.")
    clusters = propose_clusters([(1, long), (2, long.replace("Rappeler", "Prévenir")),
                                 (3, "Le dossier bloqué : prévenir l'usager")])
    assert clusters[0].quote == long
    assert clusters[0].label.endswith("…") and len(clusters[0].label) <= 60
    assert long.startswith(clusters[0].label[:-1])


def test_stems_of_one_word_typos_and_accents_meet_in_the_counts():
    counts = dict(word_counts(["Le numérique", "Numériser les démarches", "ecrire simplement",
                               "Écrire clairement", "ecrire", "un courier", "le courrier",
                               "ce courrier", "les courriers", "Une idée : des idées"]))
    assert counts["numérique"] == 2 and "numériser" not in counts
    assert counts["écrire"] == 3 and "ecrire" not in counts  # accented form shown
    assert counts["courrier"] == 4 and "courier" not in counts  # the typo joins
    assert "idée" not in counts and "idées" not in counts  # filler, not an idea


def test_an_idea_left_alone_joins_the_group_it_plainly_belongs_to():
    items = list(enumerate(["Écrire les courriers en langage clair, sans jargon",
                            "Des courriers en langage clair",
                            "Un langage clair dans les courriers et les lettres",
                            "Moins de jargon dans les lettres", "Ouvrir le samedi"]))
    clusters = propose_clusters(items)
    assert clusters[0].item_ids == (0, 1, 2, 3)
    assert clusters[-1].other and clusters[-1].item_ids == (4,)
