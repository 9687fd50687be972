"""What the generator reads from the project's seeds besides code lists: LA codes and published sizes."""

from __future__ import annotations

import csv
from functools import cache

from flows.synth.calibration import CALIBRATED_LA
from flows.synth.codes import SEEDS_DIR


@cache
def old_la_codes() -> tuple[str, ...]:
    """Every three-digit old DfE LA code in the LA lookup seed, sorted."""
    with (SEEDS_DIR / "la_lookup.csv").open(newline="", encoding="utf-8") as handle:
        return tuple(sorted({row["old_la_code"] for row in csv.DictReader(handle) if row["old_la_code"]}))


@cache
def _published_cla(la_code: str) -> dict[int, float]:
    values: dict[int, float] = {}
    with (SEEDS_DIR / "dfe_published_indicators.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["indicator"] == "cla_31mar" and row["old_la_code"] == la_code:
                try:
                    values[int(row["time_period"])] = float(row["value"])
                except ValueError:  # suppressed or not applicable ('c', 'x', 'z')
                    continue
    return values


def la_scale(la_code: str) -> float:
    """How much larger the LA's looked-after population is than the calibrated LA's (1 if unknown).

    The generator is calibrated on LA 815; another LA gets the same dynamics scaled to its published
    children looked after at 31 March over the years both have.
    """
    own, base = _published_cla(la_code), _published_cla(CALIBRATED_LA)
    common = sorted(set(own) & set(base))
    if la_code == CALIBRATED_LA or not common:
        return 1.0
    return sum(own[y] for y in common) / sum(base[y] for y in common)
