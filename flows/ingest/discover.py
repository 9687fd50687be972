"""Find an LA's extracts in the fixed layout ``<extracts>/<old_la_code>/ssda903/<year>/*.csv`` (or ``*.xml``).

LA and collection year come from the folders, never from file names. Anything that does not fit
the layout is reported as a :class:`DiscoveryProblem` rather than skipped silently, except the
generator's own top-level files, hidden files and folders of the families a later release reads.
"""

from __future__ import annotations

import re
from pathlib import Path

from flows.environment import SYNTHETIC_MARKER
from flows.ingest.models import DiscoveryProblem, ExtractFile
from flows.ssda903_spec import SUPPORTED_YEARS

FAMILY = "ssda903"
LOADABLE_SUFFIXES = (".csv", ".xml")  # CSV tables, or the return as one XML document
_IGNORED_TOP_LEVEL_FILES = {SYNTHETIC_MARKER, "faults_manifest.json"}
_LATER_FAMILIES = {"cin", "sdq"}
REFERENCE_FOLDER = "reference"  # <la>/reference/: the postcode lookup, read by flows.ingest.postcodes
_EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
_LA_CODE = re.compile(r"\d{3}")
_YEAR = re.compile(r"\d{4}")
_YEARS_TEXT = f"{SUPPORTED_YEARS.start} to {SUPPORTED_YEARS.stop - 1}"


def _hidden(path: Path) -> bool:
    """Hidden files and Office lock files (``~$book.xlsx``) are never extracts."""
    return path.name.startswith((".", "~$"))


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not _hidden(p))


def _file_in_year_folder(path: Path, root: Path, la_code: str, year: int) -> ExtractFile | DiscoveryProblem:
    rel = _relative(path, root)
    if path.is_dir():
        return DiscoveryProblem(
            rel, f"{rel} is a folder inside a year folder; put the files directly in the year folder"
        )
    suffix = path.suffix.lower()
    if suffix in LOADABLE_SUFFIXES:
        return ExtractFile(path, rel, FAMILY, la_code, year)
    if suffix in _EXCEL_SUFFIXES:
        return DiscoveryProblem(
            rel, f"{rel} is an Excel workbook, which is not read; save each table as 'CSV UTF-8' instead"
        )
    return DiscoveryProblem(
        rel, f"{rel} is neither CSV nor XML; only .csv and .xml files are read from a year folder"
    )


def _year_folder(path: Path, root: Path) -> int | DiscoveryProblem:
    rel = _relative(path, root)
    if not path.is_dir():
        return DiscoveryProblem(rel, f"{rel} is not in a year folder; move it to {path.parent.name}/<year>/")
    if not _YEAR.fullmatch(path.name):
        return DiscoveryProblem(
            rel, f"folder {rel} is not a collection year; name it by the year ending 31 March, e.g. 2025"
        )
    year = int(path.name)
    if year not in SUPPORTED_YEARS:
        return DiscoveryProblem(
            rel, f"folder {rel}: collection year {year} is not supported (supported: {_YEARS_TEXT})"
        )
    return year


def _scan_family(folder: Path, root: Path, la_code: str) -> list[ExtractFile | DiscoveryProblem]:
    found: list[ExtractFile | DiscoveryProblem] = []
    for entry in _entries(folder):
        year = _year_folder(entry, root)
        if isinstance(year, DiscoveryProblem):
            found.append(year)
            continue
        found.extend(_file_in_year_folder(p, root, la_code, year) for p in _entries(entry))
    return found


def _scan_la(folder: Path, root: Path) -> list[ExtractFile | DiscoveryProblem]:
    found: list[ExtractFile | DiscoveryProblem] = []
    for entry in _entries(folder):
        rel = _relative(entry, root)
        if entry.is_dir() and entry.name == FAMILY:
            found.extend(_scan_family(entry, root, folder.name))
        elif entry.is_dir() and (entry.name in _LATER_FAMILIES or entry.name == REFERENCE_FOLDER):
            continue
        elif entry.is_dir():
            found.append(
                DiscoveryProblem(rel, f"folder {rel} is not a known extract family; expected {FAMILY}/")
            )
        else:
            move_to = f"{folder.name}/{FAMILY}/<year>/"
            found.append(DiscoveryProblem(rel, f"{rel} is not in a family folder; move it to {move_to}"))
    return found


def _scan_top(entry: Path, root: Path) -> list[ExtractFile | DiscoveryProblem]:
    rel = _relative(entry, root)
    if not entry.is_dir():
        if entry.name in _IGNORED_TOP_LEVEL_FILES:
            return []
        return [DiscoveryProblem(rel, f"{rel} is not in an LA folder; move it to <la_code>/{FAMILY}/<year>/")]
    if not _LA_CODE.fullmatch(entry.name):
        return [
            DiscoveryProblem(rel, f"folder {rel} is not named by a 3-digit old LA code (for example 815)")
        ]
    return _scan_la(entry, root)


def discover_extracts(extracts_dir: Path) -> tuple[list[ExtractFile], list[DiscoveryProblem]]:
    """List every loadable extract (sorted by path) and every problem found in the folder.

    Raises ``FileNotFoundError`` when ``extracts_dir`` is not an existing folder (bad usage, not bad data).
    """
    if not extracts_dir.is_dir():
        raise FileNotFoundError(f"extracts folder {extracts_dir} does not exist or is not a folder")
    root = extracts_dir.resolve()
    found = [item for entry in _entries(root) for item in _scan_top(entry, root)]
    files = [f for f in found if isinstance(f, ExtractFile)]
    problems = [p for p in found if isinstance(p, DiscoveryProblem)]
    return files, problems
