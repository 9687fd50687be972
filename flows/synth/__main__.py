"""The generator from the command line, for development and benchmarks.

python -m flows.synth --out DIR [--la 815] [--years 2021-2025] [--seed N] [--size X] [--faults]
                       [--format csv|xml] [--check]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from flows.synth.config import SynthConfig
from flows.synth.generate import generate
from flows.synth.selfcheck import summarise


def parse_years(text: str) -> tuple[int, ...]:
    """'2021-2025' or '2021,2023' (or a mix) -> (2021, ...)."""
    years: list[int] = []
    try:
        for part in text.split(","):
            first, _, last = part.strip().partition("-")
            years.extend(range(int(first), int(last or first) + 1))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"years must look like 2021-2025 or 2021,2023; got {text!r}"
        ) from None
    return tuple(years)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m flows.synth", description="Write synthetic SSDA903 returns."
    )
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--la", default=SynthConfig.la_code, help="old DfE LA code (default 815)")
    parser.add_argument("--years", type=parse_years, default=SynthConfig.years, help="e.g. 2021-2025")
    parser.add_argument("--seed", type=int, default=SynthConfig.seed)
    parser.add_argument("--size", type=float, default=SynthConfig.size, help="scale factor on the LA")
    parser.add_argument("--faults", action="store_true", help="inject labelled defects and write a manifest")
    parser.add_argument(
        "--format",
        choices=("csv", "xml"),
        default="csv",
        help="csv: one file per table (default); xml: one SSDA903 XML document per year",
    )
    parser.add_argument("--check", action="store_true", help="print approximate headline indicators")
    args = parser.parse_args(argv)
    if args.check and (args.faults or args.format != "csv"):
        parser.error("--check reads clean CSV returns: run it without --faults and --format xml")
    config = SynthConfig(
        la_code=args.la,
        years=args.years,
        seed=args.seed,
        size=args.size,
        faults=args.faults,
        file_format=args.format,
    )
    began = time.perf_counter()
    try:
        result = generate(args.out, config)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(
        f"wrote {len(result.files)} files, {result.rows_written} rows to {result.out_dir} "
        f"in {time.perf_counter() - began:.2f} s ({config.validated().describe()})"
    )
    if result.manifest_path is not None:
        print(f"faults manifest: {result.manifest_path}")
    if args.check:
        _print_check(summarise(args.out, config.la_code, config.validated().years))
    return 0


def _print_check(summary: dict[int, dict[str, float]]) -> None:
    names = list(next(iter(summary.values())))
    print("indicator".ljust(28) + "".join(str(year).rjust(8) for year in summary))
    for name in names:
        print(name.ljust(28) + "".join(f"{summary[year][name]:8.1f}" for year in summary))


if __name__ == "__main__":
    sys.exit(main())
