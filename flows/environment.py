"""Where the project's files are, and the environment every run needs: quiet and offline.

Every tool's telemetry is switched off before any of them is imported (stack-notes section 3), and
Prefect keeps its database under the warehouse folder rather than the user's home directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import flows

PROJECT_DIR = Path(flows.__file__).resolve().parent.parent
"""The repository root: dbt project, seeds and expectations live here (the package is installed editable)."""

SEEDS_DIR = PROJECT_DIR / "seeds"

SYNTHETIC_MARKER = "SYNTHETIC_DATA.txt"
"""The file that marks a folder of extracts, or a release, as made from synthetic data."""
CODE_LISTS_SEED = SEEDS_DIR / "ssda903_code_lists.csv"

QUIET_ENVIRONMENT = {
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    "DBT_USE_COLORS": "False",
    "DBT_PARTIAL_PARSE": "True",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "False",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_SERVER_UI_ENABLED": "false",
}


def quiet_environment(prefect_home: Path | None = None) -> None:
    """Switch off telemetry for dbt, Prefect and Great Expectations in this process and its children.

    Values the user has set are kept. `prefect_home` is used unless PREFECT_HOME or PREFECT_API_URL
    is already set (an analyst running a persistent Prefect server points PREFECT_API_URL at it).
    """
    for name, value in QUIET_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    if prefect_home is not None and "PREFECT_HOME" not in os.environ and "PREFECT_API_URL" not in os.environ:
        prefect_home.mkdir(parents=True, exist_ok=True)
        os.environ["PREFECT_HOME"] = str(prefect_home)
