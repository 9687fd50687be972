"""The synthetic LA's postcode lookup: an ONSPD-shaped extract covering every postcode its returns use.

The generator's postcodes are composed from outward codes (``identifiers.HOME_OUTWARD``: in the LA's
area; ``identifiers.AWAY_OUTWARD``: in neighbouring and more distant LAs). Each outward code has an
approximate centroid on the OS national grid and the LA it lies in; each postcode gets a position
jittered around its outward code's centroid, from a hash of the seed and the postcode, so the file is
deterministic and a postcode keeps its place whatever else the returns hold. In-area postcodes get
the generated LA's own GSS code from ``seeds/la_lookup.csv`` (the latest code in force, as a current
ONSPD has it), so placements there are inside the LA whatever LA code the generator is run for.

Nothing here is looked up: centroids are rounded to the kilometre and any match with a real
address's grid reference is chance.
"""

from __future__ import annotations

import csv
import hashlib
import math
from dataclasses import dataclass
from functools import cache

from flows.synth.codes import SEEDS_DIR
from flows.synth.csvfile import CsvFile

LOOKUP_FOLDER = "reference"
LOOKUP_FILE = "postcodes.csv"
COLUMNS = ("pcd", "pcds", "dointr", "doterm", "oscty", "oslaua", "ctry", "rgn", "oseast1m", "osnrth1m")
ENGLAND = "E92000001"
NO_COUNTY = "E99999999"
SYNTHETIC_DISTRICT = "E07000000"  # oslaua of in-area postcodes when the generated LA is a county
_INTRODUCED = "198001"
_IN_AREA = "own"

# Outward code -> (easting km, northing km, jitter radius km, old LA code or _IN_AREA).
OUTWARD_CODES: dict[str, tuple[int, int, float, str]] = {
    # in the LA's area (North Yorkshire-like): rural districts are wide, towns compact
    "HG1": (430, 455, 2.0, _IN_AREA),
    "HG2": (431, 453, 2.0, _IN_AREA),
    "HG3": (420, 460, 7.0, _IN_AREA),
    "HG4": (431, 471, 5.0, _IN_AREA),
    "HG5": (435, 457, 3.0, _IN_AREA),
    "YO7": (443, 482, 6.0, _IN_AREA),
    "YO8": (461, 432, 5.0, _IN_AREA),
    "YO11": (503, 487, 2.5, _IN_AREA),
    "YO12": (501, 489, 3.0, _IN_AREA),
    "YO13": (495, 488, 6.0, _IN_AREA),
    "YO14": (511, 480, 3.0, _IN_AREA),
    "YO17": (479, 471, 5.0, _IN_AREA),
    "YO18": (480, 484, 6.0, _IN_AREA),
    "YO21": (489, 510, 5.0, _IN_AREA),
    "YO22": (494, 506, 4.0, _IN_AREA),
    "YO51": (439, 466, 4.0, _IN_AREA),
    "YO60": (468, 466, 5.0, _IN_AREA),
    "YO61": (452, 469, 5.0, _IN_AREA),
    "YO62": (461, 484, 7.0, _IN_AREA),
    "DL6": (442, 495, 5.0, _IN_AREA),
    "DL7": (436, 494, 5.0, _IN_AREA),
    "DL8": (412, 489, 9.0, _IN_AREA),
    "DL9": (418, 497, 3.0, _IN_AREA),
    "DL10": (417, 501, 4.0, _IN_AREA),
    "DL11": (404, 501, 8.0, _IN_AREA),
    "BD23": (399, 451, 7.0, _IN_AREA),
    "BD24": (382, 464, 7.0, _IN_AREA),
    "TS9": (452, 508, 4.0, _IN_AREA),
    "LS24": (448, 443, 4.0, _IN_AREA),
    "DN14": (465, 424, 5.0, _IN_AREA),
    # elsewhere: towns and cities in other LAs
    "YO10": (461, 450, 1.5, "816"),
    "YO24": (458, 450, 1.5, "816"),
    "YO26": (457, 453, 2.0, "816"),
    "LS6": (428, 436, 1.5, "383"),
    "LS9": (432, 433, 1.5, "383"),
    "LS11": (429, 431, 1.5, "383"),
    "LS14": (436, 436, 2.0, "383"),
    "BD3": (417, 433, 1.5, "380"),
    "BD5": (416, 431, 1.5, "380"),
    "BD8": (414, 434, 1.5, "380"),
    "TS1": (449, 520, 1.0, "806"),
    "TS3": (452, 519, 1.5, "806"),
    "TS5": (447, 518, 1.5, "806"),
    "DL1": (430, 515, 1.5, "841"),
    "DL3": (427, 515, 1.5, "841"),
    "HU3": (508, 428, 1.5, "810"),
    "HU8": (512, 431, 1.5, "810"),
    "DN1": (457, 403, 1.5, "371"),
    "DN4": (459, 401, 2.0, "371"),
    "S2": (436, 386, 1.5, "373"),
    "S5": (435, 391, 2.0, "373"),
    "M11": (387, 398, 1.5, "352"),
    "M14": (384, 394, 1.5, "352"),
    "NE4": (422, 564, 1.5, "391"),
    "NE6": (428, 565, 1.5, "391"),
    "CA1": (341, 555, 2.0, "942"),
    "LA1": (348, 461, 2.0, "888"),
    "WF1": (433, 421, 1.5, "384"),
    "HD1": (414, 416, 1.5, "382"),
    "HX1": (409, 425, 1.5, "381"),
}
# A county council's postcodes carry a district too (ONSPD oslaua): the districts of the towns used.
COUNTY_DISTRICTS = {"888": "E07000121"}  # Lancashire: Lancaster


@dataclass(frozen=True)
class _Area:
    gss_code: str
    is_county: bool
    region_code: str


@cache
def _areas() -> dict[str, _Area]:
    """Old LA code -> its latest GSS code in the LA lookup seed (what a current ONSPD carries)."""
    latest: dict[str, tuple[int, _Area]] = {}
    with (SEEDS_DIR / "la_lookup.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["old_la_code"]
            if not (len(code) == 3 and code.isdigit()):
                continue
            until = int(row["valid_to_year"]) if row["valid_to_year"] else 10_000
            area = _Area(row["new_la_code"], row["la_type"] == "County council", row["region_code"])
            if code not in latest or until > latest[code][0]:
                latest[code] = (until, area)
    return {code: area for code, (_, area) in latest.items()}


def _geography(la_code: str, outward: str) -> tuple[str, str, str]:
    """(oscty, oslaua, rgn) of a postcode in ``outward`` for a return of LA ``la_code``."""
    owner = OUTWARD_CODES[outward][3]
    owner = la_code if owner == _IN_AREA else owner
    area = _areas()[owner]
    if area.is_county:
        return area.gss_code, COUNTY_DISTRICTS.get(owner, SYNTHETIC_DISTRICT), area.region_code
    return NO_COUNTY, area.gss_code, area.region_code


def _position(seed: int, postcode: str) -> tuple[int, int]:
    """Grid reference (metres) of a postcode: uniform in a disc around its outward code's centroid."""
    outward = postcode.split(" ")[0]
    east_km, north_km, radius_km, _ = OUTWARD_CODES[outward]
    digest = hashlib.blake2b(f"{seed}:{postcode}".encode(), digest_size=8).digest()
    u, v = int.from_bytes(digest[:4]) / 2**32, int.from_bytes(digest[4:]) / 2**32
    distance, angle = radius_km * 1000 * math.sqrt(u), 2 * math.pi * v
    east = east_km * 1000 + distance * math.cos(angle)
    return round(east), round(north_km * 1000 + distance * math.sin(angle))


def used_postcodes(files: list[CsvFile]) -> set[str]:
    """Every HOME_POST and PL_POST value in the episodes files."""
    found: set[str] = set()
    for file in files:
        if file.table != "episodes":
            continue
        header = file.lines[0].cells
        positions = [header.index("HOME_POST"), header.index("PL_POST")]
        for line in file.lines[1:]:
            cells = line.cells
            found.update(cells[i] for i in positions if cells[i])
    return found


def postcode_lookup_file(files: list[CsvFile], la_code: str, seed: int) -> CsvFile:
    """The lookup of every postcode the (clean) returns use; call it before faults are injected."""
    rows = []
    for postcode in sorted(used_postcodes(files)):
        outward, inward = postcode.split(" ")
        oscty, oslaua, rgn = _geography(la_code, outward)
        east, north = _position(seed, postcode)
        pcd = f"{outward:<4}{inward}"
        rows.append([pcd, postcode, _INTRODUCED, "", oscty, oslaua, ENGLAND, rgn, str(east), str(north)])
    return CsvFile.from_rows(f"{la_code}/{LOOKUP_FOLDER}/{LOOKUP_FILE}", "postcodes", 0, COLUMNS, rows)
