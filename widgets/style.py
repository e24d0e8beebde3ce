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
PREVIEW_PX = 448  # the console's preview of the room's screen: 1280x720 at 0.35
WAY_IN_CQH = 40  # the QR code's side on the room's screen, in hundredths of its height

CSS = f"""
.palabre-room {{ color: {INK}; background: {PAPER}; font-family: Marianne, Arial, sans-serif;
  padding: 12px 20px; }}
.palabre-room .widget-html-content {{ line-height: 1.25; }}
.palabre-header {{ font-size: 22px; color: {INK}; }}
.palabre-alert {{ font-size: 22px; font-weight: 700; color: {WARNING}; }}
.palabre-qr-panel {{ align-items: center; min-width: {QR_PX + 40}px; }}
.palabre-qr svg {{ width: {QR_PX}px; height: {QR_PX}px; display: block; }}
.palabre-qr path {{ fill: {INK}; }}
.palabre-join-url {{ font-size: 34px; font-weight: 700; color: {ACCENT}; text-align: center; }}
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
.palabre-role-split {{ width: 100%; border-collapse: collapse; font-size: 22px;
  table-layout: fixed; }}
.palabre-role-split col.palabre-label-column {{ width: 36%; }}
.palabre-role-split th {{ text-align: left; padding: 4px 8px; }}
.palabre-role-split td {{ padding: 4px 8px; vertical-align: middle; }}
.palabre-role-split .palabre-label {{ width: 36%; overflow-wrap: anywhere; }}
.palabre-role-split .palabre-bar span {{ display: inline-block; height: 22px;
  background: {ACCENT}; margin-right: 8px; vertical-align: middle; }}
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

/* --- the console: controls on the left, the room's screen and the way in on the right.
   Fixed columns, so nothing shifts when a phase's prompt or a button's label changes. */
.palabre-console-columns {{ display: grid !important; gap: 24px; align-items: start;
  grid-template-columns: minmax(0, 1fr) {PREVIEW_PX}px; }}
.palabre-console {{ min-width: 0; }}
.palabre-console-side {{ width: {PREVIEW_PX}px; }}
.palabre-console-side .palabre-qr-panel {{ min-width: 0; }}
.palabre-stepper button.palabre-answers, .palabre-stepper button.palabre-reveal,
.palabre-stepper button.palabre-qr-toggle {{ min-width: 15em; }}
.palabre-preview {{ width: {PREVIEW_PX}px; height: {PREVIEW_PX * 9 // 16}px; overflow: hidden;
  border: 2px solid {INK}; }}
.palabre-preview > *, .palabre-preview .palabre-audience-page > * {{ flex: none; }}
.palabre-preview .palabre-audience {{ width: 1280px; height: 720px;
  transform: scale({PREVIEW_PX / 1280:.4f}); transform-origin: 0 0; }}
.palabre-screen-links {{ font-size: 18px; margin: 8px 0; }}
.palabre-screen-links a {{ display: block; font-size: 20px; font-weight: 700; color: {ACCENT};
  margin-bottom: 8px; }}
.palabre-screen-links button {{ font-size: 18px; padding: 8px 12px; color: {INK};
  background: {PAPER}; border: 2px solid {INK}; border-radius: 6px; cursor: pointer; }}
body.palabre-room-only .palabre-preview {{ position: fixed; inset: 0; z-index: 1000;
  width: 100vw; height: 100vh; border: 0; background: {PAPER}; }}
body.palabre-room-only .palabre-preview .palabre-audience {{ width: 100vw; height: 100vh;
  transform: none; }}

/* --- the audience view: one frame that never scrolls, its type sized on the frame itself
   (container units), so 1280x720 and 1920x1080 show the same screen at their own size. */
.palabre-audience-page {{ position: fixed; inset: 0; z-index: 100; background: {PAPER}; }}
.palabre-preview .palabre-audience-page {{ position: static; }}
.palabre-audience {{ container-type: size; width: 100vw; height: 100vh; box-sizing: border-box;
  display: flex !important; gap: 2.5cqh; padding: 2.5cqh 3cqh; overflow: hidden;
  color: {INK}; background: {PAPER}; font-family: Marianne, Arial, sans-serif; }}
.palabre-audience .widget-html-content {{ line-height: 1.25; }}
.palabre-audience-main {{ flex: 1 1 0; min-width: 0; min-height: 0; overflow: hidden;
  display: flex !important; flex-direction: column; gap: 1.5cqh; }}
.palabre-audience-top {{ flex: none; display: flex !important; align-items: flex-start;
  gap: 3cqh; }}
.palabre-audience-head {{ flex: 1 1 0; min-width: 0; }}
.palabre-audience-position {{ margin: 0; font-size: max(22px, 3.4cqh); font-weight: 700;
  color: {ACCENT}; }}
.palabre-audience-prompt {{ margin: 0.6cqh 0 0 0; font-size: max(32px, 5.4cqh);
  line-height: 1.15; font-weight: 700; overflow-wrap: anywhere;
  display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }}
.palabre-audience-clock {{ flex: none; font-size: max(48px, 9cqh); font-weight: 700;
  font-variant-numeric: tabular-nums; line-height: 1; }}
.palabre-audience-clock .palabre-paused {{ color: #595959; }}
.palabre-audience-clock .palabre-over {{ color: {WARNING}; }}
.palabre-audience-wall {{ flex: 1 1 0; min-height: 0; overflow: hidden;
  font-size: max(22px, 3.3cqh); }}
.palabre-audience-wall > .widget-html-content {{ height: 100%; display: flex;
  flex-direction: column; gap: 1cqh; overflow: hidden; }}
.palabre-audience-wall .palabre-note {{ flex: none; font-size: max(24px, 3.6cqh);
  padding: 0; }}
.palabre-audience-wall .palabre-wall-items, .palabre-audience-wall .palabre-pairs,
.palabre-audience-wall .palabre-themes, .palabre-audience-wall .palabre-photos,
.palabre-audience-wall .palabre-arguments, .palabre-audience-wall .palabre-map {{
  flex: 1 1 0; min-height: 0; gap: 1.4cqh; grid-auto-rows: minmax(0, 1fr);
  font-size: max(22px, 3.3cqh); }}
.palabre-audience-wall .palabre-wall-items {{
  grid-template-rows: repeat(3, minmax(0, 1fr)); }}
.palabre-audience-wall .palabre-pairs, .palabre-audience-wall .palabre-photos {{
  grid-template-rows: repeat(2, minmax(0, 1fr)); }}
.palabre-audience-wall .palabre-themes {{ grid-template-rows: minmax(0, 1fr); }}
.palabre-audience-wall .palabre-map {{ grid-template-rows: repeat(2, minmax(0, 1fr)); }}
.palabre-audience-wall .palabre-wall-items li, .palabre-audience-wall .palabre-pair,
.palabre-audience-wall .palabre-theme, .palabre-audience-wall .palabre-side,
.palabre-audience-wall .palabre-quadrant, .palabre-audience-wall figure {{ min-height: 0;
  overflow: hidden; font-size: max(22px, 3.3cqh); padding: 1cqh 1.6cqh; }}
.palabre-audience-wall .palabre-wall-items li small {{ font-size: max(18px, 2.4cqh); }}
.palabre-audience-wall .palabre-ref {{ font-size: max(18px, 2.2cqh); }}
.palabre-audience-wall .palabre-photos img {{ max-height: 24cqh; }}
.palabre-audience-wall .palabre-bars {{ font-size: max(24px, 3.6cqh); }}
.palabre-audience-wall .palabre-bars .palabre-bar span {{ height: 3.6cqh; }}
.palabre-audience-wall .palabre-speaking {{ font-size: max(32px, 6cqh); }}
.palabre-audience-wall .palabre-pitch-clock {{ font-size: max(96px, 20cqh); line-height: 1; }}
.palabre-audience-wall .palabre-pitch-order {{ font-size: max(22px, 3.3cqh); }}
.palabre-audience-wall .palabre-persona {{ font-size: max(26px, 4cqh); }}
.palabre-audience-extra {{ flex: 0 1 auto; min-height: 0; max-height: 40cqh;
  overflow: hidden; font-size: max(22px, 3cqh); }}
.palabre-audience-extra .palabre-persona-cards {{ grid-template-columns: repeat(auto-fit,
  minmax(320px, 1fr)); gap: 1.4cqh; }}
.palabre-audience-extra .palabre-persona-card {{ padding: 1cqh 1.6cqh;
  font-size: max(22px, 3cqh); }}
.palabre-audience-extra .palabre-persona-card h2 {{ font-size: max(26px, 3.8cqh); }}
.palabre-audience-extra .palabre-persona-card h3,
.palabre-audience-extra .palabre-persona-card ul,
.palabre-audience-extra .palabre-persona-card p:not(.palabre-persona-for) {{ display: none; }}
.palabre-audience-extra .palabre-persona-card blockquote {{ margin: 0.6cqh 0 0 0;
  font-size: max(22px, 3cqh); }}
.palabre-audience-extra .palabre-seating {{ font-size: max(22px, 3cqh); }}
.palabre-audience-extra .palabre-role-split, .palabre-audience-extra .palabre-split-title {{
  font-size: max(22px, 3cqh); }}
.palabre-audience-foot {{ flex: none; font-size: max(22px, 3cqh); }}
.palabre-audience-foot .widget-html-content {{ display: flex; flex-wrap: wrap;
  gap: 0.5em 2em; align-items: baseline; }}
.palabre-audience-counts {{ font-weight: 700; }}
.palabre-audience-pager {{ font-weight: 700; color: {ACCENT}; }}
.palabre-audience-join {{ font-weight: 700; color: {ACCENT}; white-space: nowrap; }}
.palabre-audience-way-in {{ flex: none; width: {WAY_IN_CQH}cqh; text-align: center; }}
.palabre-audience-qr svg {{ width: {WAY_IN_CQH}cqh; height: {WAY_IN_CQH}cqh; display: block; }}
.palabre-audience-qr path {{ fill: {INK}; }}
.palabre-audience-url {{ margin: 1.5cqh 0 0 0; font-size: max(28px, 3.6cqh); font-weight: 700;
  color: {ACCENT}; }}
.palabre-audience-code {{ margin: 1.5cqh 0 0 0; font-size: max(28px, 3.6cqh); }}
.palabre-audience-code b {{ font-size: max(40px, 7cqh); letter-spacing: 0.12em;
  font-family: monospace; white-space: nowrap; }}
.palabre-url-base {{ overflow-wrap: anywhere; }}
.palabre-url-code {{ white-space: nowrap; }}
.palabre-join-url {{ word-break: normal; }}
/* The server's state, said over both screens by the page itself (the kernel may be gone). */
.palabre-server-state {{ position: fixed; left: 0; right: 0; top: 0; z-index: 2000;
  padding: 16px 24px; font: 700 28px Marianne, Arial, sans-serif; color: {PAPER};
  background: {WARNING}; text-align: center; }}
.palabre-server-state.palabre-back {{ background: #18753c; }}
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
