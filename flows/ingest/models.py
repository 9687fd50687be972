"""The values the ingest hands back to its callers.

Every field here may end up in a Prefect artifact or a log, so none of them may hold a child-level
value (child id, date of birth, postcode): only paths, hashes, counts, table names and messages
written from those.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LOADED = "loaded"
REJECTED = "rejected"


@dataclass(frozen=True)
class ExtractFile:
    """One file found in the extracts folder; LA and year come from its folder."""

    path: Path  # absolute
    relative_path: str  # relative to the extracts folder, '/' separated
    family: str  # 'ssda903'
    la_code: str
    collection_year: int


@dataclass(frozen=True)
class FileLoad:
    """The outcome for one file (for an XML return: one table of it); mirrors its `raw_audit.load_log` row."""

    relative_path: str
    file_sha256: str | None
    table_name: str | None
    la_code: str
    collection_year: int
    status: str  # 'loaded' | 'rejected'
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    rows_blank: int
    message: str | None  # for a rejected file: what is wrong and what to do
    notes: str | None  # normalisations applied, '; ' separated, each starting with its code


@dataclass(frozen=True)
class DiscoveryProblem:
    """Something in the extracts folder that is not a usable extract."""

    relative_path: str
    message: str


@dataclass(frozen=True)
class IngestSummary:
    """Every file's outcome and every discovery problem of one ingest run."""

    files: list[FileLoad]
    problems: list[DiscoveryProblem]

    @property
    def files_loaded(self) -> int:
        return sum(f.status == LOADED for f in self.files)

    @property
    def files_rejected(self) -> int:
        return sum(f.status == REJECTED for f in self.files)

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.files)

    @property
    def rows_quarantined(self) -> int:
        return sum(f.rows_quarantined for f in self.files)

    @property
    def rows_blank(self) -> int:
        return sum(f.rows_blank for f in self.files)
