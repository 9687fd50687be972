"""Write the gate's verdict as findings.md (for people) and findings.json (for tools), side by side."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from flows.gate.model import ERROR, WARNING, GateResult

FINDINGS_MD = "findings.md"
FINDINGS_JSON = "findings.json"


def _markdown_cell(text: object) -> str:
    """Keep a table cell on one line and its pipes from splitting the row."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("flows", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML
    )
    env.filters["cell"] = _markdown_cell
    return env


def render_findings_markdown(result: GateResult) -> str:
    template = _environment().get_template("findings.md.j2")
    return template.render(
        result=result,
        errors=[f for f in result.findings if f.severity == ERROR],
        warnings=[f for f in result.findings if f.severity == WARNING],
    )


def write_findings_report(result: GateResult, out_dir: Path) -> Path:
    """Write findings.md and findings.json into out_dir; return the path of findings.md."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / FINDINGS_JSON).write_text(json.dumps(result.to_dict(), indent=2) + "\n", encoding="utf-8")
    markdown_path = out_dir / FINDINGS_MD
    markdown_path.write_text(render_findings_markdown(result), encoding="utf-8")
    return markdown_path
