"""The folders inside `--warehouse DIR`: builds (restricted), releases, and the published pointer.

```
DIR/
  builds/<run_id>/build.duckdb        every run's own warehouse (child-level: restricted)
  builds/<run_id>/findings.md|json    the quality gate's report, kept with the build
  builds/<run_id>/dbt_target/          dbt's run_results.json and manifest.json
  releases/<release_id>/               one published release (aggregates only)
      warehouse.duckdb                 reporting + reference schemas
      exports/indicators.csv|parquet   EES tidy form
      manifest.json                    inputs' hashes, code version, test counts, timestamp
      summary.html                     one-page summary
  published -> releases/<release_id>   symlink, swapped atomically on publication
  .prefect/                            Prefect's run history (ephemeral server database)
  .dbt_parse_cache/                    dbt's parse of the project, reused by the next run
  .lock                                held by the one run allowed to write at a time
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WarehouseLayout:
    root: Path

    @property
    def builds(self) -> Path:
        return self.root / "builds"

    @property
    def releases(self) -> Path:
        return self.root / "releases"

    @property
    def published(self) -> Path:
        return self.root / "published"

    @property
    def prefect_home(self) -> Path:
        return self.root / ".prefect"

    @property
    def dbt_parse_cache(self) -> Path:
        return self.root / ".dbt_parse_cache"

    @property
    def lock_file(self) -> Path:
        return self.root / ".lock"

    def build_dir(self, run_id: str) -> Path:
        return self.builds / run_id

    def published_release_id(self) -> str | None:
        """The release the `published` pointer names, or None before the first publication."""
        if not self.published.is_symlink():
            return None
        return Path(self.published.readlink()).name


@dataclass(frozen=True)
class BuildPaths:
    """The files of one run's build folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "build.duckdb"

    @property
    def dbt_target(self) -> Path:
        return self.root / "dbt_target"

    @property
    def dbt_logs(self) -> Path:
        return self.root / "dbt_logs"
