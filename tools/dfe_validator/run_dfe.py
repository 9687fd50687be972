"""Run DfE's open-source SSDA903 validator (csc-validator-be-903) on one LA-year of CSV files.

Runs under the separate virtual environment `.venv-dfe-validator` (Python 3.10, pandas 1.x), never
under the project's: `compare.py` calls it as a subprocess, one collection year per call.

    run_dfe.py --year 2025 --this-year DIR [--prev-year DIR] --la-codes E06000065,E10000023
               --root EXTRACTS_ROOT --out RESULT_DIR

Writes two files into RESULT_DIR:

- `errors.csv`: one row per (rule, flagged row): rule_code, table (the validator's name, `_last` for
  the previous year's tables), source_file (relative to EXTRACTS_ROOT), source_row (the line as a
  spreadsheet numbers it: header = 1) and child. Child-level: it stays in the comparison's work folder.
- `meta.json`: timings, the rule codes in the year's rule set, the rules the validator skipped (a table
  missing) or that crashed, and the files it could not read (with its message).

The validator refuses a whole upload when one file's columns differ from its list (an optional column
left out, an extra column). With `--adapt-columns` such a file is given to it with exactly its columns
(missing ones blank, extra ones dropped), so the comparison is not lost for the whole year; the file is
still listed as refused, marked adapted.

The validator numbers a flagged row by its position in the pandas frame, which skips empty lines;
`source_row` maps that position back to the file's line so both tools' rows can be matched.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import sys
import time
from pathlib import Path

LAST_SUFFIX = "_last"


def record_lines(content: bytes) -> list[int]:
    """Line numbers (header = 1) of the records pandas reads from a CSV, in frame order.

    pandas skips lines that are empty or only whitespace; a line of commas is a record.
    """
    text = content.decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    lines: list[int] = []
    previous_end = 0
    for index, record in enumerate(reader):
        start = previous_end + 1
        previous_end = reader.line_num
        if index == 0:
            continue  # the header
        if not record or (len(record) == 1 and not record[0].strip()):
            continue
        lines.append(start)
    return lines


def nearest_table(header: list[str], tables: dict[str, list[str]]) -> str | None:
    """The table whose columns the header matches but for one or two missing or extra columns."""
    columns = {name.strip().upper() for name in header}
    if "CHILD" not in columns:
        return None
    best = max(tables, key=lambda name: (len(columns & set(tables[name])), -len(columns ^ set(tables[name]))))
    expected = set(tables[best])
    return best if len(columns & expected) >= len(expected) - 2 else None


def adapt_columns(content: bytes, expected: list[str]) -> bytes:
    """The file with exactly the validator's columns: a missing column blank, an extra one dropped.

    Only the records pandas would read are written, in order, so `record_lines` of the original file
    still numbers the adapted frame's rows.
    """
    reader = csv.reader(io.StringIO(content.decode("utf-8-sig", errors="replace"), newline=""))
    header = [name.strip().upper() for name in next(reader)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(expected)
    for record in reader:
        if not record or (len(record) == 1 and not record[0].strip()):
            continue
        cells = dict(zip(header, record, strict=False))
        writer.writerow([cells.get(name, "") for name in expected])
    return out.getvalue().encode("utf-8")


def probe(content: bytes, name: str, description: str) -> tuple[str | None, str | None]:
    """(the validator's name for the file's frame, None), or (None, its message) when it cannot read it."""
    from lac_validator.ingress import read_csvs_from_text

    upload = {"name": name, "file_content": content, "description": description}
    try:
        (frame,) = read_csvs_from_text([upload]).keys()
    except Exception as error:  # the validator raises UploadError, KeyError, ValueError ...
        first_line = str(error).splitlines()[0][:200] if str(error) else ""
        return None, f"{type(error).__name__}: {first_line}"
    return frame, None


def pick_la_code(candidates: list[str]) -> str:
    """The first candidate the validator's own (2021) authority lookup knows, for PL_LOCATION."""
    import qlacref_authorities

    known = {record["UTLA21CD"] for record in qlacref_authorities.records}
    for code in candidates:
        if code in known:
            return code
    return candidates[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", required=True, help="collection year, e.g. 2025 (= 2024/25)")
    parser.add_argument("--this-year", type=Path, required=True)
    parser.add_argument("--prev-year", type=Path)
    parser.add_argument("--la-codes", required=True, help="the LA's GSS codes, comma-separated")
    parser.add_argument("--root", type=Path, required=True, help="extracts root (for relative file names)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--adapt-columns",
        action="store_true",
        help="give the validator a file it refuses for a missing or extra column with exactly its columns",
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    logging.disable(logging.CRITICAL)  # the validator logs at INFO, some messages quote values
    from lac_validator.lac_validator import LacValidator
    from lac_validator.rules.ruleset_utils import get_year_ruleset

    import_s = time.perf_counter() - started

    folders = [("This year", args.this_year)]
    if args.prev_year is not None and args.prev_year.is_dir():
        folders.append(("Prev year", args.prev_year))
    from lac_validator.config import column_names

    uploads, read, rejected = [], [], []
    frame_files: dict[str, tuple[str, list[int]]] = {}  # frame -> (file, line of each record)
    for description, folder in folders:
        for path in sorted(folder.glob("*.csv")):
            relative = path.relative_to(args.root).as_posix()
            content = path.read_bytes()
            frame, problem = probe(content, str(path), description)
            adapted = False
            if frame is None and args.adapt_columns:
                header = next(csv.reader(io.StringIO(content.decode("utf-8-sig", errors="replace"))), [])
                table = nearest_table(header, column_names)
                if table is not None:
                    original = content
                    content = adapt_columns(content, column_names[table])
                    frame, _ = probe(content, str(path), description)
                    adapted = frame is not None
                    content = content if adapted else original
            if frame is None or adapted:
                rejected.append(
                    {"file": relative, "description": description, "problem": problem, "adapted": adapted}
                )
            if frame is not None:
                read.append(relative)
                uploads.append({"name": str(path), "file_content": content, "description": description})
                frame_files[frame] = (relative, record_lines(path.read_bytes()))

    registry = get_year_ruleset(args.year)
    metadata = {"collectionYear": args.year, "localAuthority": pick_la_code(args.la_codes.split(","))}
    began = time.perf_counter()
    validator = LacValidator(metadata=metadata, files=uploads, registry=registry)
    validate_s = time.perf_counter() - began

    args.out.mkdir(parents=True, exist_ok=True)
    rows = 0
    with open(args.out / "errors.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["rule_code", "table", "source_file", "source_row", "child"])
        for table, frame in validator.ds_results.items():
            if table == "metadata" or table not in frame_files:
                continue
            relative, lines = frame_files[table]
            for column in (c for c in frame.columns if str(c).startswith("ERR_")):
                flagged = frame.index[frame[column].eq(True)]
                for position in flagged:
                    line = lines[position] if 0 <= position < len(lines) else ""
                    child = frame.at[position, "CHILD"] if "CHILD" in frame.columns else ""
                    child = "" if child is None or child != child else str(child)  # NaN -> ""
                    writer.writerow([column[4:], table, relative, line, child])
                    rows += 1

    meta = {
        "year": int(args.year),
        "validator_version": _version(),
        "la_code_used": metadata["localAuthority"],
        "import_s": round(import_s, 3),
        "validate_s": round(validate_s, 3),
        "rules_in_year": sorted(registry),
        "rules_skipped": sorted(map(str, validator.skips)),
        "rules_crashed": sorted(map(str, validator.fails)),
        "files_read": read,
        "files_rejected": rejected,
        "error_rows": rows,
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1))
    return 0


def _version() -> str:
    from importlib.metadata import version

    return version("csc-validator-be-903")


if __name__ == "__main__":
    sys.exit(main())
