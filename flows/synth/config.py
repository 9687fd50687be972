"""The generator's public configuration and result."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from flows.ssda903_spec import SUPPORTED_YEARS

FILE_FORMATS = ("csv", "xml")


@dataclass(frozen=True)
class SynthConfig:
    la_code: str = "815"  # old DfE LA code; default North Yorkshire
    years: tuple[int, ...] = (2021, 2022, 2023, 2024, 2025)  # collection years (2025 = 2024-25)
    seed: int = 903
    size: float = 1.0  # scale factor on the LA (10 = ten times the children), for benchmarks
    faults: bool = False
    file_format: str = "csv"  # csv: one file per table (DfE's CSV form); xml: one document per return

    def validated(self) -> SynthConfig:
        """The same configuration with years sorted; ValueError naming the bad setting otherwise."""
        if not (len(self.la_code) == 3 and self.la_code.isdigit()):
            raise ValueError(f"la_code must be a three-digit old DfE LA code, got {self.la_code!r}")
        if not self.years:
            raise ValueError("years must name at least one collection year")
        bad = [y for y in self.years if y not in SUPPORTED_YEARS]
        if bad:
            raise ValueError(
                f"years {bad} are outside the supported collection years "
                f"{SUPPORTED_YEARS.start}-{SUPPORTED_YEARS.stop - 1}"
            )
        if not 0 < self.size <= 1000:
            raise ValueError(f"size must be above 0 and at most 1000, got {self.size}")
        if self.seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {self.seed}")
        if self.file_format not in FILE_FORMATS:
            raise ValueError(
                f"file_format must be one of {', '.join(FILE_FORMATS)}, got {self.file_format!r}"
            )
        return replace(self, years=tuple(sorted(set(self.years))))

    def describe(self) -> str:
        years = ",".join(str(y) for y in self.years)
        return (
            f"la_code={self.la_code} years={years} seed={self.seed} size={self.size:g} faults={self.faults} "
            f"format={self.file_format}"
        )


@dataclass(frozen=True)
class SynthResult:
    out_dir: Path
    files: list[Path]  # every return file written (CSV files, or one XML document per year)
    rows_written: int  # data rows across all files
    manifest_path: Path | None  # faults manifest, when faults=True
