"""Read dbt's run_results.json (and manifest.json for names) into gate findings.

dbt has already applied each test's configured severity when it wrote a status: a test configured
`severity: warn` ends as 'warn', never 'fail'. So the status alone decides: 'fail' and 'error' block,
'warn' is reported. dbt's own messages are not copied: an error message can quote a data value
(for example "Could not convert string '<value>' to INT32"), so only the error's kind is kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from flows.gate.model import ERROR, WARNING, Finding

RUN_RESULTS = "run_results.json"
MANIFEST = "manifest.json"
COUNT_KEYS = ("pass", "warn", "fail", "error", "skipped")
STATUS_ALIASES = {"success": "pass"}
OK_STATUSES = {"pass", "no-op"}
TEST_TYPES = {"test", "unit_test"}
LISTED_NAMES = 10
"""How many skipped node names a finding lists before it says 'and N more'."""

_ERROR_KIND = re.compile(r"\b((?:[A-Z][a-z]+ )*?[A-Z][a-z]+ Error)\b")


@dataclass(frozen=True)
class NodeInfo:
    resource_type: str
    name: str
    model: str | None  # the model a test is attached to, when known


def read_dbt_results(dbt_target_dir: Path) -> tuple[list[Finding], dict[str, int]]:
    """Findings and status counts (tests, unit tests, models, seeds, snapshots) of one dbt build."""
    run_results_path = dbt_target_dir / RUN_RESULTS
    try:
        document = json.loads(run_results_path.read_text(encoding="utf-8"))
        results = list(document["results"])
    except FileNotFoundError:
        return [_did_not_complete(f"there is no {RUN_RESULTS} in {dbt_target_dir}")], _empty_counts()
    except (OSError, ValueError, KeyError, TypeError):
        return [_did_not_complete(f"{run_results_path} could not be read")], _empty_counts()
    if not results:
        return [_did_not_complete("dbt built no models and ran no tests")], _empty_counts()

    nodes = _read_manifest(dbt_target_dir / MANIFEST)
    counts = _empty_counts()
    findings: list[Finding] = []
    skipped_builds: list[str] = []
    skipped_tests = 0
    for result in results:
        unique_id = str(result.get("unique_id", ""))
        status = STATUS_ALIASES.get(str(result.get("status")), str(result.get("status")))
        counts[status] = counts.get(status, 0) + 1
        node = nodes.get(unique_id) or _node_from_id(unique_id)
        if status == "skipped":
            if node.resource_type in TEST_TYPES:
                skipped_tests += 1
            else:
                skipped_builds.append(node.name)
        elif status not in OK_STATUSES:
            findings.append(_result_finding(node, status, result))
    findings += _skipped_findings(sorted(skipped_builds), skipped_tests)
    return findings, counts


def _empty_counts() -> dict[str, int]:
    return dict.fromkeys(COUNT_KEYS, 0)


def _did_not_complete(reason: str) -> Finding:
    return Finding(
        source="dbt",
        check="dbt_build",
        severity=ERROR,
        failing_rows=0,
        message=f"dbt build did not complete: {reason}. Nothing was tested, so nothing can be published.",
    )


def _read_manifest(manifest_path: Path) -> dict[str, NodeInfo]:
    """Names and attached models by unique_id; empty when the manifest is missing (ids still name nodes)."""
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    nodes: dict[str, NodeInfo] = {}
    for unique_id, node in manifest.get("nodes", {}).items():
        attached = node.get("attached_node")
        nodes[unique_id] = NodeInfo(
            resource_type=str(node.get("resource_type", "")),
            name=str(node.get("name", unique_id)),
            model=attached.split(".")[-1] if attached else None,
        )
    for unique_id, node in manifest.get("unit_tests", {}).items():
        nodes[unique_id] = NodeInfo(
            resource_type="unit_test", name=str(node.get("name")), model=node.get("model")
        )
    return nodes


def _node_from_id(unique_id: str) -> NodeInfo:
    """Without a manifest: ids read 'test.<project>.<name>.<hash>', 'model.<project>.<name>', ..."""
    parts = unique_id.split(".")
    if parts[0] == "unit_test" and len(parts) > 3:  # 'unit_test.<project>.<model>.<name>'
        return NodeInfo(resource_type="unit_test", name=parts[3], model=parts[2])
    name = parts[2] if len(parts) > 2 else unique_id
    return NodeInfo(resource_type=parts[0], name=name, model=None)


def _error_kinds(message: object) -> str:
    """The kinds of error dbt reports ('Runtime Error, Conversion Error'), without the quoted details."""
    kinds = dict.fromkeys(_ERROR_KIND.findall(str(message or "")))
    return ", ".join(kinds) or "error"


def _result_finding(node: NodeInfo, status: str, result: dict) -> Finding:
    failures = result.get("failures")
    rows = int(failures) if isinstance(failures, int | float) and failures > 0 else 0
    label = "dbt unit test" if node.resource_type == "unit_test" else f"dbt {node.resource_type}"
    subject = f"{label} {node.name}" + (f" on {node.model}" if node.model else "")
    if status == "warn":
        return Finding("dbt", node.name, WARNING, rows, f"{subject} warned: {rows} row(s) flagged.")
    if status == "fail":
        return Finding("dbt", node.name, ERROR, rows, f"{subject} failed: {rows} failing row(s).")
    return Finding(
        "dbt",
        node.name,
        ERROR,
        rows,
        f"{subject} ended with status '{status}' ({_error_kinds(result.get('message'))}); "
        "the full message is in the dbt log of the build folder.",
    )


def _skipped_findings(skipped_builds: list[str], skipped_tests: int) -> list[Finding]:
    """Skipped nodes follow an earlier failure: one summary finding each for builds and tests."""
    findings = []
    if skipped_builds:
        listed = ", ".join(skipped_builds[:LISTED_NAMES])
        more = len(skipped_builds) - LISTED_NAMES
        findings.append(
            Finding(
                "dbt",
                "skipped_models",
                ERROR,
                0,
                f"{len(skipped_builds)} model(s)/seed(s) were not built because an upstream step failed: "
                f"{listed}" + (f" and {more} more" if more > 0 else "") + ".",
            )
        )
    if skipped_tests:
        findings.append(
            Finding(
                "dbt",
                "skipped_tests",
                WARNING,
                0,
                f"{skipped_tests} test(s) did not run because the model they test was not built.",
            )
        )
    return findings
