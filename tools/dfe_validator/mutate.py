"""Extra, random rule-level faults on top of the generator's returns, so that most rules have cases.

The generator's faults are mostly file- and cell-level (encodings, invalid codes, impossible dates); its
returns are otherwise consistent, so most validation rules would flag nobody on either side and the
comparison would say little. This step changes one cell in a small share of the data rows of every file:

- `swap`: the value of the same column in another row of the file (a valid code or date, but maybe
  inconsistent with the rest of the row: placement against age, legal status against placement ...);
- `blank`: the cell emptied (mandatory fields, pairs of fields that go together);
- `shift`: a date moved by up to 400 days either way (date order, overlaps, gaps, ages).

Lines are edited in place (same line endings, BOM and blank rows), so the generator's file-level faults
and every row number stay as they were. Seeded: the same inputs give the same files.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
KEEP = frozenset({"CHILD"})  # changing the id would only make orphans
KINDS = ("swap", "blank", "shift")


@dataclass(frozen=True)
class Mutation:
    file: str
    line: int  # header = 1
    column: str
    kind: str


def shift_date(text: str, days: int) -> str | None:
    """The DD/MM/YYYY date moved by `days`, or None when the text is not such a date."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        moved = date(year, month, day) + timedelta(days=days)
    except ValueError:
        return None
    return moved.strftime("%d/%m/%Y")


def _split_line(line: str) -> tuple[str, str]:
    body = line.rstrip("\r\n")
    return body, line[len(body) :]


def _format_record(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def mutate_text(text: str, rate: float, rng: random.Random, name: str) -> tuple[str, list[Mutation]]:
    """Change one cell in about `rate` of the data rows of one CSV text."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text[len(bom) :].splitlines(keepends=True)
    records: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    for index, line in enumerate(lines):
        body, _ = _split_line(line)
        if not body.strip().strip(","):
            continue
        cells = next(csv.reader([body]))
        if header is None:
            header = [cell.strip().upper() for cell in cells]
        else:
            records.append((index, cells))
    if header is None or not records:
        return text, []
    columns = [i for i, name_ in enumerate(header) if name_ not in KEEP]
    mutations: list[Mutation] = []
    for index, cells in records:
        if rng.random() >= rate or not columns:
            continue
        column = rng.choice(columns)
        if column >= len(cells):
            continue
        kind = rng.choice(KINDS)
        old = cells[column]
        if kind == "swap":
            _, donor = rng.choice(records)
            new = donor[column] if column < len(donor) else old
        elif kind == "blank":
            new = ""
        else:
            new = shift_date(old, rng.choice([-1, 1]) * rng.randint(1, 400)) or old
        if new == old:
            continue
        cells = [*cells]
        cells[column] = new
        _, ending = _split_line(lines[index])
        lines[index] = _format_record(cells) + ending
        mutations.append(Mutation(name, index + 1, header[column], kind))
    return bom + "".join(lines), mutations


def mutate_extracts(extracts: Path, rate: float, seed: int, log: Path) -> Counter:
    """Mutate every UTF-8 return file (`<la>/ssda903/<year>/*.csv`) in place; list the changes in `log`
    (child-level work folder: file, line, column, kind); return how many cells of each kind changed."""
    everything: list[Mutation] = []
    for path in sorted(extracts.glob("*/ssda903/*/*.csv")):
        name = path.relative_to(extracts).as_posix()
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # a generator's encoding fault: left as it is
        changed, mutations = mutate_text(text, rate, random.Random(f"{seed}:{name}"), name)
        if mutations:
            path.write_bytes(changed.encode("utf-8"))
        everything += mutations
    log.write_text(json.dumps([m.__dict__ for m in everything], indent=0))
    return Counter(m.kind for m in everything)
