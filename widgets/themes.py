"""Themes and duplicates as a facilitator works them at the board: themes proposed and named by
one of their answers, answers moved by clicking their cards (or typing their numbers), themes
renamed, merged and split, likely duplicates confirmed or dismissed one by one.

No text syntax: every change is a button or a card, and a method of the console (ThemeActions,
mixed into console.RoomDashboard), so tests drive it without a browser. Themes live on the
source phase's board and dismissed duplicates on theirs: every window follows the store.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from ipywidgets import HTML, Dropdown, HBox, Layout, Text, ToggleButton, VBox

from palabre import boards
from palabre import text as texts
from palabre.i18n import Translator

from .moderation import answer_numbers
from .style import button as _button
from .style import row as _row

NEW_THEME = -1  # the target menu's entry for a theme made of the selection (a split)
LABELLED = {"description_width": "initial"}  # a field's label takes its own width, not its text's


class ThemeTools(VBox):
    """The themes panel: one box per theme with its answers as cards, and the moves."""

    def __init__(self, translator: Translator, **kwargs):
        _ = translator.gettext
        self._t = translator
        self.propose_button = _button(_("Propose themes"), "palabre-themes-propose", "magic")
        self.status = HTML()
        self.status.add_class("palabre-themes-status")
        self.duplicates = VBox()
        self.duplicates.add_class("palabre-duplicates")
        self.numbers = Text(description=_("Answers"), placeholder=_("Click cards or type "
                                                                   "numbers: 12 15"),
                            style=LABELLED, layout=Layout(width="30em"))
        self.numbers.add_class("palabre-themes-numbers")
        self.target = Dropdown(description=_("To"), style=LABELLED, layout=Layout(width="26em"))
        self.target.add_class("palabre-themes-target")
        self.move_button = _button(_("Move"), "palabre-themes-move", "arrow-right")
        self.out_button = _button(_("Out of every theme"), "palabre-themes-out", "times")
        self.merge_from = Dropdown(description=_("Merge"), style=LABELLED,
                                   layout=Layout(width="26em"))
        self.merge_from.add_class("palabre-themes-merge-from")
        self.merge_into = Dropdown(description=_("into"), style=LABELLED,
                                   layout=Layout(width="26em"))
        self.merge_into.add_class("palabre-themes-merge-into")
        self.merge_button = _button(_("Merge the themes"), "palabre-themes-merge", "compress")
        self.boxes = VBox()
        self.boxes.add_class("palabre-theme-boxes")
        self._rows = (_row([self.propose_button, self.status]),
                      _row([self.numbers, self.target, self.move_button, self.out_button]),
                      _row([self.merge_from, self.merge_into, self.merge_button]))
        super().__init__([self._rows[0], self.duplicates, self._rows[1], self._rows[2],
                          self.boxes], **kwargs)
        self.add_class("palabre-theme-tools")
        self._drawn: tuple | None = None
        self._cards: dict[int, ToggleButton] = {}
        self._titles: list[Text] = []
        self._quiet = False  # True while drawing: programmatic changes are no edits
        self.on_rename: Callable[[int, str], None] = lambda index, title: None
        self.numbers.observe(self._typed, "value")

    # --- the selection: cards clicked and numbers typed are one list ----------------------
    def selected(self) -> list[int]:
        return answer_numbers(self.numbers.value)

    def _typed(self, change) -> None:
        chosen = set(answer_numbers(change["new"]))
        self._quiet, was = True, self._quiet
        try:
            for number, card in self._cards.items():
                card.value = number in chosen
        finally:
            self._quiet = was

    def _clicked(self, number: int, change) -> None:
        if self._quiet:
            return
        chosen = [n for n in self.selected() if n != number]
        if change["new"]:
            chosen.append(number)
        self.numbers.value = " ".join(str(n) for n in chosen)

    # --- drawing -------------------------------------------------------------------------
    def show(self, themes: tuple, pairs: list[tuple], on_pair: Callable) -> None:
        """Redraw from the cluster result's themes (the last, untitled, holds the answers in
        no theme) and the likely duplicates, only when they changed."""
        _ = self._t.gettext
        drawn = (tuple((t.title, tuple((c.number, c.text) for c in t.items)) for t in themes),
                 tuple(p[:2] for p in pairs))
        if drawn == self._drawn:
            return
        self._drawn = drawn
        self._quiet = True
        try:
            self._draw_duplicates(pairs, on_pair)
            named = [(t.title, i) for i, t in enumerate(themes) if t.title]
            self.target.options = [*named, (_("New theme (split)"), NEW_THEME)]
            self.merge_from.options = named
            self.merge_into.options = named
            if named:
                self.merge_from.index = 0
            if len(named) > 1:
                self.merge_into.index = 1
            for old in (*self.boxes.children, *self._cards.values()):
                old.close()
            kept = set(self.selected())
            self._cards, self._titles, boxes = {}, [], []
            for index, theme in enumerate(themes):
                boxes.append(self._box(index, theme, kept))
            self.boxes.children = boxes
            self.numbers.value = " ".join(str(n) for n in self.selected() if n in self._cards)
        finally:
            self._quiet = False

    def _box(self, index: int, theme, kept: set[int]) -> VBox:
        _ = self._t.gettext
        count = self._t.ngettext("{n} answer", "{n} answers", len(theme.items))
        if theme.title:
            title = Text(value=theme.title, description=_("Theme"), continuous_update=False,
                         style=LABELLED, layout=Layout(width="36em"))
            title.add_class("palabre-theme-title")
            title.observe(lambda change, i=index: self._quiet or self.on_rename(
                i, change["new"]), "value")
            self._titles.append(title)
        else:
            title = HTML(f"<b>{html.escape(_('Other ideas'))}</b>")
        cards = []
        for item in theme.items:
            card = ToggleButton(value=item.number in kept,
                                description=f"{item.number} · {item.text}",
                                tooltip=item.text or "", layout=Layout(width="auto"))
            card.add_class("palabre-theme-card")
            card.observe(lambda change, n=item.number: self._clicked(n, change), "value")
            self._cards[item.number] = card
            cards.append(card)
        box = VBox([HBox([title, HTML(html.escape(count))],
                         layout=Layout(align_items="center", grid_gap="8px")),
                    HBox(cards, layout=Layout(flex_flow="row wrap", grid_gap="6px"))],
                   layout=Layout(border="1px solid #929292", padding="8px", margin="4px 0"))
        box.add_class("palabre-theme-box")
        return box

    def _draw_duplicates(self, pairs: list[tuple], on_pair: Callable) -> None:
        _ = self._t.gettext
        for old in self.duplicates.children:
            old.close()
        rows = []
        if pairs:
            rows.append(HTML(f"<b>{html.escape(_('Likely duplicates'))}</b>"))
        for keep, later, keep_text, later_text in pairs:
            said = HTML(html.escape(_("{a} « {a_text} » and {b} « {b_text} »", a=keep,
                                      a_text=keep_text, b=later, b_text=later_text)))
            merge = _button(_("Merge {b} into {a}", a=keep, b=later), "palabre-duplicate-merge",
                            "compress")
            apart = _button(_("Not the same idea"), "palabre-duplicate-dismiss", "times")
            merge.on_click(lambda _b, k=keep, d=later: on_pair(k, d, True))
            apart.on_click(lambda _b, k=keep, d=later: on_pair(k, d, False))
            line = _row([said, merge, apart])
            line.add_class("palabre-duplicate")
            rows.append(line)
        self.duplicates.children = rows

    def close(self) -> None:
        for child in (*self._cards.values(), *self.boxes.children, *self.duplicates.children,
                      self.propose_button, self.status, self.numbers, self.target,
                      self.move_button, self.out_button, self.merge_from, self.merge_into,
                      self.merge_button, self.boxes, self.duplicates, *self._rows):
            child.close()
        super().close()


class ThemeActions:
    """The console's theme and duplicate actions (RoomDashboard provides store, _session, _t,
    theme_tools, merge_answers and refresh). Themes are addressed by their place on the
    board (0 the first), answers by the number on their card; the board keeps store ids."""

    def _source(self, session=None) -> str:
        return (session or self._session).phase.params["source"]

    def _numbered(self, session=None) -> dict[int, int]:
        """Store id -> the answer's number, for every answer of the source phase."""
        session = session or self._session
        return {c.id: c.number for c in self.store.contributions(
            session, self._source(session), include_hidden=True)}

    def _groups(self) -> list[tuple[str, list[int]]]:
        number = self._numbered()
        return [(t.get("title", ""), [number[i] for i in t["items"] if i in number])
                for t in boards.themes(self.store, self._session, self._source())]

    def _say(self, message: str) -> None:
        self.theme_tools.status.value = html.escape(message)

    def set_themes(self, groups: list[tuple[str, list[int]]]) -> list[dict]:
        """Replace the themes of the phase's source answers: [(title, [answer numbers])]."""
        _ = self._t.gettext
        ids = {n: i for i, n in self._numbered().items()}
        groups = [(title, [ids[n] for n in numbers if n in ids]) for title, numbers in groups]
        try:
            saved = boards.set_themes(self.store, self._session, self._source(), groups)
        except texts.TextTooLong as error:
            self._say(_("A theme title is too long: {max_chars} characters at most.",
                        max_chars=error.max_chars))
            return []
        self._say(self._t.ngettext("{n} theme saved.", "{n} themes saved.", len(saved)))
        self.refresh()
        return saved

    def propose_themes(self) -> list[dict]:
        """Group the source answers by what they say, each theme named by its representative
        answer, as a start the facilitator rearranges; answers that fit none stay apart."""
        from palabre import textmining  # numpy: loaded only when a cluster phase needs it

        items = [(c.number, c.text or "") for c in self._answers()]
        clusters = textmining.propose_clusters(items, lang=self._t.lang)
        return self.set_themes([(c.label, list(c.item_ids)) for c in clusters if not c.other])

    def _answers(self, session=None) -> list:
        session = session or self._session
        return [c for c in self.store.contributions(session, self._source(session))
                if not c.hidden]

    def _known(self, numbers: list[int]) -> list[int] | None:
        known = {c.number for c in self._answers()}
        unknown = [n for n in numbers if n not in known]
        if unknown or not numbers:
            _ = self._t.gettext
            self._say(_("Click the cards of the answers to move, or type their numbers.")
                      if not numbers else _("No answer numbered {n} is on the wall.",
                                            n=unknown[0]))
            return None
        return numbers

    def assign_answers(self, numbers: list[int], theme: int = NEW_THEME,
                       title: str | None = None) -> list[dict]:
        """Move answers into a theme (by place), or into a new theme (NEW_THEME) named
        `title` or by its representative answer; they leave any other theme."""
        from palabre import textmining

        numbers = self._known(list(dict.fromkeys(numbers)))
        if numbers is None:
            return []
        groups = [(t, [i for i in items if i not in numbers]) for t, items in self._groups()]
        if theme == NEW_THEME:
            said = {c.number: c.text or "" for c in self._answers()}
            chosen = [said[n] for n in numbers]
            name = title or textmining.title(chosen[textmining.representative(chosen)])
            groups.append((name, numbers))
        else:
            groups[theme][1].extend(numbers)
        self.theme_tools.numbers.value = ""
        return self.set_themes([g for g in groups if g[1] or g[0]])

    def unassign_answers(self, numbers: list[int]) -> list[dict]:
        """Take answers out of every theme: back under « Other ideas »."""
        numbers = self._known(numbers)
        if numbers is None:
            return []
        self.theme_tools.numbers.value = ""
        return self.set_themes([(t, [i for i in items if i not in numbers])
                                for t, items in self._groups()])

    def rename_theme(self, theme: int, title: str) -> list[dict]:
        if not title.strip():
            return []
        groups = self._groups()
        groups[theme] = (title, groups[theme][1])
        return self.set_themes(groups)

    def merge_themes(self, theme: int, into: int) -> list[dict]:
        """One theme's answers join another's, under the other's title."""
        if theme == into:
            _ = self._t.gettext
            self._say(_("Choose two different themes to merge."))
            return []
        groups = self._groups()
        groups[into][1].extend(groups[theme][1])
        return self.set_themes([g for i, g in enumerate(groups) if i != theme])

    def split_theme(self, theme: int, numbers: list[int], title: str | None = None
                    ) -> list[dict]:
        """Some answers of a theme become a theme of their own."""
        inside = set(self._groups()[theme][1])
        return self.assign_answers([n for n in numbers if n in inside] or numbers, NEW_THEME,
                                   title)

    # --- likely duplicates ---------------------------------------------------------------
    def duplicate_pairs(self, session=None) -> list[tuple[int, int, str, str]]:
        """Likely duplicates among the source answers not yet dismissed: (kept, later, their
        texts) by number, most alike first. `session`: as just read (a redraw reads before it
        draws). The duplicates board keeps store ids."""
        from palabre import textmining

        session = session or self._session
        answers = self._answers(session)
        said = {c.number: c.text or "" for c in answers}
        key = tuple(said.items())
        if getattr(self, "_pairs_for", (None,))[0] != key:  # same answers: same pairs
            self._pairs_for = (key, textmining.likely_duplicates(key, lang=self._t.lang))
        number = self._numbered(session)
        dismissed = {(number.get(a), number.get(b)) for a, b in boards.dismissed_duplicates(
            self.store, session, self._source(session))}
        return [(a, b, said[a], said[b]) for a, b, _score in self._pairs_for[1]
                if (a, b) not in dismissed]

    def confirm_duplicate(self, keep: int, duplicate: int) -> bool:
        """The same idea: fold the later answer into the kept one (moderation's merge)."""
        return self.merge_answers(keep, [duplicate])

    def dismiss_duplicate(self, a: int, b: int) -> None:
        """Not the same idea: never proposed again, in any window."""
        ids = {n: i for i, n in self._numbered().items()}
        if a not in ids or b not in ids:
            return
        boards.dismiss_duplicate(self.store, self._session, self._source(), ids[a], ids[b])
        self.refresh()

    def _on_pair(self, keep: int, duplicate: int, same: bool) -> None:
        self.guarded(lambda: self.confirm_duplicate(keep, duplicate) if same
                     else self.dismiss_duplicate(keep, duplicate))(None)

    def _wire_themes(self) -> None:
        th = self.theme_tools
        th.on_rename = lambda index, title: self.guarded(
            lambda: self.rename_theme(index, title))(None)
        for button, action in (
            (th.propose_button, self.propose_themes),
            (th.move_button, lambda: self.assign_answers(
                th.selected(), NEW_THEME if th.target.value is None else th.target.value)),
            (th.out_button, lambda: self.unassign_answers(th.selected())),
            (th.merge_button, lambda: self.merge_themes(th.merge_from.value,
                                                        th.merge_into.value)),
        ):
            button.on_click(self.guarded(action))

    def _draw_themes(self, view) -> None:
        self.theme_tools.show(view.themes, view.duplicates, self._on_pair)
