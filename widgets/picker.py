"""The facilitator's way in: create a workshop or reopen one, adjust its wording and times
before the room starts, then open its dashboard.

Like the dashboard, every button calls a method (`create`, `choose`, `save`) that code and
tests call too. The store keeps everything: the edited format is a snapshot of the session
(`Store.update_session(code, exercise=...)`), so phones, dashboard and exports read the same
words. The dashboard link is relative: the browser already holds the server's login cookie
from this page's own address, so no token is ever written on the page.
"""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date
from importlib import resources
from urllib.parse import quote

from ipywidgets import (
    HTML,
    BoundedFloatText,
    DatePicker,
    Dropdown,
    HBox,
    Layout,
    Text,
    Textarea,
    VBox,
)
from palabre.exercises import Exercise
from palabre.exercises.messages import Refusal
from palabre.exercises.wording import invert_question
from traitlets import HasTraits, Unicode

from palabre import codes, exercises, settings
from palabre import text as texts
from palabre.i18n import LANGS, Translator
from palabre.store import Session, Store

from .style import button as _button
from .style import stylesheet

ROOM_NOTEBOOK = "room.ipynb"
TITLE_MAX_CHARS = 200
PROMPT_MAX_CHARS = 500
LANG_NAMES = {"fr": "Français", "en": "English"}  # each language named in itself
MAX_TIMEBOX_MIN = 480


class PickerError(ValueError):
    """What the facilitator typed cannot be used; the message says why, translated."""


def notebook_for(exercise_id: str) -> str:
    """The dashboard notebook of a format (its own panels) when one ships, else the room's."""
    name = f"{exercise_id}.ipynb"
    shipped = resources.files("palabre.workshops") / name
    return name if shipped.is_file() else ROOM_NOTEBOOK


def dashboard_link(exercise_id: str, code: str) -> str:
    """Relative address of a session's dashboard, next to this page under /voila/render/."""
    return f"{notebook_for(exercise_id)}?session={quote(code)}"


def edited(exercise: Exercise, *, question: str | None = None,
           inverted_question: str | None = None, proposition: str | None = None,
           prompts: dict[str, str] | None = None,
           timeboxes: dict[str, float | None] | None = None, lang: str = "fr") -> Exercise:
    """The format with the facilitator's own wording and times. A text that changed is kept
    in both languages (as Exercise.with_changes does): better the facilitator's words for
    everyone than an English prompt that says something else. Refusal (exercises.messages)
    when a new question comes without the proposition its format argues."""
    prompts, timeboxes = prompts or {}, timeboxes or {}
    phases = []
    for phase in exercise.phases:
        prompt = prompts.get(phase.id)
        if prompt is not None and prompt not in (phase.prompt.fr, phase.prompt.en):
            phase = phase.reworded(prompt)
        if phase.id in timeboxes and timeboxes[phase.id] != phase.timebox_min:
            phase = replace(phase, timebox_min=timeboxes[phase.id])
        phases.append(phase)
    result = replace(exercise, phases=tuple(phases))
    return result.with_changes(**changed_words(exercise, question=question,
                                               inverted_question=inverted_question,
                                               proposition=proposition), lang=lang)


def changed_words(exercise: Exercise, **typed: str | None) -> dict[str, str | None]:
    """The words the facilitator typed that differ from the format's (question, inverted
    question, proposition); an unchanged or empty one is left out."""
    words = exercise.words()
    return {name: text if text and (name not in words or
                                    text not in (words[name].fr, words[name].en)) else None
            for name, text in typed.items()}


def _field(widget, label: str, width: str = "100%"):
    widget.layout = Layout(width="calc(100% - 8px)")
    caption = HTML(html.escape(label))
    caption.add_class("palabre-picker-label")
    return VBox([caption, widget], layout=Layout(width=width))



class _PhaseRow(HBox):
    """One phase of the chosen session: its title, its prompt and its timebox, editable."""

    def __init__(self, number: int, phase: exercises.Phase, lang: str, t: Translator):
        _ = t.gettext
        self.phase_id = phase.id
        self.label = HTML(html.escape(f"{number}. {phase.title.get(lang)}"))
        self.label.add_class("palabre-picker-phase")
        self.prompt = Textarea(phase.prompt.get(lang), layout=Layout(width="100%",
                                                                     height="4.5em"))
        self.timebox = BoundedFloatText(phase.timebox_min or 0, min=0, max=MAX_TIMEBOX_MIN,
                                        step=1, description=_("Minutes"),
                                        layout=Layout(width="12em", flex="0 0 auto"))
        self._left = VBox([self.label, self.prompt], layout=Layout(flex="1 1 auto"))
        super().__init__([self._left, self.timebox],
                         layout=Layout(width="100%", align_items="flex-end", grid_gap="12px"))
        self.add_class("palabre-picker-row")

    def close(self) -> None:
        for child in (self.label, self.prompt, self.timebox, self._left):
            child.close()
        super().close()


class SessionPicker(HasTraits):
    """Create or reopen a workshop, adjust it, and open its dashboard."""

    code = Unicode(help="Code of the chosen session (created or reopened); empty until then.")
    room_url = Unicode(help="Relative address of the chosen session's dashboard.")
    lang = Unicode("fr", help="Language of these screens (PALABRE_LANG).")

    def __init__(self, store: Store, *, formats: dict[str, Exercise] | None = None,
                 lang: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.store = store
        self._t = Translator(lang or str(settings.get("lang")))
        self.lang = self._t.lang
        _ = self._t.gettext
        self.formats = formats if formats is not None else exercises.load_formats(
            settings.get("exercises"))
        self._rows: list[_PhaseRow] = []

        # --- a new workshop ---
        self.format = Dropdown(options=[(fmt.title.get(self.lang), fid)
                                        for fid, fmt in self.formats.items()])
        self.description = HTML()
        self.description.add_class("palabre-picker-help")
        self.title = Text()
        self.question = Textarea(layout=Layout(height="4em"))
        self.inverted_question = Textarea(layout=Layout(height="4em"))
        self.proposition = Textarea(layout=Layout(height="4em"), placeholder=_(
            "A statement to argue for or against, for example: Every procedure must stay "
            "possible at the desk."))
        self._proposed = ""  # the inverted question last proposed, replaced while untouched
        self.place = Text()
        self.held_on = DatePicker(value=date.today())
        self.facilitator = Text()
        self.session_lang = Dropdown(options=[(LANG_NAMES[x], x) for x in LANGS],
                                     value=self.lang)
        self.forum = Text(placeholder=_("Optional: several workshops, one restitution"))
        self.create_button = _button(_("Create the workshop"), "palabre-create", "plus")
        self.create_status = HTML()
        self.create_status.add_class("palabre-picker-status")
        self.create_status.add_class("palabre-create-status")
        self.format.observe(lambda _change: self._format_chosen(), names="value")
        self.question.observe(lambda _change: self._question_typed(), names="value")
        self.session_lang.observe(lambda _change: self._format_chosen(), names="value")
        pair = Layout(width="100%", grid_gap="16px")
        self._create_words = self._word_fields(self.inverted_question, self.proposition)
        self._create_parts = [
            _field(self.format, _("Format")), self.description,
            _field(self.title, _("Title")), _field(self.question, _("Question")),
            *self._create_words,
            HBox([_field(self.place, _("Place")), _field(self.held_on, _("Date"))],
                 layout=pair),
            HBox([_field(self.facilitator, _("Facilitator")),
                  _field(self.session_lang, _("Language of the workshop"))], layout=pair),
            _field(self.forum, _("Forum")),
            HBox([self.create_button, self.create_status],
                 layout=Layout(align_items="center", grid_gap="12px"))]
        self.create_box = VBox([self._heading(_("New workshop")), *self._create_parts])

        # --- reopening one ---
        self.sessions = Dropdown(layout=Layout(width="100%"))
        self.choose_button = _button(_("Reopen this workshop"), "palabre-choose", "folder-open")
        self.reopen_box = VBox([self._heading(_("Reopen a workshop")), self.sessions,
                                self.choose_button], layout=Layout(align_items="flex-start"))

        # --- before starting: wording and times of the chosen one ---
        self.chosen = HTML()
        self.chosen.add_class("palabre-picker-chosen")
        self.edit_question = Textarea(layout=Layout(width="100%", height="4em"))
        self.edit_inverted = Textarea(layout=Layout(width="100%", height="4em"))
        self.edit_proposition = Textarea(layout=Layout(width="100%", height="4em"))
        self.phases = VBox(layout=Layout(width="100%"))
        self.save_button = _button(_("Save the changes"), "palabre-save", "check")
        self.status = HTML()
        self.status.add_class("palabre-picker-status")
        self.status.add_class("palabre-save-status")
        self.link = HTML()
        self.link.add_class("palabre-picker-link")
        self._question_field = _field(self.edit_question, _("Question"))
        self._edit_words = self._word_fields(self.edit_inverted, self.edit_proposition)
        self.prepare_box = VBox([self.chosen, self.link, self._question_field,
                                 *self._edit_words,
                                 self.phases,
                                 HBox([self.save_button, self.status],
                                      layout=Layout(align_items="center", grid_gap="12px"))])
        self.prepare_box.layout.display = "none"

        self.create_button.on_click(
            lambda _b: self._guarded(self._create_typed, self.create_status))
        self.choose_button.on_click(
            lambda _b: self._guarded(lambda: self.choose(self.sessions.value),
                                     self.create_status))
        self.save_button.on_click(lambda _b: self._guarded(self._save_typed, self.status))
        self.widget = VBox([stylesheet(), self.create_box, self.reopen_box, self.prepare_box])
        self.widget.add_class("palabre-picker")
        self._format_chosen()
        self.list_sessions()

    def _word_fields(self, inverted: Textarea, proposition: Textarea) -> list[VBox]:
        """The inverted question and the proposition, each shown when the format takes it."""
        _ = self._t.gettext
        help_text = HTML(html.escape(_("Proposed from the question: check it, or write your "
                                       "own.")))
        help_text.add_class("palabre-picker-help")
        fields = [_field(inverted, _("Inverted question")),
                  _field(proposition, _("Proposition argued (for or against)"))]
        fields[0].children = (*fields[0].children, help_text)
        fields[0].add_class("palabre-picker-inverted")
        fields[1].add_class("palabre-picker-proposition")
        return fields

    @staticmethod
    def _show_words(exercise: Exercise, fields) -> None:
        needs = exercise.needs()
        for name, box in zip(("inverted_question", "proposition"), fields, strict=True):
            box.layout.display = None if name in needs else "none"

    @staticmethod
    def _heading(text: str) -> HTML:
        heading = HTML(f"<h2>{html.escape(text)}</h2>")
        heading.add_class("palabre-picker-heading")
        return heading

    def _guarded(self, action, status: HTML) -> None:
        """A refusal is said next to the button, and so is a failure of the store, rather
        than lost in the kernel's log; what was typed stays in the fields."""
        try:
            action()
        except PickerError as error:
            status.value = html.escape(str(error))
        except Exception as error:
            _ = self._t.gettext
            status.value = html.escape(
                _("That did not work ({error}). Try again; if it keeps failing, restart "
                  "the kit: nothing already stored is lost.", error=type(error).__name__))
        else:
            if status is self.create_status:
                status.value = ""

    def _format_chosen(self) -> None:
        fmt = self.formats.get(self.format.value)
        if fmt is None:
            return
        lang = self.session_lang.value
        words = fmt.words()
        self._proposed = ""
        self.inverted_question.value = words["inverted_question"].get(lang) \
            if "inverted_question" in words else ""
        self.proposition.value = words["proposition"].get(lang) if "proposition" in words \
            else ""
        self.question.value = fmt.question.get(lang)
        self._show_words(fmt, self._create_words)
        self.description.value = html.escape(fmt.description.get(lang))
        if not self.title.value.strip() or self.title.value in {
                f.title.get(x) for f in self.formats.values() for x in LANGS}:
            self.title.value = fmt.title.get(lang)

    def _question_typed(self) -> None:
        """A new question gets a new inverted question to confirm (while the facilitator has
        not written one), and never keeps the format's own proposition."""
        fmt = self.formats.get(self.format.value)
        if fmt is None:
            return
        lang, words = self.session_lang.value, fmt.words()
        own = self.question.value.strip() in ("", fmt.question.get(lang))
        if "inverted_question" in words and self.inverted_question.value in (
                self._proposed, words["inverted_question"].get(lang), ""):
            self._proposed = words["inverted_question"].get(lang) if own \
                else invert_question(self.question.value, lang)
            self.inverted_question.value = self._proposed
        if "proposition" in words:
            default = words["proposition"].get(lang)
            if not own and self.proposition.value == default:
                self.proposition.value = ""
            elif own and not self.proposition.value.strip():
                self.proposition.value = default

    # --- actions ---------------------------------------------------------------------
    def list_sessions(self) -> None:
        """Fill the list of workshops to reopen, newest first."""
        t = self._t
        options = []
        for summary in self.store.sessions():
            fmt = self.formats.get(summary.exercise_id)
            name = fmt.title.get(self.lang) if fmt else summary.exercise_id
            people = t.ngettext("{n} participant", "{n} participants", summary.participants)
            options.append((f"{summary.code} · {summary.title} · {name} · {people}",
                            summary.code))
        self.sessions.options = options
        self.choose_button.disabled = not options

    def create(self, *, exercise_id: str, title: str, question: str = "",
               inverted_question: str = "", proposition: str = "", place: str = "",
               held_on: str | None = None, facilitator: str = "", lang: str | None = None,
               forum: str = "") -> Session:
        """A new workshop of this format; then it is the chosen one, ready to adjust. A
        question of one's own comes with its inverted question or proposition when the
        format takes one (an inverted question left out is proposed from the question)."""
        _ = self._t.gettext
        exercise = self.formats.get(exercise_id)
        if exercise is None:
            raise PickerError(_("Choose a format."))
        title = self._clean(title, _("Title"), required=True)
        lang = lang if lang in LANGS else self.lang
        exercise = self._reworded(exercise, lang, question=question,
                                  inverted_question=inverted_question, proposition=proposition)
        session = self.store.create_session(
            exercise, title=title, place=self._clean(place, _("Place")),
            held_on=held_on or date.today().isoformat(),
            facilitator=self._clean(facilitator, _("Facilitator")), lang=lang,
            forum=self._clean(forum, _("Forum")) or None)
        self.list_sessions()
        self.choose(session.code)
        self.status.value = html.escape(_("Workshop {code} created.", code=session.code))
        return session

    def _reworded(self, exercise: Exercise, lang: str, *, prompts=None, timeboxes=None,
                  **words: str | None) -> Exercise:
        """The format with the facilitator's words, cleaned; a refusal said in their
        language."""
        _ = self._t.gettext
        labels = {"question": _("Question"), "inverted_question": _("Inverted question"),
                  "proposition": _("Proposition argued (for or against)")}
        cleaned = {name: self._clean(text or "", labels[name], max_chars=PROMPT_MAX_CHARS,
                                     multiline=True) for name, text in words.items()}
        try:
            return edited(exercise, **cleaned, prompts=prompts, timeboxes=timeboxes, lang=lang)
        except Refusal as refusal:
            raise PickerError(refusal.translated(_)) from None

    def choose(self, code: str | None) -> Session:
        """Reopen a workshop: its link, and its wording and times to adjust."""
        _ = self._t.gettext
        session = self.store.session(codes.normalize(code or "") or "")
        if session is None:
            raise PickerError(_("No workshop has the code {code}.", code=code or ""))
        self.code = session.code
        self.room_url = dashboard_link(session.exercise.id, session.code)
        lang = session.lang
        fmt = session.exercise.title.get(self.lang)
        self.chosen.value = (f"<h2>{html.escape(session.code)} · {html.escape(session.title)}"
                             f"</h2><p>{html.escape(fmt)}</p>")
        label = _("Open the room dashboard")
        self.link.value = (f'<a href="{html.escape(self.room_url)}" target="_blank" '
                           f'rel="noopener">{html.escape(label)}</a>')
        self.edit_question.value = session.exercise.question.get(lang)
        words = session.exercise.words()
        self.edit_inverted.value = words["inverted_question"].get(lang) \
            if "inverted_question" in words else ""
        self.edit_proposition.value = words["proposition"].get(lang) \
            if "proposition" in words else ""
        self._show_words(session.exercise, self._edit_words)
        for row in self._rows:
            row.close()
        self._rows = [_PhaseRow(number, phase, lang, self._t)
                      for number, phase in enumerate(session.exercise.phases, start=1)]
        self.phases.children = self._rows
        self.prepare_box.layout.display = None
        self.status.value = ""
        if session.code in [value for _label, value in self.sessions.options]:
            self.sessions.value = session.code
        return session

    def save(self, *, question: str | None = None, inverted_question: str | None = None,
             proposition: str | None = None, prompts: dict[str, str] | None = None,
             timeboxes: dict[str, float | None] | None = None) -> Session:
        """Store the chosen workshop's own question (and inverted question or proposition),
        prompts and timeboxes; the page then shows the prompts with the new words in."""
        _ = self._t.gettext
        session = self.store.session(self.code) if self.code else None
        if session is None:
            raise PickerError(_("Choose or create a workshop first."))
        cleaned = {}
        for phase_id, prompt in (prompts or {}).items():
            cleaned[phase_id] = self._clean(prompt, _("Prompt"), required=True,
                                            max_chars=PROMPT_MAX_CHARS, multiline=True)
        for phase_id, minutes in (timeboxes or {}).items():
            if minutes is not None and not 0 < minutes <= MAX_TIMEBOX_MIN:
                raise PickerError(_("A timebox is between 1 and {most} minutes (0: none).",
                                    most=MAX_TIMEBOX_MIN))
            session.exercise.phase(phase_id)  # a phase this format has
        new = self._reworded(session.exercise, session.lang, question=question,
                             inverted_question=inverted_question, proposition=proposition,
                             prompts=cleaned, timeboxes=timeboxes)
        if new != session.exercise:
            session = self.store.update_session(session.code, exercise=new)
            self.choose(session.code)
        self.status.value = html.escape(_("Changes saved."))
        return session

    def _create_typed(self) -> None:
        held = self.held_on.value
        self.create(exercise_id=self.format.value, title=self.title.value,
                    question=self.question.value,
                    inverted_question=self.inverted_question.value,
                    proposition=self.proposition.value, place=self.place.value,
                    held_on=held.isoformat() if held else None,
                    facilitator=self.facilitator.value, lang=self.session_lang.value,
                    forum=self.forum.value)

    def _save_typed(self) -> None:
        self.save(question=self.edit_question.value, inverted_question=self.edit_inverted.value,
                  proposition=self.edit_proposition.value,
                  prompts={row.phase_id: row.prompt.value for row in self._rows},
                  timeboxes={row.phase_id: (row.timebox.value or None) for row in self._rows})

    def _clean(self, value: str, label: str, *, required: bool = False,
               max_chars: int = TITLE_MAX_CHARS, multiline: bool = False) -> str:
        _ = self._t.gettext
        try:
            cleaned = texts.clean(value or "", max_chars=max_chars, max_bytes=max_chars * 4,
                                  multiline=multiline)
        except texts.TextTooLong as error:
            raise PickerError(_("{field}: {max_chars} characters at most.", field=label,
                                max_chars=error.max_chars)) from None
        if required and not cleaned:
            raise PickerError(_("{field}: please write something.", field=label))
        return cleaned

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def picker_app(*, store: Store | None = None, lang: str | None = None) -> SessionPicker:
    """What workshops/index.ipynb displays."""
    return SessionPicker(store or Store.open(), lang=lang)
