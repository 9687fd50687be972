"""Progress on the analyst's terminal while the flow runs.

The flow asks `reporter()` for the current reporter; the CLI installs a rich one for the duration of
a run, and tests and library use get a silent one. Only file names, table names, counts and dbt node
names are shown: never a data value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from rich.console import Console

DBT_NODE_LINE = re.compile(r"\b(\d+) of (\d+) (OK|PASS|WARN|FAIL|ERROR|SKIP)\b")


class FileLoadLike(Protocol):
    relative_path: str
    la_code: str
    collection_year: int
    table_name: str | None
    status: str
    rows_read: int
    rows_quarantined: int
    message: str | None


class Reporter:
    """Silent reporter: the default outside the CLI."""

    def stage(self, name: str) -> None:
        pass

    def file_loaded(self, load: FileLoadLike) -> None:
        pass

    def dbt_line(self, line: str) -> None:
        pass


class ConsoleReporter(Reporter):
    """One line per stage, per LA-year of files loaded (and per rejected file), and dbt's progress
    every 25 nodes and on any problem. Printing a line per file slowed a large ingest measurably."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._return: tuple[str, int] | None = None
        self._files = self._rows = self._quarantined = 0

    def stage(self, name: str) -> None:
        self._flush_return()
        self.console.print(f"[bold cyan]▶ {name}[/]")

    def file_loaded(self, load: FileLoadLike) -> None:
        if load.status == "rejected":
            self.console.print(f"  [red]✗ {load.relative_path}[/]: {load.message}")
            return
        key = (load.la_code, load.collection_year)
        if key != self._return:
            self._flush_return()
            self._return = key
        self._files += 1
        self._rows += load.rows_read
        self._quarantined += load.rows_quarantined

    def _flush_return(self) -> None:
        if self._return is None:
            return
        la_code, year = self._return
        quarantined = f", [yellow]{self._quarantined:,} quarantined[/]" if self._quarantined else ""
        summary = f"{self._files} files, {self._rows:,} rows read{quarantined}"
        self.console.print(f"  ✓ LA {la_code} {year}: {summary}")
        self._return = None
        self._files = self._rows = self._quarantined = 0

    def dbt_line(self, line: str) -> None:
        match = DBT_NODE_LINE.search(line)
        if match is None:
            return
        done, total, status = int(match[1]), int(match[2]), match[3]
        if status in ("WARN", "FAIL", "ERROR"):
            colour = "yellow" if status == "WARN" else "red"
            self.console.print(f"  [{colour}]{line.strip()}[/]")
        elif done == total or done % 25 == 0:
            self.console.print(f"  dbt: {done} of {total} nodes done")


_current: list[Reporter] = [Reporter()]


def reporter() -> Reporter:
    return _current[-1]


@contextmanager
def reporting_to(console: Console) -> Iterator[Reporter]:
    """Install a console reporter for the duration of one run."""
    _current.append(ConsoleReporter(console))
    try:
        yield _current[-1]
    finally:
        _current.pop()
