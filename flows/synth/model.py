"""The simulated truth: children and their care histories, before any annual return is cut from them.

Dates are proleptic Gregorian ordinals (`date.toordinal()`), so date arithmetic is integer arithmetic.
Codes are stored as they were when the event happened; each return translates them to its own year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class Episode:
    """One SSDA903 episode. `dec` is the true end; it is blank in returns cut before it."""

    decom: int
    dec: int
    rne: str
    ls: str
    cin: str
    place: str
    provider: str
    rec: str
    reason_change: str
    home_post: str
    pl_post: str
    urn: str
    pick: int  # chooses among several codes valid in a year (Z1 -> Z11..Z14)
    # Values a return reported before the LA corrected them: {collection year: {column: value}}.
    reported: dict[int, dict[str, str]] | None = None


@dataclass(slots=True)
class Adoption:
    """The agency decision that the child should be placed for adoption, and what came of it."""

    decision: int
    match: int | None = None
    placed: int | None = None
    foster_carer: bool = False
    reversed_on: int | None = None
    reversal_reason: str = ""
    adopters: int = 2
    sex_adopters: str = ""
    ls_adopters: str = ""


@dataclass(slots=True)
class Period:
    """One period of care: from an RNE S episode to the first episode ending with a REC other than X1."""

    start: int
    end: int
    rec: str
    prev_perm: tuple[str, str, str]  # PREV_PERM, LA_PERM, DATE_PERM as written
    adoption: Adoption | None = None
    short_breaks: bool = False


@dataclass(slots=True)
class Child:
    index: int
    dob: int
    sex: str  # M, F or U as recorded from 2024/25; earlier returns use 1/2
    sex_pick: int
    ethnic: str
    uasc: bool
    short_breaks: bool
    sdq_latent: float
    leaver_latent: float
    home_post: str
    periods: list[Period] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    reviews: list[tuple[int, str]] = field(default_factory=list)
    missing: list[tuple[str, int, int]] = field(default_factory=list)
    social_workers: list[tuple[str, int, int, str]] = field(default_factory=list)  # id, start, end, reason
    dolo: list[tuple[int, int]] = field(default_factory=list)  # Deprivation of Liberty Orders: start, end
    baby_dob: int | None = None
    # For a care leaver (looked after 13+ weeks after 14, some of it after 16): (last day in care, last REC).
    leaving: tuple[int, str] | None = None
    child_id: str = ""
    upn: str = ""


def birthday(dob: int, age: int) -> int:
    """Ordinal of the day the child reaches `age`; a 29 February birthday falls on 1 March otherwise."""
    born = date.fromordinal(dob)
    try:
        return date(born.year + age, born.month, born.day).toordinal()
    except ValueError:
        return date(born.year + age, 3, 1).toordinal()


def age_on(dob: int, day: int) -> int:
    """Completed years on `day`."""
    born, then = date.fromordinal(dob), date.fromordinal(day)
    return then.year - born.year - ((then.month, then.day) < (born.month, born.day))


def year_start(collection_year: int) -> int:
    return date(collection_year - 1, 4, 1).toordinal()


def year_end(collection_year: int) -> int:
    return date(collection_year, 3, 31).toordinal()
