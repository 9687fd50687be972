"""The run's markdown summary: a Prefect artifact for the run history, with counts only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prefect.artifacts import create_markdown_artifact

if TYPE_CHECKING:
    from flows.gate import GateResult
    from flows.pipeline import RunOutcome

ARTIFACT_KEY = "csc-outcomes-run"


def summary_markdown(outcome: RunOutcome, gate: GateResult | None = None) -> str:
    lines = [
        f"# csc-outcomes run {outcome.run_id}: {outcome.status.upper()}",
        "",
        outcome.message,
        "",
        "| measure | value |",
        "|---|---|",
        f"| files | {outcome.files} |",
        f"| rows read | {outcome.rows_read:,} |",
        f"| rows loaded | {outcome.rows_loaded:,} |",
        f"| rows quarantined | {outcome.rows_quarantined:,} |",
    ]
    if outcome.release_id:
        lines.append(f"| release | {outcome.release_id} |")
    lines += [f"| {stage} (s) | {seconds:.1f} |" for stage, seconds in outcome.timings.items()]
    if gate is not None:
        lines += ["", "## Quality gate", "", f"dbt: {gate.dbt_counts}; GX: {gate.gx_counts}", ""]
        if gate.findings:
            lines += ["| severity | source | check | rows | message |", "|---|---|---|---|---|"]
            lines += [
                f"| {f.severity} | {f.source} | {f.check} | {f.failing_rows} | {f.message} |"
                for f in sorted(gate.findings, key=lambda f: (f.severity != "error", f.source, f.check))
            ]
        else:
            lines.append("No findings.")
    return "\n".join(lines) + "\n"


def publish_artifact(outcome: RunOutcome, gate: GateResult | None = None) -> None:
    create_markdown_artifact(
        key=ARTIFACT_KEY, markdown=summary_markdown(outcome, gate), description="csc-outcomes run summary"
    )
