"""Discovery of extracts in the fixed layout <extracts>/<old_la_code>/ssda903/<year>/*.csv."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.ingest import discover_extracts


def _touch(root: Path, *relative_paths: str) -> None:
    for relative in relative_paths:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("CHILD\n")


def test_files_in_the_layout_are_found_with_la_and_year_from_the_folders(tmp_path: Path) -> None:
    _touch(
        tmp_path,
        "815/ssda903/2025/episodes.csv",
        "815/ssda903/2024/Header_2019.CSV",
        "202/ssda903/2025/a.csv",
    )
    files, problems = discover_extracts(tmp_path)
    assert problems == []
    assert [(f.relative_path, f.la_code, f.collection_year, f.family) for f in files] == [
        ("202/ssda903/2025/a.csv", "202", 2025, "ssda903"),
        ("815/ssda903/2024/Header_2019.CSV", "815", 2024, "ssda903"),  # a year in the name is no source
        ("815/ssda903/2025/episodes.csv", "815", 2025, "ssda903"),
    ]
    assert all(f.path.is_absolute() and f.path.is_file() for f in files)


def test_anything_outside_the_layout_is_a_problem(tmp_path: Path) -> None:
    _touch(
        tmp_path,
        "notes.csv",  # top level
        "Leeds/ssda903/2025/a.csv",  # not an LA code
        "815/episodes.csv",  # directly in the LA folder
        "815/other/x.csv",  # unknown family
        "815/ssda903/a.csv",  # not in a year folder
        "815/ssda903/2024-25/a.csv",  # not a collection year
        "815/ssda903/2010/a.csv",  # unsupported year
        "815/ssda903/2025/return.xlsx",
        "815/ssda903/2025/readme.txt",
        "815/ssda903/2025/sub/a.csv",
    )
    files, problems = discover_extracts(tmp_path)
    assert files == []
    messages = {p.relative_path: p.message for p in problems}
    assert set(messages) == {
        "notes.csv",
        "Leeds",
        "815/episodes.csv",
        "815/other",
        "815/ssda903/a.csv",
        "815/ssda903/2024-25",
        "815/ssda903/2010",
        "815/ssda903/2025/return.xlsx",
        "815/ssda903/2025/readme.txt",
        "815/ssda903/2025/sub",
    }
    assert "3-digit old LA code" in messages["Leeds"]
    assert "not supported (supported: 2017 to 2027)" in messages["815/ssda903/2010"]
    assert "save each table as 'CSV UTF-8'" in messages["815/ssda903/2025/return.xlsx"]


def test_known_extras_are_ignored_silently(tmp_path: Path) -> None:
    _touch(
        tmp_path,
        "SYNTHETIC_DATA.txt",
        "faults_manifest.json",
        "815/cin/2025/cin.xml",
        "815/sdq/sdq.csv",
        "815/ssda903/2025/.DS_Store",
        "815/ssda903/2025/~$episodes.xlsx",
    )
    assert discover_extracts(tmp_path) == ([], [])


def test_xml_returns_are_handed_to_the_loader(tmp_path: Path) -> None:
    _touch(tmp_path, "815/ssda903/2025/return.xml")
    files, problems = discover_extracts(tmp_path)
    assert [f.relative_path for f in files] == ["815/ssda903/2025/return.xml"]
    assert problems == []


def test_missing_extracts_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        discover_extracts(tmp_path / "nowhere")
