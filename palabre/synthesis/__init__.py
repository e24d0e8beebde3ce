"""What the room said, computed once for the projector and the exports alike, so the wall and
the deck can never disagree. Reads one consistent snapshot of the store, then pure functions.

Surfaces ask for ``phase_result`` (one phase) or ``workshop_result`` (the whole workshop) and
render what they get; they never count on their own.
"""

from __future__ import annotations

from .ballot import AT_MOST, Ballot, Entry, vote_ballot
from .campaign import CampaignPart, CampaignResult, CampaignTheme, Figures, campaign_result
from .forum import (
    FORUM_KINDS,
    ForumItem,
    ForumTally,
    ForumTheme,
    forum_counts,
    forum_items,
    forum_themes,
    forum_top,
    group_items,
)
from .groups import (
    Column,
    Pair,
    Theme,
    arguments,
    columns,
    empathy_maps,
    origin,
    pairs,
    representative,
    themes,
)
from .people import Counts, answers_by_phase, counts, role_split, roles_of, total
from .results import (
    BUILDERS,
    ArgumentResult,
    Board,
    ChoiceResult,
    ClusterResult,
    IdeasResult,
    InvertResult,
    PersonaResult,
    PhaseResult,
    PhotoResult,
    PitchResult,
    ScaleResult,
    UnknownKind,
    VoteResult,
    WorkshopResult,
    no_board,
    phase_result,
    workshop_result,
)
from .snapshot import Snapshot, latest_ballots, snapshot
from .tally import (
    ScaleSummary,
    Tally,
    choice_tally,
    ranked,
    scale_summary,
    vote_tally,
    vote_tally_by_role,
)


def ideas(snap: Snapshot, phase) -> list:
    return snap.of_phase(phase.id)


def word_counts(snap: Snapshot, phase_ids: list[str] | None = None, lang: str = "fr",
                top: int = 50) -> list[tuple[str, int]]:
    """The words of the room's free text, for a word cloud (French stop words dropped)."""
    from palabre.textmining import word_counts as count_words

    texts = [c.text for c in snap.contributions
             if c.text and (phase_ids is None or c.phase_id in phase_ids)]
    return count_words(texts, lang=lang, top=top)


__all__ = [
    "AT_MOST", "BUILDERS", "Ballot", "Entry", "vote_ballot",
    "CampaignPart", "CampaignResult", "CampaignTheme", "Figures", "campaign_result",
    "group_items",
    "FORUM_KINDS", "ArgumentResult", "Board", "ChoiceResult", "ClusterResult",
    "Column", "Counts", "ForumItem", "ForumTally", "ForumTheme", "IdeasResult", "InvertResult",
    "Pair", "PersonaResult", "PhaseResult", "PhotoResult", "PitchResult", "ScaleResult",
    "ScaleSummary", "Snapshot", "Tally", "Theme", "UnknownKind", "VoteResult",
    "WorkshopResult", "answers_by_phase", "arguments", "choice_tally",
    "columns", "counts", "empathy_maps", "forum_counts", "forum_items", "forum_themes",
    "forum_top", "ideas", "latest_ballots", "no_board", "origin", "pairs", "phase_result",
    "ranked", "representative", "role_split", "roles_of", "scale_summary", "snapshot",
    "themes", "total", "vote_tally", "vote_tally_by_role", "word_counts", "workshop_result",
]
