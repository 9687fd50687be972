"""What a release was made from: the code version and a fingerprint of the code that shapes results.

The fingerprint covers every file that can change an output (Python, dbt models, macros, seeds, GX
suites, project files). With the inputs' hashes it decides whether a run on unchanged extracts can
skip straight to "already published" (DESIGN principle 7).
"""

from __future__ import annotations

import hashlib
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from flows.environment import PROJECT_DIR

FINGERPRINTED = ("flows", "models", "macros", "seeds", "expectations", "tests/dbt")
FINGERPRINTED_FILES = ("dbt_project.yml", "profiles.yml", "requirements.lock")
FINGERPRINTED_SUFFIXES = {".py", ".sql", ".yml", ".yaml", ".csv", ".json", ".j2", ".md", ".lock"}


def code_fingerprint(root: Path = PROJECT_DIR) -> str:
    digest = hashlib.sha256()
    files = [root / name for name in FINGERPRINTED_FILES if (root / name).exists()]
    for folder in FINGERPRINTED:
        base = root / folder
        if base.exists():
            files += [
                p
                for p in base.rglob("*")
                if p.is_file() and p.suffix in FINGERPRINTED_SUFFIXES and "__pycache__" not in p.parts
            ]
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def git_commit(root: Path = PROJECT_DIR) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def package_version() -> str:
    try:
        return version("csc-outcomes")
    except PackageNotFoundError:
        return "unknown"


def code_version() -> dict[str, str | None]:
    return {"package": package_version(), "git_commit": git_commit(), "fingerprint": code_fingerprint()}
