"""How the ingest's outcome becomes gate findings: what blocks publication and what only warns."""

from __future__ import annotations

from flows.ingest import DiscoveryProblem, FileLoad, IngestSummary
from flows.pipeline import ingest_findings


def load(path: str, table: str | None, status: str = "loaded", quarantined: int = 0) -> FileLoad:
    rows = 0 if status == "rejected" else 10
    return FileLoad(
        relative_path=path,
        file_sha256="0" * 64,
        table_name=table,
        la_code="815",
        collection_year=2025,
        status=status,
        rows_read=rows,
        rows_loaded=rows - quarantined,
        rows_quarantined=quarantined,
        rows_blank=0,
        message="re-save it as 'CSV UTF-8'" if status == "rejected" else None,
        notes=None,
    )


def by_severity(summary: IngestSummary) -> dict[str, list[str]]:
    findings = ingest_findings(summary)
    return {
        severity: sorted(f.check for f in findings if f.severity == severity)
        for severity in ("error", "warning")
    }


def test_a_clean_return_gives_no_finding() -> None:
    summary = IngestSummary(
        files=[load("a/header.csv", "header"), load("a/episodes.csv", "episodes")], problems=[]
    )
    assert ingest_findings(summary) == []


def test_a_rejected_file_blocks() -> None:
    summary = IngestSummary(
        files=[
            load("a/header.csv", "header"),
            load("a/episodes.csv", "episodes"),
            load("a/r.csv", None, "rejected"),
        ],
        problems=[],
    )
    assert by_severity(summary) == {"error": ["file rejected"], "warning": []}


def test_a_missing_episodes_table_blocks() -> None:
    summary = IngestSummary(files=[load("a/header.csv", "header")], problems=[])
    findings = ingest_findings(summary)
    assert [f.check for f in findings] == ["mandatory table missing"]
    assert "815/ssda903/2025/" in findings[0].message


def test_quarantined_rows_and_stray_files_only_warn() -> None:
    summary = IngestSummary(
        files=[load("a/header.csv", "header"), load("a/episodes.csv", "episodes", quarantined=2)],
        problems=[DiscoveryProblem(relative_path="815/notes.xlsx", message="not an extract")],
    )
    assert by_severity(summary) == {"error": [], "warning": ["file not used", "rows quarantined"]}
