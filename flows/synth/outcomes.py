"""Values of the OC2 (health, SDQ) and OC3 (care leaver) tables for one child in one return."""

from __future__ import annotations

import math
from bisect import bisect_left
from functools import cache
from itertools import accumulate

from flows.synth import calibration as cal
from flows.synth.codes import CodeLists
from flows.synth.rand import Stream


def _nearest(year: int, table: dict[int, object]) -> int:
    return min(table, key=lambda y: (abs(y - year), -y))


@cache
def sdq_cdf(year: int) -> tuple[float, ...]:
    """Cumulative probabilities of total difficulties scores 0..40 for a collection year.

    Shaped like a normal curve, rescaled so the three DfE bands (0-13, 14-16, 17-40) have England's
    shares exactly, with the curve's centre moved until the mean is England's mean for the year.
    """
    mean, normal, borderline, concern = cal.SDQ_TARGETS[_nearest(year, cal.SDQ_TARGETS)]

    def pmf(centre: float) -> list[float]:
        weights = [math.exp(-0.5 * ((k - centre) / 8.0) ** 2) for k in range(41)]
        bands = ((0, 14, normal), (14, 17, borderline), (17, 41, concern))
        out = [0.0] * 41
        for lo, hi, share in bands:
            total = sum(weights[lo:hi])
            for k in range(lo, hi):
                out[k] = weights[k] / total * share
        return out

    lo, hi = 0.0, 30.0
    for _ in range(60):
        centre = (lo + hi) / 2
        if sum(k * p for k, p in enumerate(pmf(centre))) < mean:
            lo = centre
        else:
            hi = centre
    return tuple(accumulate(pmf((lo + hi) / 2)))


def _phi(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _flag(stream: Stream, p: float) -> str:
    return "1" if stream.chance(p) else "0"


def oc2_values(stream: Stream, year: int, age: int, age_at_start: int, sdq_latent: float) -> list[str]:
    """SDQ_SCORE ... INTERVENTION_OFFERED for a child in the 12-month cohort, aged `age` at 31 March."""
    shares = cal.OC2_SHARES[_nearest(year, cal.OC2_SHARES)]
    score, reason = "", ""
    if age >= 4 and age_at_start <= 16:
        boundary = age == 4 or age == 17
        if boundary and stream.chance(0.5):
            reason = "SDQ1"
        elif stream.chance(shares["sdq_received"]):
            rho = cal.SDQ_YEAR_TO_YEAR_CORRELATION
            q = _phi(rho * sdq_latent + math.sqrt(1 - rho * rho) * stream.normal())
            cdf = sdq_cdf(year)
            score = str(min(bisect_left(cdf, q * cdf[-1]), 40))
        else:
            reason = stream.choice(cal.SDQ_NO_SCORE_REASON)
    convicted = _flag(stream, shares["convicted"]) if 10 <= age <= 17 else ""
    development = _flag(stream, shares["dev"]) if age <= 4 else ""
    immunisations = _flag(stream, shares["immunisations"])
    teeth = _flag(stream, shares["teeth"])
    health = _flag(stream, shares["health"])
    substance = _flag(stream, shares["substance"] * cal.SUBSTANCE_AGE_FACTOR) if age >= 10 else "0"
    received = offered = ""
    if substance == "1":
        offered = _flag(stream, cal.INTERVENTION_OFFERED)
        received = _flag(stream, cal.INTERVENTION_RECEIVED_IF_OFFERED) if offered == "1" else "0"
    return [score, reason, convicted, development, immunisations, teeth, health, substance, received, offered]


def oc3_values(
    stream: Stream, codes: CodeLists, year: int, age: int, leaver_latent: float, last_rec: str
) -> list[str]:
    """IN_TOUCH, ACTIV, ACCOM for a care leaver around their birthday at `age` (17 to 21)."""
    group = "17-18" if age <= 18 else "19-21"
    in_touch = stream.choice(cal.IN_TOUCH)
    if in_touch == "RHOM" and (age <= 18 or last_rec not in ("E4A", "E4B", "E13")):
        in_touch = "YES"
    if in_touch in ("NO", "REFU", "DIED") or (in_touch == "NREQ" and stream.chance(0.5)):
        return [in_touch, "0", "0"]
    q = _phi(0.6 * leaver_latent + 0.8 * stream.normal())  # a high latent leans towards NEET
    activity = codes.resolve("ACTIV", cal.ACTIVITY[group].pick(q), year)
    if in_touch == "RHOM":
        accommodation = "B1"
    elif last_rec == "E17" and age == 18 and stream.chance(0.7):
        accommodation = "Z1"
    else:
        accommodation = stream.choice(cal.ACCOMMODATION[group])
    return [in_touch, activity, accommodation]
