"""The postcode lookup: its ingest (faults, row accounting, layout) and the generator's consistent lookup."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import duckdb
import pytest

from flows.ingest.discover import discover_extracts
from flows.ingest.postcodes import PostcodeIngest, find_postcode_lookups, ingest_postcode_lookups
from flows.ingest.raw_schema import create_raw_tables
from flows.pipeline import current_inputs_digest, postcode_lookup_findings
from flows.synth.config import SynthConfig
from flows.synth.generate import generate
from flows.synth.postcode_lookup import OUTWARD_CODES

HEADER = "pcd,pcds,dointr,oscty,oslaua,ctry,oseast1m,osnrth1m,usertype"
GOOD = [
    "YO1 7EP,yo1  7ep,199801,E99999999,E06000014,E92000001,460325,451807,0",  # lower case, two spaces
    "HG11AA,HG11AA,199801,E99999999,E06000065,E92000001,430000.0,455000,0",  # no space; '.0' grid
    "CF101AA,CF10 1AA,199801,W99999999,W06000015,W92000004,,,0",  # no grid reference: still loaded
]
BAD = {
    "invalid_postcode": "X,NOT A PC,199801,E99999999,E06000065,E92000001,1,2,0",
    "invalid_number": "X,DL8 1AA,199801,E99999999,E06000065,E92000001,40O000,480000,0",
    "out_of_range": "X,DL8 2AA,199801,E99999999,E06000065,E92000001,400000,9999999,0",
    "invalid_code": "X,DL8 3AA,199801,E99999999,E06000065,E92000009,400000,480000,0",
    "missing_value": "X,DL8 4AA,199801,E99999999,,E92000001,400000,480000,0",
    "wrong_field_count": "X,DL8 5AA,199801,E99999999,E06000065,E92000001,400000,480000,0,extra",
}
DUPLICATES = [
    "X,TS1 1AA,199801,E99999999,E06000002,E92000001,449000,520000,0",
    "X,TS11AA,199801,E99999999,E06000002,E92000001,449500,520500,0",
]


def _write_lookup(root: Path, lines: list[str], la_code: str = "815", name: str = "postcodes.csv") -> Path:
    path = root / la_code / "reference" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def _ingest(root: Path) -> tuple[duckdb.DuckDBPyConnection, PostcodeIngest]:
    con = duckdb.connect()
    create_raw_tables(con)
    return con, ingest_postcode_lookups(con, root, "L1")


# --- ingest --------------------------------------------------------------------------------------


def test_good_rows_load_normalised_and_bad_rows_are_quarantined_with_reasons(tmp_path: Path) -> None:
    _write_lookup(tmp_path, [HEADER, *GOOD, "", *BAD.values(), *DUPLICATES])
    con, result = _ingest(tmp_path)
    [load] = result.loads
    assert (load.status, load.rows_read, load.rows_loaded, load.rows_quarantined, load.rows_blank) == (
        "loaded", 11, 3, 8, 1,
    )  # fmt: skip
    assert load.rows_read == load.rows_loaded + load.rows_quarantined
    assert load.notes == "blank_rows_skipped: 1; unknown_column_ignored: 2 (dointr, usertype)"
    loaded = con.execute(
        "select pcds, postcode_key, oseast1m, osnrth1m, source_row from raw_reference.postcodes order by 5"
    ).fetchall()
    assert loaded == [
        ("YO1 7EP", "YO17EP", 460325, 451807, 2),
        ("HG1 1AA", "HG11AA", 430000, 455000, 3),
        ("CF10 1AA", "CF101AA", None, None, 4),
    ]
    reasons = con.execute(
        "select source_row, split_part(reason, ':', 1) from raw_audit.quarantine "
        "where table_name = 'postcodes' and collection_year is null order by 1, 2"
    ).fetchall()
    assert reasons == [
        (6, "invalid_postcode"),
        (7, "invalid_number"),
        (8, "out_of_range"),
        (9, "invalid_code"),
        (10, "missing_value"),
        (11, "wrong_field_count"),
        (12, "duplicate_key"),  # 'TS1 1AA' and 'TS11AA' are one postcode: both rows out
        (13, "duplicate_key"),
    ]
    log = con.execute(
        "select table_name, collection_year, status, rows_read, rows_loaded, rows_quarantined "
        "from raw_audit.load_log"
    ).fetchall()
    assert log == [("postcodes", None, "loaded", 11, 3, 8)]


def test_loading_again_replaces_the_earlier_load(tmp_path: Path) -> None:
    _write_lookup(tmp_path, [HEADER, *GOOD, BAD["invalid_code"]])
    con, first = _ingest(tmp_path)
    second = ingest_postcode_lookups(con, tmp_path, "L2")
    assert first.loads[0].rows_loaded == second.loads[0].rows_loaded == 3
    counts = [
        con.execute(f"select count(*) from {table}").fetchone()[0]
        for table in ("raw_reference.postcodes", "raw_audit.quarantine", "raw_audit.load_log")
    ]
    assert counts == [3, 1, 1]


@pytest.mark.parametrize(
    ("lines", "fragment"),
    [
        (["pcds,oscty,oslaua,ctry", "YO1 7EP,E99999999,E06000014,E92000001"], "no oseast1m, osnrth1m"),
        (["pcds,pcds,oscty,oslaua,ctry,oseast1m,osnrth1m"], "appear more than once"),
        ([], "is empty"),
    ],
)
def test_an_unusable_file_is_rejected_with_a_message_and_nothing_loaded(
    tmp_path: Path, lines: list[str], fragment: str
) -> None:
    path = _write_lookup(tmp_path, lines)
    if not lines:
        path.write_bytes(b"")
    con, result = _ingest(tmp_path)
    [load] = result.loads
    assert load.status == "rejected" and fragment in (load.message or "")
    assert con.execute("select count(*) from raw_reference.postcodes").fetchone()[0] == 0
    assert con.execute("select status from raw_audit.load_log").fetchall() == [("rejected",)]
    assert result.las_with_lookup() == set()


def test_two_lookups_for_one_la_are_both_refused(tmp_path: Path) -> None:
    _write_lookup(tmp_path, [HEADER, *GOOD])
    _write_lookup(tmp_path, [HEADER, *GOOD], name="onspd.csv")
    (tmp_path / "815" / "reference" / "notes.txt").write_text("x")
    files, problems = find_postcode_lookups(tmp_path)
    assert files == []
    assert sorted(p.relative_path for p in problems) == ["815/reference", "815/reference/notes.txt"]


def test_the_reference_folder_is_no_ssda903_discovery_problem(tmp_path: Path) -> None:
    _write_lookup(tmp_path, [HEADER, *GOOD])
    (tmp_path / "815" / "ssda903" / "2025").mkdir(parents=True)
    (tmp_path / "815" / "ssda903" / "2025" / "header.csv").write_text("CHILD\r\n")
    files, problems = discover_extracts(tmp_path)
    assert [f.relative_path for f in files] == ["815/ssda903/2025/header.csv"] and problems == []


def test_the_lookup_counts_in_the_inputs_digest(tmp_path: Path) -> None:
    (tmp_path / "815" / "ssda903" / "2025").mkdir(parents=True)
    (tmp_path / "815" / "ssda903" / "2025" / "header.csv").write_text("CHILD\r\n")
    without = current_inputs_digest(tmp_path, "code")
    path = _write_lookup(tmp_path, [HEADER, *GOOD])
    with_lookup = current_inputs_digest(tmp_path, "code")
    path.write_text(path.read_text() + GOOD[0].replace("460325", "460326") + "\r\n")
    assert len({without, with_lookup, current_inputs_digest(tmp_path, "code")}) == 3


def test_a_missing_or_rejected_lookup_warns_and_never_blocks(tmp_path: Path) -> None:
    _write_lookup(tmp_path, ["pcds", "YO1 7EP"])
    _, result = _ingest(tmp_path)
    findings = postcode_lookup_findings(result, [("815", 2025), ("816", 2025)])
    assert {f.severity for f in findings} == {"warning"}
    assert sorted(f.check for f in findings) == [
        "postcode lookup not supplied",
        "postcode lookup not supplied",
        "postcode lookup rejected",
    ]


# --- the generator's lookup ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth_lookup")
    generate(out, SynthConfig(years=(2024, 2025), size=0.3))
    return out


def _csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_synthetic_postcode_is_in_the_lookup_which_loads_cleanly(synthetic: Path) -> None:
    lookup = {r["pcds"]: r for r in _csv(synthetic / "815" / "reference" / "postcodes.csv")}
    used = {
        r[column]
        for path in synthetic.glob("815/ssda903/*/episodes.csv")
        for r in _csv(path)
        for column in ("HOME_POST", "PL_POST")
        if r[column]
    }
    assert used == set(lookup)
    _, result = _ingest(synthetic)
    [load] = result.loads
    assert load.rows_loaded == len(lookup) and load.rows_quarantined == 0


def test_in_area_postcodes_carry_the_las_own_code_and_away_ones_another(synthetic: Path) -> None:
    for row in _csv(synthetic / "815" / "reference" / "postcodes.csv"):
        in_area = OUTWARD_CODES[row["pcds"].split(" ")[0]][3] == "own"
        assert (row["oscty"], row["ctry"]) == ("E99999999", "E92000001") or row["oscty"].startswith("E10")
        assert (row["oslaua"] == "E06000065") == in_area, row["pcds"]


def test_positions_stay_near_their_outward_code_and_repeat_exactly(tmp_path: Path, synthetic: Path) -> None:
    generate(tmp_path, SynthConfig(years=(2024, 2025), size=0.3))
    name = Path("815/reference/postcodes.csv")
    assert (tmp_path / name).read_bytes() == (synthetic / name).read_bytes()
    for row in _csv(synthetic / name):
        east_km, north_km, radius_km, _ = OUTWARD_CODES[row["pcds"].split(" ")[0]]
        offset = math.dist((int(row["oseast1m"]), int(row["osnrth1m"])), (east_km * 1000, north_km * 1000))
        assert offset <= radius_km * 1000 + 1


def test_a_realistic_share_of_children_is_placed_outside_and_far(synthetic: Path) -> None:
    """Open episodes of the last return (short breaks aside): about England's 17-18% are placed
    outside the LA more than 20 miles from home (North Yorkshire published 11-14%)."""
    lookup = {r["pcds"]: r for r in _csv(synthetic / "815" / "reference" / "postcodes.csv")}
    open_episodes = [
        r
        for r in _csv(synthetic / "815" / "ssda903" / "2025" / "episodes.csv")
        if not r["DEC"] and r["LS"] not in ("V3", "V4")
    ]

    def outside_and_far(episode: dict) -> bool:
        home, placed = lookup.get(episode["HOME_POST"]), lookup[episode["PL_POST"]]
        if home is None or placed["oslaua"] == "E06000065":
            return False
        metres = math.dist(
            (int(home["oseast1m"]), int(home["osnrth1m"])), (int(placed["oseast1m"]), int(placed["osnrth1m"]))
        )
        return metres / 1609.3 > 20

    share = sum(map(outside_and_far, open_episodes)) / len(open_episodes)
    assert 0.10 <= share <= 0.25
