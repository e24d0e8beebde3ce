"""Messages of the pure layer: English templates, translated by whoever shows them."""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a template for the catalogs; palabre.i18n translates it at display time."""
    return message


class Refusal(ValueError):
    """An error a person must read: a message template and its values, translatable later."""

    def __init__(self, template: str, **values):
        self.template = template
        self.values = values
        super().__init__(template.format(**values))

    def translated(self, gettext) -> str:
        return gettext(self.template).format(**self.values)
