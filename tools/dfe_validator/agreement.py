"""The comparison's arithmetic: which children and rows each side flags per rule, and how far they agree.

Pure functions on plain records (no pandas, no database), so the tests need neither the project's
warehouse nor DfE's validator. Child identifiers are used only to match the two sides; nothing here
writes them anywhere.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

_DOT_ZERO = re.compile(r"^(\d+)\.0+$")


@dataclass(frozen=True)
class Flag:
    """One row a rule flagged: the rule, the return's year, the child and where the row is."""

    rule_code: str
    year: int
    child: str  # normalised with normalise_child; "" when the row has no child id
    source_file: str | None  # relative to the extracts root: "<la>/ssda903/<year>/<file>.csv"
    source_row: int | None  # line as a spreadsheet numbers it (header = 1)


def normalise_child(value: object) -> str:
    """The child id as the project's ingest keeps it: trimmed, a spreadsheet's trailing '.0' removed.

    DfE's validator keeps `1234.0` as written, so without this one faulted cell would make the two
    sides disagree about a child that both flag.
    """
    if value is None:
        return ""
    text = str(value).strip()
    if text.lower() in ("", "nan", "none", "<na>"):
        return ""
    match = _DOT_ZERO.match(text)
    return match.group(1) if match else text


def records_by_line(content: bytes) -> tuple[list[str], dict[int, list[str]]]:
    """A CSV's header and its records keyed by the line each starts on (header = 1, blank lines counted)."""
    reader = csv.reader(io.StringIO(content.decode("utf-8-sig", errors="replace"), newline=""))
    header: list[str] = []
    records: dict[int, list[str]] = {}
    previous_end = 0
    for record in reader:
        start, previous_end = previous_end + 1, reader.line_num
        if not header:
            header = [name.strip().upper() for name in record]
        elif record:
            records[start] = record
    return header, records


def fill_children_from_files(flags: list[Flag], extracts: Path) -> list[Flag]:
    """Give a child to flags that point at a row but carry no child id (findings from quarantined rows).

    The child is the row's CHILD cell as written in the file, normalised as the ingest would.
    """
    wanted = {f.source_file for f in flags if not f.child and f.source_file and f.source_row is not None}
    children: dict[tuple[str, int], str] = {}
    for name in wanted:
        path = extracts / name
        if not path.is_file():
            continue
        header, records = records_by_line(path.read_bytes())
        if "CHILD" not in header:
            continue
        column = header.index("CHILD")
        for line, record in records.items():
            if column < len(record):
                children[(name, line)] = normalise_child(record[column])
    return [
        replace(f, child=children.get((f.source_file, f.source_row), ""))
        if not f.child and f.source_file and f.source_row is not None
        else f
        for f in flags
    ]


def rule_key(code: str) -> str:
    """Rule codes are matched case-insensitively (DfE writes both `197a` and `197B`)."""
    return code.strip().upper()


def parse_dfe_errors(path: Path, year: int) -> list[Flag]:
    """Read `run_dfe.py`'s errors.csv for one collection year."""
    with open(path, newline="") as handle:
        return [
            Flag(
                rule_code=row["rule_code"],
                year=year,
                child=normalise_child(row["child"]),
                source_file=row["source_file"] or None,
                source_row=int(row["source_row"]) if row["source_row"] else None,
            )
            for row in csv.DictReader(handle)
        ]


@dataclass(frozen=True)
class SetComparison:
    ours: int
    theirs: int
    both: int

    @property
    def only_ours(self) -> int:
        return self.ours - self.both

    @property
    def only_theirs(self) -> int:
        return self.theirs - self.both

    @property
    def agreement_pct(self) -> float | None:
        """Items both flag as a percentage of items either flags; None when neither flags any."""
        either = self.ours + self.theirs - self.both
        return None if either == 0 else 100.0 * self.both / either


def compare_sets(ours: set, theirs: set) -> SetComparison:
    return SetComparison(ours=len(ours), theirs=len(theirs), both=len(ours & theirs))


def combine(comparisons: Iterable[SetComparison]) -> SetComparison:
    """Add up comparisons of disjoint sets (different years or LAs)."""
    ours = theirs = both = 0
    for item in comparisons:
        ours, theirs, both = ours + item.ours, theirs + item.theirs, both + item.both
    return SetComparison(ours=ours, theirs=theirs, both=both)


@dataclass(frozen=True)
class RuleYear:
    """One rule in one collection year: children and rows flagged by each side."""

    rule_code: str
    year: int
    children: SetComparison
    rows: SetComparison | None  # None when our rule does not point at rows
    rows_in_previous_return: int  # rows DfE's validator flagged in last year's files (not compared)
    disagreeing_quarantined: int = 0  # children flagged by one side only who have a quarantined row


def _children(flags: Iterable[Flag]) -> set[tuple[int, str]]:
    return {(f.year, f.child) for f in flags if f.child}


def _rows(flags: Iterable[Flag], year: int) -> set[tuple[str, int]]:
    """Rows in the return's own files (a cross-year rule may also flag last year's rows)."""
    marker = f"/{year}/"
    return {
        (f.source_file, f.source_row)
        for f in flags
        if f.source_file and f.source_row is not None and marker in f"/{f.source_file}"
    }


def compare_rule_year(
    rule_code: str,
    year: int,
    ours: list[Flag],
    theirs: list[Flag],
    quarantined: frozenset[tuple[int, str]] = frozenset(),
) -> RuleYear:
    """Compare one rule in one year. Rows are compared only when our rule gives every row's place.

    `quarantined` holds (collection year, child) for every row the ingest quarantined: such a row is
    missing from our staging (every rule but the one for its bad value skips it) while DfE's validator
    checks it with the bad value read as blank, so a disagreement about such a child (this year's
    return or, for rules comparing years, last year's) is usually that and nothing else.
    """
    ours_point_at_rows = all(f.source_file and f.source_row is not None for f in ours)
    marker = f"/{year}/"
    previous = sum(1 for f in theirs if f.source_file and marker not in f"/{f.source_file}")
    ours_children, theirs_children = _children(ours), _children(theirs)
    disagreeing = ours_children ^ theirs_children
    return RuleYear(
        rule_code=rule_code,
        year=year,
        children=compare_sets(ours_children, theirs_children),
        rows=compare_sets(_rows(ours, year), _rows(theirs, year)) if ours_point_at_rows else None,
        rows_in_previous_return=previous,
        disagreeing_quarantined=sum(
            1 for y, child in disagreeing if (y, child) in quarantined or (y - 1, child) in quarantined
        ),
    )


def group_flags(flags: Iterable[Flag]) -> dict[tuple[str, int], list[Flag]]:
    """Flags by (rule key, year)."""
    grouped: dict[tuple[str, int], list[Flag]] = {}
    for flag in flags:
        grouped.setdefault((rule_key(flag.rule_code), flag.year), []).append(flag)
    return grouped


@dataclass
class YearRules:
    """Which rules each side ran in one year (rule keys -> the side's own spelling)."""

    ours: dict[str, str]
    theirs: dict[str, str]
    theirs_not_run: dict[str, str] = field(default_factory=dict)  # key -> "skipped" / "crashed"

    def shared(self) -> list[str]:
        return sorted(set(self.ours) & set(self.theirs))


def compare_year(
    year: int,
    rules: YearRules,
    ours: list[Flag],
    theirs: list[Flag],
    quarantined: frozenset[tuple[int, str]] = frozenset(),
) -> Iterator[RuleYear]:
    """Every rule both sides ran in the year (a rule DfE's validator skipped or crashed on is left out)."""
    ours_by_rule, theirs_by_rule = group_flags(ours), group_flags(theirs)
    for key in rules.shared():
        if key in rules.theirs_not_run:
            continue
        ours_flags, theirs_flags = ours_by_rule.get((key, year), []), theirs_by_rule.get((key, year), [])
        yield compare_rule_year(rules.ours[key], year, ours_flags, theirs_flags, quarantined)


def format_pct(value: float | None) -> str:
    """Agreement for the report: whole percent, but never rounds a disagreement up to 100."""
    if value is None:
        return "n/a"
    if 99.0 < value < 100.0:
        return f"{math.floor(value * 10) / 10:.1f}%"
    if 0.0 < value < 1.0:
        return f"{math.ceil(value * 10) / 10:.1f}%"
    return f"{value:.0f}%"
