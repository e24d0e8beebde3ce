"""The projector's look, in one place: big type and high contrast, read from the back of a hall.

Sizes are named constants so tests and the stylesheet agree (prompt at least 32 px, wall items
at least 22 px, QR code at least 300 px).
"""

from __future__ import annotations

from ipywidgets import HTML, Button, HBox, Layout

PROMPT_PX = 40
TITLE_PX = 30
WALL_ITEM_PX = 24
QR_PX = 360
COUNTDOWN_PX = 56
INK = "#161616"
PAPER = "#ffffff"
ACCENT = "#000091"  # blue of the French State's design system: contrast 15:1 on white
WARNING = "#ce0500"

CSS = f"""
.palabre-room {{ color: {INK}; background: {PAPER}; font-family: Marianne, Arial, sans-serif;
  padding: 12px 20px; }}
.palabre-room .widget-html-content {{ line-height: 1.25; }}
.palabre-header {{ font-size: 22px; color: {INK}; }}
.palabre-alert {{ font-size: 22px; font-weight: 700; color: {WARNING}; }}
.palabre-qr-panel {{ align-items: center; min-width: {QR_PX + 40}px; }}
.palabre-qr svg {{ width: {QR_PX}px; height: {QR_PX}px; display: block; }}
.palabre-qr path {{ fill: {INK}; }}
.palabre-join-url {{ font-size: 34px; font-weight: 700; color: {ACCENT}; text-align: center;
  word-break: break-all; }}
.palabre-code {{ font-size: 30px; text-align: center; }}
.palabre-code b {{ font-size: 48px; letter-spacing: 6px; font-family: monospace; }}
.palabre-position {{ font-size: 22px; color: {ACCENT}; }}
.palabre-phase-title {{ font-size: {TITLE_PX}px; font-weight: 700; color: {ACCENT}; }}
.palabre-prompt {{ font-size: {PROMPT_PX}px; font-weight: 700; color: {INK}; }}
.palabre-countdown {{ font-size: {COUNTDOWN_PX}px; font-weight: 700;
  font-variant-numeric: tabular-nums; }}
.palabre-countdown .palabre-paused {{ color: #666666; }}
.palabre-countdown .palabre-over {{ color: {WARNING}; }}
.palabre-status {{ font-size: 22px; }}
.palabre-counts {{ font-size: 26px; font-weight: 700; }}
.palabre-wall-items {{ display: grid; grid-template-columns: repeat(3, minmax(0, 1fr));
  gap: 12px; margin: 0; padding: 0; list-style: none; }}
.palabre-wall-items li {{ font-size: {WALL_ITEM_PX}px; border: 2px solid {INK};
  border-radius: 6px; padding: 10px 14px; overflow-wrap: anywhere; }}
.palabre-ref {{ font-size: 16px; color: #666666; margin-right: 8px; }}
.palabre-wall-items li .palabre-ref {{ float: right; margin: 0 0 0 8px; }}
.palabre-moderation-status {{ font-size: 18px; }}
.palabre-wall-items li small {{ display: block; font-size: 18px; color: #3a3a3a; }}
.palabre-note {{ font-size: {WALL_ITEM_PX + 4}px; padding: 18px 0; }}
.palabre-bars {{ width: 100%; border-collapse: collapse; font-size: {WALL_ITEM_PX}px; }}
.palabre-bars td {{ padding: 6px 8px; vertical-align: middle; }}
.palabre-bars .palabre-label {{ width: 45%; overflow-wrap: anywhere; }}
.palabre-bars .palabre-bar span {{ display: block; height: 28px; background: {ACCENT}; }}
.palabre-bars .palabre-count {{ width: 4em; text-align: right; font-weight: 700; }}
.palabre-pairs, .palabre-themes, .palabre-photos {{ display: grid; gap: 14px;
  grid-template-columns: repeat(3, minmax(0, 1fr)); font-size: {WALL_ITEM_PX}px; }}
.palabre-pair, .palabre-theme {{ border: 2px solid {INK}; border-radius: 6px;
  padding: 10px 14px; overflow-wrap: anywhere; }}
.palabre-worse {{ color: #3a3a3a; text-decoration: line-through; }}
.palabre-pair ul, .palabre-quadrant ul, .palabre-side ul {{ margin: 6px 0 0 0;
  padding-left: 1.1em; }}
.palabre-theme h3, .palabre-quadrant h3, .palabre-side h3 {{ margin: 0 0 6px 0;
  font-size: {WALL_ITEM_PX + 2}px; color: {ACCENT}; }}
.palabre-theme q {{ display: block; margin-top: 6px; font-style: italic; }}
.palabre-persona {{ font-size: {TITLE_PX}px; margin: 0 0 8px 0; }}
.palabre-map, .palabre-arguments {{ display: grid; gap: 14px; font-size: {WALL_ITEM_PX}px;
  grid-template-columns: repeat(3, minmax(0, 1fr)); }}
.palabre-arguments {{ grid-template-columns: repeat(4, minmax(0, 1fr)); }}
.palabre-quadrant, .palabre-side {{ border: 2px solid {INK}; border-radius: 6px;
  padding: 10px 14px; overflow-wrap: anywhere; }}
.palabre-against h3 {{ color: {WARNING}; }}
.palabre-photos figure {{ margin: 0; font-size: {WALL_ITEM_PX}px; }}
.palabre-photos img {{ width: 100%; max-height: 260px; object-fit: contain;
  border: 2px solid {INK}; }}
.palabre-speaking {{ font-size: {PROMPT_PX}px; font-weight: 700; }}
.palabre-pitch-clock {{ font-size: {COUNTDOWN_PX * 2}px; font-weight: 700;
  font-variant-numeric: tabular-nums; }}
.palabre-pitch-clock.palabre-paused {{ color: #666666; }}
.palabre-pitch-clock.palabre-over {{ color: {WARNING}; }}
.palabre-pitch-order {{ font-size: {WALL_ITEM_PX}px; }}
.palabre-pitch-order .palabre-current {{ font-weight: 700; color: {ACCENT}; }}
.palabre-room button.palabre-button {{ font-size: 20px; height: 48px; }}
.palabre-pager {{ font-size: 20px; }}
.palabre-room, .palabre-picker {{ --jp-widgets-font-size: 18px;
  --jp-widgets-inline-height: 40px; --jp-widgets-inline-label-width: 110px; }}
.palabre-bars .palabre-origin, .palabre-wall-items li small.palabre-origin {{ display: block;
  font-size: 18px; color: #3a3a3a; }}
.palabre-panel {{ margin: 10px 0; }}
.palabre-persona-cards {{ display: grid; gap: 16px;
  grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); }}
.palabre-persona-card {{ border: 3px solid {ACCENT}; border-radius: 8px; padding: 14px 20px;
  font-size: {WALL_ITEM_PX}px; overflow-wrap: anywhere; }}
.palabre-persona-card h2 {{ font-size: {TITLE_PX + 6}px; margin: 0; color: {ACCENT}; }}
.palabre-persona-card h3 {{ font-size: {WALL_ITEM_PX + 2}px; margin: 10px 0 4px 0; }}
.palabre-persona-card blockquote {{ font-style: italic; font-size: {WALL_ITEM_PX + 4}px;
  margin: 10px 0; }}
.palabre-persona-card ul {{ margin: 0; padding-left: 1.1em; }}
.palabre-persona-for {{ font-weight: 700; margin: 4px 0; }}
.palabre-persona-meta {{ color: #3a3a3a; margin: 4px 0; }}
.palabre-agenda {{ display: grid; gap: 8px; margin: 8px 0 0 0; padding: 0; list-style: none;
  grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); font-size: 18px; }}
.palabre-slot {{ border: 2px solid {INK}; border-radius: 6px; padding: 6px 8px; }}
.palabre-slot-time {{ display: block; font-weight: 700; font-variant-numeric: tabular-nums; }}
.palabre-slot.palabre-break {{ border-style: dashed; }}
.palabre-slot.palabre-done {{ color: #595959; border-color: #595959; }}
.palabre-slot.palabre-now {{ background: {ACCENT}; color: {PAPER}; border-color: {ACCENT}; }}
.palabre-agenda-late {{ font-size: 28px; font-weight: 700; color: {WARNING}; }}
.palabre-agenda-status {{ font-size: 22px; }}
.palabre-seating {{ display: grid; gap: 10px; margin: 8px 0; padding: 0; list-style: none;
  grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); font-size: {WALL_ITEM_PX}px; }}
.palabre-seating li {{ border: 2px solid {INK}; border-radius: 6px; padding: 8px 12px; }}
.palabre-seating-panel {{ font-size: 22px; }}
.palabre-split-title {{ font-size: {WALL_ITEM_PX + 2}px; color: {ACCENT}; margin: 8px 0; }}
.palabre-role-split {{ width: 100%; border-collapse: collapse; font-size: 22px; }}
.palabre-role-split th {{ text-align: left; padding: 4px 8px; }}
.palabre-role-split td {{ padding: 4px 8px; vertical-align: middle; }}
.palabre-role-split .palabre-label {{ width: 36%; overflow-wrap: anywhere; }}
.palabre-role-split .palabre-bar span {{ display: inline-block; height: 22px;
  background: {ACCENT}; margin-right: 8px; vertical-align: middle; max-width: 75%; }}
.palabre-wordcloud img {{ max-width: 100%; height: auto; display: block; margin: 0 auto; }}
.palabre-export-step, .palabre-export-result {{ font-size: 20px; }}
.palabre-picker {{ color: {INK}; background: {PAPER}; font-family: Marianne, Arial, sans-serif;
  padding: 12px 20px; max-width: 1100px; font-size: 18px; }}
.palabre-picker textarea {{ font-family: inherit; }}
.palabre-picker h2 {{ font-size: 28px; color: {ACCENT}; margin: 18px 0 8px 0; }}
.palabre-picker-label, .palabre-picker-help, .palabre-picker-status {{ font-size: 18px; }}
.palabre-picker-phase {{ font-size: 20px; font-weight: 700; }}
.palabre-picker-link a {{ font-size: 26px; font-weight: 700; color: {ACCENT}; }}
.palabre-picker button.palabre-button {{ font-size: 20px; height: 48px; }}
"""


def stylesheet() -> HTML:
    """One widget carrying the stylesheet, so every component can rely on the class names."""
    return HTML(f"<style>{CSS}</style>")


def button(description: str, css: str, icon: str = "") -> Button:
    """A dashboard button: sized to its label, styled by the stylesheet's classes."""
    made = Button(description=description, icon=icon,
                  layout=Layout(width="auto", flex="0 0 auto"))
    made.add_class("palabre-button")
    made.add_class(css)
    return made


def row(children) -> HBox:
    """Controls side by side, wrapping on a narrow screen."""
    return HBox(children, layout=Layout(align_items="center", grid_gap="8px",
                                        flex_flow="row wrap"))
