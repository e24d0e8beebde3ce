"""A regional forum: several workshops tagged with one name, one restitution.

The ``Forum`` reads every workshop once (a ``records.Workshop`` each) and asks
``palabre.synthesis`` what they say together: themes that recur across workshops, the top
proposals of all the votes, participation summed. The consolidated tables are the ones of a
single workshop with a ``workshop`` column first, so a column means the same everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from babel.dates import format_date
from palabre.exercises.messages import N_

from palabre import synthesis
from palabre.i18n import Translator
from palabre.store import Store

from . import records
from .errors import ExportError
from .follow_ups import BY_WORKSHOP_KEY, any_follow_up, by_group_table
from .opendata import package_name, privacy_notes, write_package
from .records import Column, Table, Workshop
from .spreadsheet import write_book
from .tables import write_table

C_WORKSHOP = Column("workshop", N_("Workshop"), "string",
                    N_("Code of the workshop the row comes from (see the workshops table)."))
C_WORKSHOP_TITLE = Column("title", N_("Title"), "string", N_("Title of the workshop."))
C_PLACE = Column("place", N_("Place"), "string", N_("Where the workshop was held."))
C_HELD_ON = Column("held_on", N_("Date"), "date", N_("Day the workshop was held."))
C_FORMAT = Column("format", N_("Format"), "string", N_("Facilitation format of the workshop."))
C_QUESTION = Column("question", N_("Question"), "string", N_("The question the workshop asked."))
C_PARTICIPANTS = Column("participants", N_("Participants"), "integer",
                        N_("Phones, people at a kiosk and paper boxes typed in."))
C_ANSWERS = Column("answers", N_("Answers"), "integer",
                   N_("Visible answers of the workshop, every channel included."))
C_THEME = Column("theme", N_("Theme no."), "integer",
                 N_("Number of the theme across the forum, 1 the most shared."))
C_THEME_WORDS = Column("words", N_("Shared words"), "string",
                       N_("The words the items of the theme have in common."))
C_RECURS = Column("recurs", N_("Recurs"), "boolean",
                  N_("True when the theme comes up in two workshops or more."))
C_FACILITATOR_THEME = Column("facilitator_theme", N_("Facilitator's theme"), "string",
                             N_("Title the workshop's facilitator gave to this group of "
                                "answers, if any."))

C_ITEM_ANSWERS = Column("answers", N_("Answers"), "integer",
                        N_("Number of answers the item gathers."))
C_ANSWER_NOS = Column("answer_numbers", N_("Answer nos."), "string",
                      N_("Numbers of the answers the item gathers (see the raw sheet)."))
C_QUOTE = Column("quote", N_("For example"), "string",
                 N_("The facilitator's title, or one of the answers, to read what the item "
                    "is about."), free_text=True)

PRIMARY_KEYS = {
    "workshops": ["workshop"],
    "participants": ["workshop", "participant"],
    "contributions": ["workshop", "contribution"],
    "votes": ["workshop", "ballot", "item"],
    "results": ["workshop", "phase", "position"],
    BY_WORKSHOP_KEY: ["workshop"],
}


def slug(name: str) -> str:
    """A file-name-safe form of the forum's name: « Forum Bretagne 2024 » -> forum-bretagne-2024."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "forum"


def town(place: str | None) -> str:
    """The town of a place written « building, town » (or just « town »)."""
    return (place or "").rsplit(",", 1)[-1].strip()


def fold_name(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def read_workshops(store: Store, name: str, lang: str = "fr") -> list[Workshop]:
    """Every workshop tagged with the forum's name, read once, in the order they were held."""
    summaries = store.sessions(forum=name)
    if not summaries:
        raise ExportError(N_("No workshop belongs to the forum {name}."), name=name)
    workshops = [Workshop(store, s.code, lang) for s in summaries]
    return sorted(workshops, key=lambda w: (
        w.session.held_on or w.session.created_at.date().isoformat(), w.session.created_at,
        w.session.code))


class Gathering:
    """Workshops read once and how they are called (by their town): what a forum and a
    campaign share."""

    def __init__(self, name: str, workshops: list[Workshop], lang: str = "fr"):
        self.name = name
        self.lang = lang
        self._ = Translator(lang)
        self.workshops = workshops
        self.by_code = {w.session.code: w for w in self.workshops}
        self.slug = slug(name)
        self._labels = self._name_workshops()

    def _name_workshops(self) -> dict[str, str]:
        """A workshop is called by its town (the last part of its place, « Préfecture
        d'Ille-et-Vilaine, Rennes » -> Rennes; its title when it has no place); two of the
        same town are told apart by their date, then their code."""
        first = {w.session.code: town(w.session.place) or w.session.title
                 for w in self.workshops}
        seen = list(first.values())
        labels = {}
        for w in self.workshops:
            label = first[w.session.code]
            if seen.count(label) > 1 and w.session.held_on:
                label = f"{label} ({self.date(w.session.held_on)})"
            labels[w.session.code] = label
        named = list(labels.values())
        return {code: f"{label} ({code})" if named.count(label) > 1 else label
                for code, label in labels.items()}

    def label(self, code: str) -> str:
        """The workshop's short name, its town: in lists, charts and after a proposal."""
        return self._labels.get(code, code)

    def full_name(self, code: str) -> str:
        """Its town and its title (« Rennes — Accueil des usagers »), or its title alone
        when the title already names the town."""
        w, label = self.by_code[code], self.label(code)
        title = w.session.title.strip()
        if not title or title == label:
            return label
        if town(w.session.place) and fold_name(town(w.session.place)) in fold_name(title):
            return title
        return self._("{town} — {title}", town=label, title=title)

    def date(self, iso: str) -> str:
        return format_date(date.fromisoformat(iso), "long", locale=self.lang)

    def dates(self) -> str:
        """The day of the forum, or its first and last days."""
        days = sorted({w.session.held_on or w.session.created_at.date().isoformat()
                       for w in self.workshops})
        if len(days) == 1:
            return self.date(days[0])
        return self._("{first} to {last}", first=self.date(days[0]), last=self.date(days[-1]))

    def places(self) -> list[str]:
        return list(dict.fromkeys(w.session.place for w in self.workshops if w.session.place))

    def towns(self) -> list[str]:
        return list(dict.fromkeys(self.label(w.session.code) for w in self.workshops))


class Forum(Gathering):
    """The workshops of one forum and what they say together (from palabre.synthesis)."""

    def __init__(self, name: str, workshops: list[Workshop], lang: str = "fr"):
        super().__init__(name, workshops, lang)
        snaps = [w.snap for w in self.workshops]
        self.themes = synthesis.forum_themes(
            snaps, {w.session.code: w.facilitator_themes() for w in self.workshops})
        self.top = synthesis.forum_top(snaps)
        self.counts = synthesis.total([w.result.counts for w in self.workshops])

    @classmethod
    def open(cls, store: Store, name: str, lang: str = "fr") -> Forum:
        return cls(name, read_workshops(store, name, lang), lang)

    def specific(self, code: str) -> list[synthesis.ForumTheme]:
        """Named themes found in this workshop only."""
        return [t for t in self.themes if t.label and t.workshops == (code,)]

    def workshop_themes(self, code: str) -> list[str]:
        """How the workshop's own themes read: its facilitator's titles when there are any,
        else the shared words of the forum's themes it takes part in."""
        own = [t for t in self.themes if code in t.workshops]
        titles = [(sum(len(i.numbers) for i in t.items if i.workshop == code and i.theme == title),
                   title) for t in own for title in t.titles
                  if any(i.workshop == code and i.theme == title for i in t.items)]
        if titles:
            return [title for _n, title in sorted(titles, key=lambda nt: (-nt[0], nt[1]))]
        return [t.label for t in own if t.label]


# --- consolidated tables ---------------------------------------------------------------------
def with_workshop(key: str, title: str, parts: list[tuple[str, Table]]) -> Table:
    """The same table of every workshop, stacked, each row led by its workshop's code."""
    table = Table(key, title, [C_WORKSHOP, *parts[0][1].columns])
    for code, part in parts:
        table.rows += [[code, *row] for row in part.rows]
    return table


def workshops(forum: Forum) -> Table:
    _ = forum._
    table = Table("workshops", _("workshops"),
                  [C_WORKSHOP, C_WORKSHOP_TITLE, C_PLACE, C_HELD_ON, C_FORMAT, C_QUESTION,
                   C_PARTICIPANTS, C_ANSWERS])
    for w in forum.workshops:
        figures = w.result.counts
        table.rows.append([w.session.code, w.session.title, w.session.place,
                           w.session.held_on, w.exercise.title.get(forum.lang),
                           w.exercise.question.get(forum.lang), figures.participants,
                           figures.answers])
    return table


def participants(forum: Forum, *, labels: bool) -> Table:
    return with_workshop("participants", forum._("participants"), [
        (w.session.code, records.participants(w, labels=labels)) for w in forum.workshops])


def contributions(forum: Forum, *, labels: bool, include_hidden: bool, title: str) -> Table:
    return with_workshop("contributions", title, [
        (w.session.code, records.contributions(w, labels=labels, include_hidden=include_hidden,
                                               title=title)) for w in forum.workshops])


def votes(forum: Forum, *, labels: bool) -> Table:
    return with_workshop("votes", forum._("votes"), [
        (w.session.code, records.votes(w, labels=labels)) for w in forum.workshops])


def results(forum: Forum) -> Table:
    return with_workshop("results", forum._("results"), [
        (w.session.code, records.results(w)) for w in forum.workshops])


def top(forum: Forum) -> Table:
    """The forum's proposals, most dots first, each with its workshop."""
    table = Table("top", forum._("top proposals"),
                  [records.C_RANK, C_WORKSHOP, records.C_PHASE, records.C_ITEM,
                   records.C_ITEM_TEXT, records.C_DOTS, records.C_VOTERS])
    for found in forum.top:
        table.rows.append([found.tally.rank, found.workshop, found.phase_id,
                           found.tally.item.number,
                           found.tally.label, found.tally.count, found.tally.voters])
    return table


def themes(forum: Forum) -> Table:
    """Every named theme, one row per workshop item it gathers (a facilitator's theme or a
    group of ideas), with the numbers of its answers and one of them to read."""
    table = Table("themes", forum._("themes"),
                  [C_THEME, C_THEME_WORDS, C_RECURS, C_WORKSHOP, C_FACILITATOR_THEME,
                   C_ITEM_ANSWERS, C_ANSWER_NOS, C_QUOTE])
    for number, theme in enumerate((t for t in forum.themes if t.label), 1):
        for item in theme.items:
            table.rows.append([number, theme.label, theme.recurs, item.workshop, item.theme,
                               len(item.numbers), ", ".join(map(str, item.numbers)),
                               item.quote])
    return table


def follow_ups(forum: Forum) -> list[Table]:
    """Proposals by status in each workshop, once some follow-up was recorded in one."""
    if not any_follow_up(forum.workshops):
        return []
    return [by_group_table(forum._, [(w.session.code, [w]) for w in forum.workshops],
                           C_WORKSHOP)]


def next_steps(forum: Forum) -> list[tuple[str, dict]]:
    """(workshop code, commitment) for every workshop, in the workshops' order."""
    return [(w.session.code, step) for w in forum.workshops for step in w.commitments()]


# --- files ----------------------------------------------------------------------------------
def write_forum_xlsx(forum: Forum, path: Path) -> Path:
    """Workshops, top proposals, themes, then participants, votes and raw answers of all."""
    _ = forum._
    return write_book([workshops(forum), top(forum), themes(forum), *follow_ups(forum),
                       participants(forum, labels=True), votes(forum, labels=True),
                       contributions(forum, labels=True, include_hidden=True, title=_("raw"))],
                      path, _=_, title=forum.name)


def write_forum_csv(forum: Forum, path: Path, *, sep: str = ";") -> Path:
    """Every answer of every workshop, hidden ones flagged, led by its workshop's code."""
    table = contributions(forum, labels=True, include_hidden=True, title=forum._("raw"))
    return write_table(table, path, headers=[forum._(c.header) for c in table.columns],
                       sep=sep)


def write_forum_datapackage(forum: Forum, out_dir: Path, *, include_text: bool = True
                            ) -> list[Path]:
    """The open data of the whole forum: every resource has a ``workshop`` field."""
    _ = forum._
    tables = [workshops(forum), participants(forum, labels=False),
              contributions(forum, labels=False, include_hidden=False,
                            title=_("contributions")),
              votes(forum, labels=False), results(forum), *follow_ups(forum)]
    places = ", ".join(forum.places()) or "-"
    description = " ".join([
        _("Answers of the {n} participatory workshops of the forum \u201c{name}\u201d, held in "
          "{places} ({dates}).", n=len(forum.workshops), name=forum.name, places=places,
          dates=forum.dates()),
        _("Every table has a workshop column: the code of the workshop, described in the "
          "workshops table."),
        *privacy_notes(_, include_text),
    ])
    formats = sorted({w.exercise.id for w in forum.workshops})
    return write_package(tables, out_dir, _=_, primary_keys=PRIMARY_KEYS,
                         include_text=include_text, name=package_name(forum.slug),
                         title=forum.name, description=description,
                         keywords=["palabre", "forum", *formats])
