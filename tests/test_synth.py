"""The synthetic SSDA903 generator: file form, code validity by year, cross-year consistency, faults,
determinism, scaling and calibration against LA 815's published figures."""

from __future__ import annotations

import csv
import filecmp
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, datetime
from itertools import pairwise
from pathlib import Path

import pytest

from flows.ssda903_spec import TABLES, XML_RENAMED, XML_ROW_ELEMENTS
from flows.synth import SynthConfig, SynthResult, generate
from flows.synth.__main__ import main as synth_main
from flows.synth.codes import SEEDS_DIR, CodeLists
from flows.synth.selfcheck import summarise

DEFAULT = SynthConfig()
DATE_RE = re.compile(r"^\d{2}/\d{2}/\d{4}$")
PARTIAL_DATE_RE = re.compile(r"^(\d{2}|ZZ)/(\d{2}|ZZ)/\d{4}$")
UPN_RE = re.compile(r"^([A-HJ-NP-RT-Z]\d{12}|[A-HJ-NP-RT-Z]\d{11}[A-Z]|UN[1-5])$")
POSTCODE_RE = re.compile(r"^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$")


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> SynthResult:
    return generate(tmp_path_factory.mktemp("clean"), DEFAULT)


@pytest.fixture(scope="module")
def faulted(tmp_path_factory: pytest.TempPathFactory) -> SynthResult:
    return generate(tmp_path_factory.mktemp("faulted"), SynthConfig(faults=True))


@pytest.fixture(scope="module")
def all_years(tmp_path_factory: pytest.TempPathFactory) -> SynthResult:
    """Every supported collection year, so each code-list change (2019, 2022, 2025, 2026) is crossed."""
    return generate(
        tmp_path_factory.mktemp("all_years"), SynthConfig(years=tuple(range(2017, 2028)), size=0.4)
    )


@pytest.fixture(scope="module")
def codes() -> CodeLists:
    return CodeLists.from_seed()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _day(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def _files(result: SynthResult) -> list[tuple[int, str, Path]]:
    """(collection year, table, path) for every CSV written."""
    return [(int(p.parent.name), p.stem, p) for p in result.files]


def _lines(path: Path) -> list[bytes]:
    """Lines as Excel numbers them (index 0 = row 1), whatever the line ending."""
    data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    return [line.removesuffix(b"\r") for line in data.split(b"\n")[:-1]]


# --- layout and file form ---------------------------------------------------------------------------


def test_layout_marker_and_tables_per_year(clean: SynthResult) -> None:
    assert (clean.out_dir / "SYNTHETIC_DATA.txt").read_text().startswith("SYNTHETIC DATA")
    assert "seed=903" in (clean.out_dir / "SYNTHETIC_DATA.txt").read_text()
    assert clean.manifest_path is None and not (clean.out_dir / "faults_manifest.json").exists()
    for year in DEFAULT.years:
        folder = clean.out_dir / "815" / "ssda903" / str(year)
        expected = {name for name, table in TABLES.items() if table.exists_in(year)}
        assert {p.stem for p in folder.glob("*.csv")} == expected
        assert ("sw_episodes" in expected) == (year >= 2024)
    assert clean.rows_written == sum(len(_rows(p)) for p in clean.files)


def test_exact_headers_encoding_and_line_endings(all_years: SynthResult) -> None:
    for _, table, path in _files(all_years):
        data = path.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")
        data.decode("utf-8")
        assert data.endswith(b"\r\n") and data.count(b"\n") == data.count(b"\r\n"), path
        lines = _lines(path)
        assert lines[0].decode() == ",".join(TABLES[table].column_names), path
        width = len(TABLES[table].columns)
        assert all(len(line.split(b",")) == width and line.strip(b",") for line in lines[1:]), path


def test_values_are_typed_valid_and_codes_valid_for_their_year(
    all_years: SynthResult, codes: CodeLists
) -> None:
    for year, table, path in _files(all_years):
        spec = TABLES[table]
        for row in _rows(path):
            for column in spec.columns:
                value = row[column.name]
                if not value:
                    assert not column.required, (path.name, year, column.name)
                    continue
                if column.kind == "date":
                    assert DATE_RE.match(value), (path, column.name)
                    _day(value)
                elif column.kind == "partial_date":
                    assert PARTIAL_DATE_RE.match(value), (path, column.name)
                elif column.kind in ("code", "flag"):
                    assert codes.is_valid(column.code_list_field, value, year), (
                        year,
                        table,
                        column.name,
                        value,
                    )
                elif column.kind == "int":
                    assert column.min_value <= int(value) <= column.max_value
                elif column.kind == "postcode":
                    assert POSTCODE_RE.match(value), value
            if table == "header":
                assert UPN_RE.match(row["UPN"])
            if table == "oc2":
                assert not (row["SDQ_SCORE"] and row["SDQ_REASON"])
            if table == "prev_perm" and row["LA_PERM"]:
                assert re.match(r"^(\d{3}|WAL|SCO|NIR|NUK)$", row["LA_PERM"])


def test_code_list_changes_are_followed(all_years: SynthResult) -> None:
    seen: dict[int, Counter] = defaultdict(Counter)
    for year, table, path in _files(all_years):
        for row in _rows(path):
            if table == "episodes":
                seen[year].update([row["PLACE"], row["REC"]])
            elif table == "header":
                seen[year][row["SEX"]] += 1
            elif table == "oc3":
                seen[year][row["ACTIV"]] += 1
    assert seen[2024]["1"] and seen[2025]["M"] and not seen[2025]["1"]
    assert seen[2024]["H5"] and seen[2025]["K3"] and not seen[2025]["H5"] and not seen[2024]["K3"]
    assert seen[2018]["E43"] + seen[2018]["E44"] and seen[2019]["E45"] + seen[2019]["E47"]
    assert any(seen[2026][z] for z in ("Z11", "Z12", "Z13", "Z14")) and not seen[2026]["Z1"]
    assert (
        seen[2021]["F3"] + seen[2021]["P3"] and seen[2022]["F5"] + seen[2022]["F4"] and not seen[2022]["F3"]
    )


def test_natural_keys_are_unique(clean: SynthResult) -> None:
    for _, table, path in _files(clean):
        keys = Counter(tuple(row[k] for k in TABLES[table].key) for row in _rows(path))
        assert max(keys.values(), default=1) == 1, path


# --- returns as an LA submits them --------------------------------------------------------------------


def _episodes(result: SynthResult, year: int) -> list[dict[str, str]]:
    return _rows(result.out_dir / "815" / "ssda903" / str(year) / "episodes.csv")


def test_episodes_overlap_their_year_and_open_ones_are_blank(clean: SynthResult) -> None:
    for year in DEFAULT.years:
        start, end = date(year - 1, 4, 1), date(year, 3, 31)
        for e in _episodes(clean, year):
            assert _day(e["DECOM"]) <= end
            if e["DEC"]:
                assert start <= _day(e["DEC"]) <= end and _day(e["DEC"]) > _day(e["DECOM"]) and e["REC"]
            else:
                assert not e["REC"] and not e["REASON_PLACE_CHANGE"]
            if e["PLACE"] in ("T0", "T1", "T2", "T3", "T4", "Z1"):
                assert not e["PLACE_PROVIDER"]


def test_periods_start_with_s_and_continue_with_x1(clean: SynthResult) -> None:
    by_child: dict[str, list[dict]] = defaultdict(list)
    for e in _episodes(clean, 2025):
        by_child[e["CHILD"]].append(e)
    for episodes in by_child.values():
        for before, after in pairwise(episodes):
            if before["REC"] == "X1":
                assert after["DECOM"] == before["DEC"] and after["RNE"] != "S"
            elif before["REC"]:
                assert after["RNE"] == "S"


def test_open_episodes_are_resent_next_year(clean: SynthResult) -> None:
    for year in DEFAULT.years[:-1]:
        later = _episodes(clean, year + 1)
        later_keys = {(e["CHILD"], e["DECOM"]): e for e in later}
        later_children = defaultdict(list)
        for e in later:
            later_children[e["CHILD"]].append(_day(e["DECOM"]))
        open_now = [e for e in _episodes(clean, year) if not e["DEC"]]
        same_key = [later_keys.get((e["CHILD"], e["DECOM"])) for e in open_now]
        assert all(e["CHILD"] in later_children for e in open_now)
        assert sum(m is not None for m in same_key) >= 0.97 * len(open_now)
        for e, match in zip(open_now, same_key, strict=True):
            if match is None:  # a start date corrected by a few days in the later return
                assert min(abs((d - _day(e["DECOM"])).days) for d in later_children[e["CHILD"]]) <= 7
            elif year == 2024 and e["PLACE"] in ("H5", "P2"):
                assert match["PLACE"] == "K3"


# --- determinism, scaling, calibration ------------------------------------------------------------------


def test_same_seed_gives_identical_files_and_another_seed_differs(tmp_path: Path) -> None:
    small = SynthConfig(size=0.3, faults=True)
    first, second = generate(tmp_path / "a", small), generate(tmp_path / "b", small)
    other = generate(tmp_path / "c", SynthConfig(size=0.3, faults=True, seed=904))
    names = [p.relative_to(first.out_dir) for p in first.files] + [Path("faults_manifest.json")]
    _, mismatch, errors = filecmp.cmpfiles(
        first.out_dir, second.out_dir, [str(n) for n in names], shallow=False
    )
    assert not mismatch and not errors
    episodes = Path("815/ssda903/2025/episodes.csv")
    assert (first.out_dir / episodes).read_bytes() != (other.out_dir / episodes).read_bytes()


def test_size_scales_rows_about_linearly(tmp_path: Path, clean: SynthResult) -> None:
    half = generate(tmp_path, SynthConfig(size=0.5))
    assert 1.7 <= clean.rows_written / half.rows_written <= 2.3


def _published(indicator: str) -> dict[int, float]:
    rows = _rows(SEEDS_DIR / "dfe_published_indicators.csv")
    return {
        int(r["time_period"]): float(r["value"])
        for r in rows
        if r["indicator"] == indicator and r["old_la_code"] == "815"
    }


def test_calibrated_to_la_815(clean: SynthResult) -> None:
    summary = summarise(clean.out_dir, "815", DEFAULT.years)
    published = _published("cla_31mar")
    for year in DEFAULT.years:
        assert abs(summary[year]["cla_31mar"] / published[year] - 1) <= 0.15, (year, summary[year])
        assert 5 <= summary[year]["pct_3plus_placements_year"] <= 16, (year, summary[year])
        assert 50 <= summary[year]["pct_male_31mar"] <= 62
        assert 12 <= summary[year]["sdq_mean_5_16"] <= 17
    assert summary[2025]["cla_31mar"] > summary[2021]["cla_31mar"]


# --- faults --------------------------------------------------------------------------------------------


def test_manifest_lists_every_kind_in_order(faulted: SynthResult) -> None:
    manifest = json.loads(faulted.manifest_path.read_text())
    kinds = Counter(e["kind"] for e in manifest)
    assert set(kinds) >= {
        "invalid_code",
        "impossible_date",
        "dec_before_decom",
        "duplicate_rows",
        "excel_dot_zero",
        "blank_rows",
        "utf8_bom",
        "mixed_line_endings",
        "unknown_column",
        "missing_column",
    }
    assert [e["fault_id"] for e in manifest] == [f"F{i:03d}" for i in range(1, len(manifest) + 1)]
    assert manifest == sorted(
        manifest, key=lambda e: (e["file"], e["row"] or 0, e["column"] or "", e["kind"])
    )
    assert all(e["expect"] in ("quarantine", "load_log") for e in manifest)
    rows = [(e["file"], e["row"]) for e in manifest if e["row"] is not None]
    assert len(rows) == len(set(rows)), "two faults on one row"


def test_manifest_holds_no_child_level_values(faulted: SynthResult) -> None:
    text = faulted.manifest_path.read_text()
    for path in faulted.files:
        if path.name == "header.csv":
            for line in _lines(path)[1:]:
                child, _, dob = line.decode().split(",")[:3]
                assert child.removesuffix(".0") not in text and dob not in text


def test_each_manifest_entry_points_at_its_defect(faulted: SynthResult, codes: CodeLists) -> None:
    for entry in json.loads(faulted.manifest_path.read_text()):
        path = faulted.out_dir / entry["file"]
        raw, lines = path.read_bytes(), _lines(path)
        header = lines[0].decode().split(",")
        kind, column, year = entry["kind"], entry["column"], int(path.parent.name)
        cells = lines[entry["row"] - 1].decode().split(",") if entry["row"] else []
        value = cells[header.index(column)] if cells and column in header else None
        if kind == "invalid_code":
            field = next(c for c in TABLES[entry["table"]].columns if c.name == column).code_list_field
            assert not codes.is_valid(field, value, year)
        elif kind == "impossible_date":
            assert DATE_RE.match(value)
            with pytest.raises(ValueError):
                _day(value)
        elif kind == "dec_before_decom":
            assert _day(value) < _day(cells[header.index("DECOM")])
        elif kind == "duplicate_rows":
            assert lines.count(lines[entry["row"] - 1]) == 2
        elif kind == "missing_value":
            assert value == "" and column in TABLES[entry["table"]].required_columns
        elif kind == "excel_dot_zero":
            assert value.endswith(".0") and value[:-2].isdigit()
        elif kind == "blank_rows":
            assert not lines[entry["row"] - 1].strip(b",")
        elif kind == "utf8_bom":
            assert raw.startswith(b"\xef\xbb\xbf")
        elif kind == "mixed_line_endings":
            assert b"\r\n" in raw and raw.count(b"\n") > raw.count(b"\r\n")
        elif kind == "unknown_column":
            assert header[-1] == "NOTES" and header[:-1] == list(TABLES[entry["table"]].column_names)
        elif kind == "missing_column":
            assert column not in header and column in TABLES[entry["table"]].column_names
        else:
            pytest.fail(f"unexpected kind {kind}")


def test_faults_leave_everything_else_unchanged(clean: SynthResult, faulted: SynthResult) -> None:
    manifest = json.loads(faulted.manifest_path.read_text())
    touched = {e["file"] for e in manifest}
    for path in clean.files:
        rel = path.relative_to(clean.out_dir).as_posix()
        other = faulted.out_dir / rel
        if rel not in touched:
            assert path.read_bytes() == other.read_bytes(), rel
            continue
        entries = [e for e in manifest if e["file"] == rel]
        if any(e["row"] is None for e in entries):
            continue  # file-level fault: the whole file changes form
        listed = {e["row"] for e in entries}
        kept = [line for i, line in enumerate(_lines(other), start=1) if i not in listed]
        original = iter(_lines(path))
        assert all(line in original for line in kept), rel  # the other lines, unchanged and in order
        changed = sum(e["kind"] not in ("duplicate_rows", "blank_rows") for e in entries)
        originals_of_copies = sum(e["kind"] == "duplicate_rows" for e in entries) // 2
        assert len(kept) == len(_lines(path)) - changed - originals_of_copies, rel


def test_cli_reports_bad_years_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert synth_main(["--out", str(tmp_path), "--years", "2015"]) == 2
    assert "outside the supported collection years" in capsys.readouterr().err


# --- Deprivation of Liberty Orders and social worker episodes -----------------------------------------


def test_social_worker_episodes_fill_every_year_from_2024_and_dolo_2027(all_years: SynthResult) -> None:
    counts = {(year, table): len(_rows(path)) for year, table, path in _files(all_years)}
    for year in range(2017, 2028):
        assert ((year, "sw_episodes") in counts) == (year >= 2024)
        assert ((year, "dolo") in counts) == (year >= 2027)
        if year >= 2024:
            assert counts[(year, "sw_episodes")] >= counts[(year, "header")] // 2, year
    assert counts[(2027, "dolo")] >= 1


def test_dolo_orders_are_older_children_in_childrens_homes(all_years: SynthResult) -> None:
    folder = all_years.out_dir / "815" / "ssda903" / "2027"
    episodes = defaultdict(list)
    for e in _rows(folder / "episodes.csv"):
        episodes[e["CHILD"]].append(e)
    for order in _rows(folder / "dolo.csv"):
        start = _day(order["DOLO_START"])
        born = _day(order["DOB"])
        assert start >= date(born.year + 12, born.month, 1)
        if order["DOLO_END"]:
            assert _day(order["DOLO_END"]) > start
        during = [
            e
            for e in episodes[order["CHILD"]]
            if _day(e["DECOM"]) <= start and (not e["DEC"] or start <= _day(e["DEC"]))
        ]
        assert during and all(e["PLACE"] == "K2" for e in during), order["DOLO_START"]


# --- the XML form ---------------------------------------------------------------------------------------

XML_CONFIG = SynthConfig(years=(2023, 2024, 2025, 2026, 2027), size=0.3)


@pytest.fixture(scope="module")
def xml_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[SynthResult, SynthResult]:
    root = tmp_path_factory.mktemp("forms")
    return generate(root / "csv", XML_CONFIG), generate(root / "xml", replace(XML_CONFIG, file_format="xml"))


def test_xml_form_is_one_document_per_year_with_the_same_rows(xml_pair) -> None:
    as_csv, as_xml = xml_pair
    assert [p.relative_to(as_xml.out_dir).as_posix() for p in as_xml.files] == [
        f"815/ssda903/{year}/ssda903.xml" for year in XML_CONFIG.years
    ]
    assert not list(as_xml.out_dir.rglob("*/ssda903/*/*.csv"))
    assert as_xml.rows_written == as_csv.rows_written
    assert "format=xml" in (as_xml.out_dir / "SYNTHETIC_DATA.txt").read_text()
    for path in as_xml.files:
        year, root = int(path.parent.name), ET.parse(path).getroot()
        folder = as_csv.out_dir / "815" / "ssda903" / str(year)
        assert root.tag == "EXPSSDA903"
        assert path.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
        rows = {p.stem: _rows(p) for p in folder.glob("*.csv")}
        assert len(root.findall("CHILD")) == len(rows["header"])
        assert [c.findtext("HEADER/CHILDID") for c in root] == [r["CHILD"] for r in rows["header"]]
        assert len(root.findall("CHILD/HEADER[UASC='1']")) == len(rows["uasc"])
        assert len(root.findall("CHILD/HEADER[IN_TOUCH]")) == len(rows["oc3"])
        assert len(root.findall("CHILD/HEADER[NB_ADOPTR]")) == len(rows["ad1"])
        for table, (element, in_header) in XML_ROW_ELEMENTS.items():
            found = root.findall(f"CHILD/HEADER/{element}" if in_header else f"CHILD/{element}")
            assert len(found) == len(rows.get(table, [])), (year, table)
        places = [e.findtext("PL") for e in root.iter("EPISODE")]
        assert places == [r["PLACE"] for r in rows["episodes"]]


def test_writing_another_form_replaces_the_first(tmp_path: Path) -> None:
    config = SynthConfig(years=(2025,), size=0.1)
    generate(tmp_path, config)
    generate(tmp_path, replace(config, file_format="xml"))
    assert sorted(p.name for p in (tmp_path / "815" / "ssda903" / "2025").iterdir()) == ["ssda903.xml"]
    generate(tmp_path, config)
    assert "ssda903.xml" not in {p.name for p in (tmp_path / "815" / "ssda903" / "2025").iterdir()}


def test_xml_faults_are_the_csv_row_faults_plus_an_unknown_element(tmp_path: Path, codes: CodeLists) -> None:
    as_csv = generate(tmp_path / "csv", replace(XML_CONFIG, faults=True))
    as_xml = generate(tmp_path / "xml", replace(XML_CONFIG, faults=True, file_format="xml"))
    manifest = json.loads(as_xml.manifest_path.read_text())
    csv_rows = {
        (e["kind"], e["table"], e["file"].split("/")[2], e["row"], e["column"])
        for e in json.loads(as_csv.manifest_path.read_text())
        if e["expect"] == "quarantine"
    }
    xml_rows = {
        (e["kind"], e["table"], e["file"].split("/")[2], e["row"], e["column"])
        for e in manifest
        if e["expect"] == "quarantine"
    }
    assert xml_rows == csv_rows
    assert {e["kind"] for e in manifest if e["expect"] == "load_log"} == {"unknown_element"}
    documents = {}
    for entry in manifest:
        path = as_xml.out_dir / entry["file"]
        root = documents.setdefault(path, ET.parse(path).getroot())
        year = int(path.parent.name)
        if entry["element"] is None:
            assert len(root.findall(".//NOTES")) == 3
            continue
        element = root.find("." + entry["element"].removeprefix("/EXPSSDA903"))
        assert element is not None, entry["fault_id"]
        tag = XML_RENAMED.get((entry["table"], entry["column"]), entry["column"])
        value = element.findtext(tag) if entry["column"] else None
        if entry["kind"] == "invalid_code":
            field = next(
                c for c in TABLES[entry["table"]].columns if c.name == entry["column"]
            ).code_list_field
            assert not codes.is_valid(field, value, year)
        elif entry["kind"] == "impossible_date":
            with pytest.raises(ValueError):
                _day(value)
        elif entry["kind"] == "dec_before_decom":
            assert _day(value) < _day(element.findtext("DECOM"))
        elif entry["kind"] == "missing_value":
            assert value == ""
        else:
            assert entry["kind"] == "duplicate_rows"


def test_cli_writes_xml(tmp_path: Path) -> None:
    assert synth_main(["--out", str(tmp_path), "--years", "2025", "--size", "0.1", "--format", "xml"]) == 0
    assert (tmp_path / "815" / "ssda903" / "2025" / "ssda903.xml").exists()
