"""One CSV file as lines, so faults can be injected line by line before it is written.

A clean file is DfE's CSV form: the exact header, UTF-8 without BOM, CRLF after every line including
the last, no quoting (no value contains a comma or a quote).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CRLF = "\r\n"


@dataclass(eq=False)
class Line:
    """One line of a file. Compared by identity: faults keep references to lines, not positions."""

    text: str
    ending: str = CRLF
    xml_extra: tuple[tuple[str, str], ...] = ()  # elements only the row's XML form carries (a fault)

    @property
    def cells(self) -> list[str]:
        return self.text.split(",")


@dataclass
class CsvFile:
    rel_path: str  # relative to the output folder, with forward slashes
    table: str
    year: int
    lines: list[Line]  # lines[0] is the header
    bom: bool = False

    @classmethod
    def from_rows(
        cls, rel_path: str, table: str, year: int, columns: tuple[str, ...], rows: list[list[str]]
    ) -> CsvFile:
        lines = [Line(",".join(columns))]
        commas = len(columns) - 1
        for row in rows:
            text = ",".join(row)
            if len(row) != len(columns) or text.count(",") != commas or '"' in text:
                raise ValueError(f"{rel_path}: a row does not have {len(columns)} plain values")
            lines.append(Line(text))
        return cls(rel_path, table, year, lines)

    @property
    def data_rows(self) -> int:
        """Non-blank data lines."""
        return sum(1 for line in self.lines[1:] if line.text.strip(","))

    def row_number(self, line: Line) -> int:
        """The row number Excel shows for `line` (header = 1; blank lines keep their numbers)."""
        for i, candidate in enumerate(self.lines):
            if candidate is line:
                return i + 1
        raise ValueError(f"{self.rel_path}: line not in file")

    def to_bytes(self) -> bytes:
        text = "".join(line.text + line.ending for line in self.lines)
        return (("\ufeff" if self.bom else "") + text).encode("utf-8")

    def write(self, out_dir: Path) -> Path:
        path = out_dir / self.rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.to_bytes())
        return path
