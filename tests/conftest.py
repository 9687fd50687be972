"""Shared pytest set-up: quiet tools, and a clean exit despite native extensions' exit chatter."""

from __future__ import annotations

import os
import sys

import pytest

from flows.environment import QUIET_ENVIRONMENT

for _name, _value in QUIET_ENVIRONMENT.items():
    os.environ.setdefault(_name, _value)
# Tests must never talk to a Prefect server the developer happens to have configured.
os.environ.pop("PREFECT_API_URL", None)

_EXIT = {"status": 0}


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _EXIT["status"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """End the process before interpreter finalisation, so DuckDB's nanobind leak report cannot
    follow pytest's summary line (stack-notes pitfall 26). The exit status is preserved."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_EXIT["status"])
