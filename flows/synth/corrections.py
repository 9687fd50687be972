"""Values an LA reported one year and corrected the next, as real multi-year returns carry.

Only an episode still open at 31 March N can be corrected: it is re-sent in N+1. Two kinds, both rare:
a start date off by a few days (the episode before it ends on the wrong day in return N too, so return N
stays consistent while the stitched history needs step 4, 6 or 7 of ssda903-spec.md section 8), and a
code (CIN category or placement provider) put right later. The recodes that follow code-list changes
(H5/P2 -> K3, Z1 -> Z11-Z14) need nothing here: every return writes the codes valid in its own year.
"""

from __future__ import annotations

from flows.synth.model import Child, Episode, year_end, year_start
from flows.synth.rand import Stream
from flows.synth.returns import DateText

DECOM_CORRECTED = 0.006
CODE_CORRECTED = 0.01
_OTHER_CIN = ("N1", "N4", "N5")
_OTHER_PROVIDER = ("PR1", "PR4")


def add_corrections(children: list[Child], years: tuple[int, ...], stream: Stream, fmt: DateText) -> int:
    """Mark some episodes as first reported wrongly; returns how many were marked."""
    marked = 0
    for n in years:
        if n + 1 not in years:
            continue
        start, end = year_start(n), year_end(n)
        for child in children:
            if child.short_breaks:
                continue
            for i, episode in enumerate(child.episodes):
                if not (episode.decom <= end < episode.dec) or episode.reported:
                    continue
                u = stream.u()
                if u < DECOM_CORRECTED and start <= episode.decom:
                    marked += _wrong_start(child.episodes, i, n, start, end, stream, fmt)
                elif u < DECOM_CORRECTED + CODE_CORRECTED:
                    marked += _wrong_code(episode, [y for y in years if y <= n], stream)
    return marked


def _wrong_start(
    episodes: list[Episode], i: int, year: int, start: int, end: int, stream: Stream, fmt: DateText
) -> int:
    episode = episodes[i]
    previous = episodes[i - 1] if i > 0 and episodes[i - 1].dec == episode.decom else None
    if previous is not None and previous.reported:
        return 0
    shift = stream.randint(1, 7) * (1 if stream.chance(0.5) else -1)
    reported = episode.decom + shift
    floor = max(start, previous.decom + 1 if previous else start)
    if not floor <= reported <= end:
        return 0
    episode.reported = {year: {"DECOM": fmt(reported)}}
    if previous is not None:
        previous.reported = {year: {"DEC": fmt(reported)}}
    return 1


def _wrong_code(episode: Episode, years: list[int], stream: Stream) -> int:
    if episode.provider in _OTHER_PROVIDER and stream.chance(0.5):
        column, value = "PLACE_PROVIDER", next(p for p in _OTHER_PROVIDER if p != episode.provider)
    else:
        column, value = "CIN", next(c for c in _OTHER_CIN if c != episode.cin)
    episode.reported = {y: {column: value} for y in years}
    return 1
