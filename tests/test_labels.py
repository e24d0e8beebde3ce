"""A role, a channel, a viewpoint and a side read the same on every surface: one set of labels
(palabre.labels), in the facilitator's French."""

from __future__ import annotations

import pytest

from palabre import labels
from palabre.i18n import Translator, format_number
from palabre.store.store import CHANNELS, ROLES


def test_the_room_says_who_people_are_as_a_facilitator_would():
    fr, en = Translator("fr"), Translator("en")
    assert [fr(label) for label in labels.ROLE_LABELS.values()] == [
        "Usager", "Agent public", "Élu·e", "Autre"]
    assert [en(label) for label in labels.ROLE_LABELS.values()] == [
        "Service user", "Public servant", "Elected official", "Other"]
    assert fr(labels.role_label(None)) == fr(labels.role_label(labels.NOT_GIVEN)) == \
        "Non renseigné"
    assert [fr(label) for label in labels.CHANNEL_LABELS.values()] == [
        "Téléphone", "Papier", "Borne"]
    assert [fr(label) for label in labels.SIDE_LABELS.values()] == ["Pour", "Contre"]
    assert fr(labels.viewpoint_label("agent")) == "Côté agent"
    assert fr(labels.viewpoint_label(None)) == "Autre point de vue"


def test_every_member_of_the_stores_sets_has_its_labels_in_its_order():
    for table in (labels.ROLE_LABELS, labels.ROLE_GROUPS, labels.VIEWPOINT_LABELS,
                  labels.ARGUE_AS):
        assert tuple(table) == ROLES
    assert tuple(labels.CHANNEL_LABELS) == CHANNELS
    with pytest.raises(RuntimeError, match="must label exactly"):
        labels._each({"usager": "Service user"}, ROLES, "ROLE_LABELS")


def test_every_surface_reads_the_same_labels():
    from palabre.exports import printables, records
    from palabre.widgets import format_panels

    from palabre.server import room

    assert room.ROLE_LABELS is labels.ROLE_LABELS  # the join form and the helper's page
    assert records.ROLE_LABELS is labels.ROLE_LABELS  # the workbook, CSV and open data
    assert printables.ROLE_LABELS is labels.ROLE_LABELS  # the paper cards and ballots
    assert records.CHANNEL_LABELS is labels.CHANNEL_LABELS
    assert records.SIDE_LABELS is printables.SIDE_LABELS is labels.SIDE_LABELS
    assert format_panels.VIEWPOINT_LABELS is labels.VIEWPOINT_LABELS


@pytest.mark.parametrize(("value", "lang", "shown"), [
    (2.5, "fr", "2,5"), (2.5, "en", "2.5"), (3.0, "fr", "3"), (3.04, "fr", "3"),
    (None, "fr", "–"),
])
def test_a_figure_reads_as_the_room_writes_it(value, lang, shown):
    assert format_number(value, lang) == shown
