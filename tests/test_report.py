"""The one-page HTML summary: content, privacy of suppressed values, determinism, offline-ness."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from flows.report import INDICATORS, NO_FIGURE, OGL_ATTRIBUTION, SYNTHETIC_BANNER, line_chart, render_summary

LA, LA_NAME = "999", "Synthetic Borough"
UNROUNDED = 33.3333337

# indicator: (unit, published 2024, published 2025)
PUBLISHED = {
    "cla_31mar": ("count", "412", "398"),
    "cla_rate_31mar": ("rate_per_10000", "61", "59"),
    "cla_starts": ("count", "c", "190"),
    "cla_ceases": ("count", "180", "x"),
    "pct_3plus_placements_year": ("percent", "11", "low"),
    "pct_longterm_stability_u16": ("percent", "c", "70"),
}
ENGLAND = {"cla_31mar": ("83530", "81770"), "pct_longterm_stability_u16": ("68", "69")}
# pct_longterm_stability_u16 2025: region, neighbours' mean (66.5 rounds half up to 67), rank, of
BENCHMARK = ("Inner Synthetic", "68", 66.5, 2, 10)


def write_release(path: Path, *, with_reference: bool = True, with_benchmarks: bool = True) -> Path:
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema reporting")
        con.execute(
            "create table reporting.rpt_indicators (time_period integer, time_identifier varchar, "
            "geographic_level varchar, old_la_code varchar, new_la_code varchar, la_name varchar, "
            "indicator varchar, breakdown_topic varchar, breakdown varchar, numerator double, "
            "denominator double, value double, value_published varchar, unit varchar)"
        )
        for indicator, (unit, *published) in PUBLISHED.items():
            for year, value_published in zip((2024, 2025), published, strict=True):
                con.execute(
                    "insert into reporting.rpt_indicators values (?, 'Reporting year', 'Local authority', ?, "
                    "'E09999999', ?, ?, 'Total', 'Total', 3, 9, ?, ?, ?)",
                    [year, LA, LA_NAME, indicator, UNROUNDED, value_published, unit],
                )
        # A breakdown row and another geography: neither belongs on the page.
        con.execute(
            "insert into reporting.rpt_indicators values (2025, 'Reporting year', 'Local authority', ?, "
            "'E09999999', ?, 'cla_31mar', 'Sex', 'Female', 7, null, 7, '7777', 'count')",
            [LA, LA_NAME],
        )
        if with_benchmarks:
            con.execute(
                "create table reporting.rpt_indicator_definitions (indicator varchar, decimal_places integer)"
            )
            con.executemany(
                "insert into reporting.rpt_indicator_definitions values (?, 0)", [[i] for i in PUBLISHED]
            )
            con.execute(
                "create table reporting.rpt_indicator_benchmarks (time_period integer, "
                "old_la_code varchar, indicator varchar, region_name varchar, "
                "region_value_published varchar, neighbour_mean double, "
                "rank_among_neighbours integer, ranked_areas integer)"
            )
            con.execute(
                "insert into reporting.rpt_indicator_benchmarks values "
                "(2025, ?, 'pct_longterm_stability_u16', ?, ?, ?, ?, ?)",
                [LA, *BENCHMARK],
            )
        if with_reference:
            con.execute("create schema reference")
            con.execute(
                "create table reference.dfe_published_indicators (indicator varchar, time_period integer, "
                "geographic_level varchar, area_code varchar, old_la_code varchar, area_name varchar, "
                "value varchar, numerator varchar, denominator varchar, unit varchar, source_file varchar)"
            )
            for indicator, values in ENGLAND.items():
                for year, value in zip((2024, 2025), values, strict=True):
                    con.execute(
                        "insert into reference.dfe_published_indicators values "
                        "(?, ?, 'National', 'E92000001', null, 'England', ?, null, null, 'count', 'f.csv')",
                        [indicator, year, value],
                    )
            con.execute(
                "insert into reference.dfe_published_indicators values ('cla_31mar', 2025, "
                "'Local authority', 'E09999999', ?, ?, '6543', null, null, 'count', 'f.csv')",
                [LA, LA_NAME],
            )
    finally:
        con.close()
    return path


@pytest.fixture
def release_db(tmp_path: Path) -> Path:
    return write_release(tmp_path / "warehouse.duckdb")


def render(release_db: Path, out: Path, *, synthetic: bool = True) -> str:
    path = render_summary(
        release_db, out, synthetic=synthetic, release_id="r-2025-001", generated_note="Demo note."
    )
    assert path == out
    return out.read_text(encoding="utf-8")


def test_page_has_every_indicator_and_the_comparisons(release_db: Path, tmp_path: Path) -> None:
    html = render(release_db, tmp_path / "summary.html")
    assert html.startswith("<!DOCTYPE html>")
    assert f"Children looked after: {LA_NAME}" in html
    for text in INDICATORS:
        assert text.label.replace("'", "&#39;") in html
        assert f'id="la{LA}-{text.indicator}"' in html
    assert "81,770" in html  # England, as published
    assert "6,543" in html  # this LA's own DfE-published figure
    assert f"{LA_NAME}, as published by DfE" in html
    assert "2024-25" in html and "2023-24" in html
    assert "Lower is better" in html and "Higher is better" in html


def test_region_neighbour_average_and_rank_beside_the_la(release_db: Path, tmp_path: Path) -> None:
    html = render(release_db, tmp_path / "summary.html")
    card = html[html.index(f'id="la{LA}-pct_longterm_stability_u16"') :]
    card = card[: card.index("</section>")]
    assert '<th scope="col">Inner Synthetic</th>' in card
    assert '<th scope="col">Statistical neighbours, average</th>' in card
    # 2024-25: LA 70, England 69, region 68, neighbours 66.5 -> 67 (half up), no DfE figure for the LA
    assert (
        f'<th scope="row">2024-25</th><td>70</td><td>69</td><td>68</td><td>67</td><td>{NO_FIGURE}</td>'
        in card
    )
    assert "In 2024-25, Synthetic Borough ranked 2 of 10 among itself and its statistical neighbours" in card
    # no benchmarks for the other cards: a dash, a generic header and no rank sentence
    other = html[html.index(f'id="la{LA}-cla_rate_31mar"') :]
    other = other[: other.index("</section>")]
    assert '<th scope="col">Region</th>' in other and "ranked" not in other


def test_page_without_benchmarks_still_renders(tmp_path: Path) -> None:
    db = write_release(tmp_path / "warehouse.duckdb", with_benchmarks=False)
    html = render(db, tmp_path / "summary.html")
    assert f"<td>70</td><td>69</td><td>{NO_FIGURE}</td><td>{NO_FIGURE}</td>" in html


def test_symbols_are_shown_and_unrounded_values_never(release_db: Path, tmp_path: Path) -> None:
    html = render(release_db, tmp_path / "summary.html")
    for symbol in ("<td>c</td>", "<td>x</td>", "<td>low</td>", f"<td>{NO_FIGURE}</td>"):
        assert symbol in html
    assert "<dt>c</dt>" in html and "<dt>low</dt>" in html
    assert "33.33" not in html  # value is never shown, only value_published
    assert "7777" not in html  # breakdown rows stay off the page


def test_banner_only_when_synthetic(release_db: Path, tmp_path: Path) -> None:
    assert SYNTHETIC_BANNER in render(release_db, tmp_path / "a.html", synthetic=True)
    assert SYNTHETIC_BANNER not in render(release_db, tmp_path / "b.html", synthetic=False)
    assert "SYNTHETIC" not in (tmp_path / "b.html").read_text()


def test_footer_has_release_attribution_and_note(release_db: Path, tmp_path: Path) -> None:
    html = render(release_db, tmp_path / "summary.html")
    footer = html[html.index("<footer>") :]
    assert "r-2025-001" in footer and OGL_ATTRIBUTION in footer and "Demo note." in footer


def test_render_is_deterministic(release_db: Path, tmp_path: Path) -> None:
    first = render(release_db, tmp_path / "a.html")
    second = render(release_db, tmp_path / "b.html")
    assert first == second


def test_page_is_self_contained(release_db: Path, tmp_path: Path) -> None:
    html = render(release_db, tmp_path / "summary.html")
    assert not re.search(r"https?://", html)
    assert "<script" not in html and "<link" not in html and "<img" not in html and "url(" not in html


def test_charts_are_accessible_and_counts_plot_the_la_alone(release_db: Path, tmp_path: Path) -> None:
    html = render(release_db, tmp_path / "summary.html")
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == len(INDICATORS)
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    by_indicator = dict(zip((t.indicator for t in INDICATORS), svgs, strict=True))
    assert "series-england" not in by_indicator["cla_31mar"]
    assert "series-england" in by_indicator["pct_longterm_stability_u16"]


def test_page_without_reference_data_still_renders(tmp_path: Path) -> None:
    db = write_release(tmp_path / "warehouse.duckdb", with_reference=False)
    html = render(db, tmp_path / "summary.html")
    assert f"<td>412</td><td>{NO_FIGURE}</td>" in html


def test_missing_inputs_raise_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        render_summary(tmp_path / "nope.duckdb", tmp_path / "s.html", synthetic=True, release_id="r")
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(ValueError, match=r"no reporting\.rpt_indicators"):
        render_summary(empty, tmp_path / "s.html", synthetic=True, release_id="r")


def test_line_chart_breaks_at_symbols_and_handles_empty_series() -> None:
    chart = line_chart([2023, 2024, 2025, 2026], [("la", "LA", ["10", "c", "12", "14"])])
    assert [len(s) for s in chart.series[0].segments] == [1, 2]
    assert chart.y_ticks[-1].label == "20" and not chart.empty
    assert line_chart([2025], [("la", "LA", ["x"])]).empty
