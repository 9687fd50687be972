"""SSDA903 code lists by collection year, read from the project's one code-list seed.

The simulation thinks in codes as they were when an event happened; a return is written with the codes
valid for *its* collection year. `CodeLists.resolve` does that translation: a code valid in the year is
kept, otherwise it is replaced by its successor (or predecessor) valid in that year, following the
changes listed in ssda903-spec.md section 5.1. The code lists themselves come only from the seed.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
CODE_LIST_SEED = SEEDS_DIR / "ssda903_code_lists.csv"

# Which code replaces a code that is not valid in a return's year (either direction in time).
# Several candidates: the simulation's per-record `pick` chooses among those valid in the year.
_REPLACEMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "SEX": {"M": ("1",), "F": ("2",), "U": ("1", "2"), "1": ("M",), "2": ("F",)},
    "PLACE": {"H5": ("K3",), "P2": ("K3",), "K3": ("H5",), "Z1": ("Z11", "Z12", "Z13", "Z14")},
    "REC": {"E45": ("E43",), "E46": ("E43",), "E47": ("E44",), "E48": ("E44",)},
    "ACTIV": {"F4": ("F3",), "F5": ("F3",), "P4": ("P3",), "P5": ("P3",), "F3": ("F5",), "P3": ("P5",)},
    "REASON_PLACE_CHANGE": {"CUSTOD": ("OTHER",)},
}


@dataclass(frozen=True)
class CodeRange:
    valid_from: int | None
    valid_to: int | None

    def contains(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to
        )


class CodeLists:
    """Every (field, code) of the seed with its valid collection years."""

    def __init__(self, ranges: dict[str, dict[str, CodeRange]]) -> None:
        self._ranges = ranges
        self._resolved: dict[tuple[str, str, int, int], str] = {}

    @classmethod
    def from_seed(cls, path: Path = CODE_LIST_SEED) -> CodeLists:
        ranges: dict[str, dict[str, CodeRange]] = defaultdict(dict)
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                ranges[row["field"]][row["code"]] = CodeRange(
                    int(row["valid_from_year"]) if row["valid_from_year"] else None,
                    int(row["valid_to_year"]) if row["valid_to_year"] else None,
                )
        return cls(dict(ranges))

    def is_valid(self, field: str, code: str, year: int) -> bool:
        code_range = self._ranges.get(field, {}).get(code)
        return code_range is not None and code_range.contains(year)

    def resolve(self, field: str, code: str, year: int, pick: int = 0) -> str:
        """The code to write in return `year` for `code`; blank stays blank."""
        key = (field, code, year, pick)
        resolved = self._resolved.get(key)
        if resolved is None:
            if not code or self.is_valid(field, code, year):
                resolved = code
            else:
                replacements = _REPLACEMENTS.get(field, {}).get(code, ())
                candidates = [c for c in replacements if self.is_valid(field, c, year)]
                if not candidates:
                    raise ValueError(f"{field} code {code!r} has no replacement valid in {year}")
                resolved = candidates[pick % len(candidates)]
            self._resolved[key] = resolved
        return resolved
