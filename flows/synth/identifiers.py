"""Fictitious identifiers in the shapes real returns use: CHILD ids, UPNs, postcodes, URNs, SW_IDs.

Postcodes are composed at random from North Yorkshire-like outward codes and a random inward code; they
are not looked up anywhere, so any match with a real address is chance.
"""

from __future__ import annotations

import numpy as np

from flows.synth.rand import Stream

# Outward codes within the LA's area (placements "in area") and around it ("out of area").
HOME_OUTWARD = (
    "HG1",
    "HG2",
    "HG3",
    "HG4",
    "HG5",
    "YO7",
    "YO8",
    "YO11",
    "YO12",
    "YO13",
    "YO14",
    "YO17",
    "YO18",
    "YO21",
    "YO22",
    "YO51",
    "YO60",
    "YO61",
    "YO62",
    "DL6",
    "DL7",
    "DL8",
    "DL9",
    "DL10",
    "DL11",
    "BD23",
    "BD24",
    "TS9",
    "LS24",
    "DN14",
)
AWAY_OUTWARD = (
    "YO10",
    "YO24",
    "YO26",
    "LS6",
    "LS9",
    "LS11",
    "LS14",
    "BD3",
    "BD5",
    "BD8",
    "TS1",
    "TS3",
    "TS5",
    "DL1",
    "DL3",
    "HU3",
    "HU8",
    "DN1",
    "DN4",
    "S2",
    "S5",
    "M11",
    "M14",
    "NE4",
    "NE6",
    "CA1",
    "LA1",
    "WF1",
    "HD1",
    "HX1",
)
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters postcodes use in the inward code
_UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def postcode(stream: Stream, outward: tuple[str, ...]) -> str:
    district = outward[stream.randint(0, len(outward) - 1)]
    letters = _INWARD_LETTERS[stream.randint(0, 19)] + _INWARD_LETTERS[stream.randint(0, 19)]
    return f"{district} {stream.randint(1, 9)}{letters}"


def child_ids(rng: np.random.Generator, count: int) -> list[str]:
    """Distinct numeric-looking ids of one width (at least 6 digits), in random order."""
    digits = max(6, len(str(count * 20)))
    low = 10 ** (digits - 1)
    return [str(low + int(v)) for v in rng.choice(9 * low, size=count, replace=False)]


def upn(stream: Stream, la_code: str, year_first_admitted: int) -> str:
    """A unique pupil number: check letter, LA number, school number, admission year, serial."""
    school, serial = stream.randint(2000, 7999), stream.randint(0, 999)
    body = f"{la_code[:3]:0>3}{school}{year_first_admitted % 100:02d}{serial:03d}"
    weighted = sum(int(d) * w for d, w in zip(body, range(2, 14), strict=True))
    return _UPN_CHECK_LETTERS[weighted % 23] + body


def ofsted_urn(stream: Stream) -> str:
    """Social care URNs are 'SC' and six digits for older registrations, seven digits for newer ones."""
    if stream.chance(0.6):
        return f"SC{stream.randint(0, 999999):06d}"
    return str(stream.randint(1000000, 2999999))


def social_worker_ids(stream: Stream, count: int) -> list[str]:
    ids: set[str] = set()
    ordered: list[str] = []
    while len(ordered) < count:
        candidate = f"SW{stream.randint(100000, 999999)}"
        if candidate not in ids:
            ids.add(candidate)
            ordered.append(candidate)
    return ordered
