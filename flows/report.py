"""The one-page HTML summary of a published release: each headline indicator beside England's.

The page is self-contained (inline CSS and hand-drawn inline SVG, no external links) so it opens
offline and can be e-mailed or archived with the release. It renders only what the reporting layer
published: `value_published` with its suppression symbols, never the unrounded `value`, so a chart
cannot reveal a suppressed figure. Same inputs, same bytes: no clock is read here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
from jinja2 import Environment, PackageLoader, StrictUndefined

SYNTHETIC_BANNER = "SYNTHETIC DATA — not real children; figures are for demonstration only"
OGL_ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."
PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
NO_FIGURE = "\N{EN DASH}"  # shown where the reference data has no figure
SYMBOLS = (
    ("c", "suppressed to protect confidentiality (a count of 1 to 5, or a figure based on one)"),
    ("low", "rounds to 0 but is not 0"),
    ("x", "not available"),
    ("z", "not applicable"),
    (NO_FIGURE, "no figure in the published reference data for that year"),
)


@dataclass(frozen=True)
class IndicatorText:
    indicator: str
    label: str
    measure: str
    direction: str  # 'lower' | 'higher' | 'context'
    good: str
    chart_england: bool = True  # False for counts: England's total is on another scale than one LA's


INDICATORS = (
    IndicatorText(
        "cla_31mar",
        "Children looked after on 31 March",
        "number of children",
        "context",
        "No fixed direction: the right number depends on local need. Look for sharp changes, and "
        "compare the rate per 10,000 with England.",
        chart_england=False,
    ),
    IndicatorText(
        "cla_rate_31mar",
        "Children looked after on 31 March, per 10,000 children",
        "per 10,000 children aged 0 to 17",
        "context",
        "Neither high nor low is good in itself: a rate well above or below England's is a prompt to "
        "ask about need, thresholds and early help.",
    ),
    IndicatorText(
        "cla_starts",
        "Children who started to be looked after during the year",
        "number of children",
        "context",
        "Read with the number who stopped being looked after: a rise can mean more need or earlier action.",
        chart_england=False,
    ),
    IndicatorText(
        "cla_ceases",
        "Children who stopped being looked after during the year",
        "number of children",
        "context",
        "Good when children return home safely, are adopted or live with a special guardian; read with "
        "the number who started.",
        chart_england=False,
    ),
    IndicatorText(
        "pct_3plus_placements_year",
        "Children looked after on 31 March who had 3 or more placements during the year",
        "% of children looked after on 31 March",
        "lower",
        "Lower is better: fewer moves mean more stable care.",
    ),
    IndicatorText(
        "pct_longterm_stability_u16",
        "Children under 16 in care for 2½ years or more who have lived in the same placement for "
        "at least 2 years (or are placed for adoption)",
        "% of children under 16 looked after for at least 2½ years",
        "higher",
        "Higher is better: long-term stability with the same carer.",
    ),
)
DIRECTION_TAGS = {"lower": "Lower is better", "higher": "Higher is better", "context": "Read in context"}

CHART_WIDTH, CHART_HEIGHT = 360, 190
CHART_LEFT, CHART_RIGHT, CHART_TOP, CHART_BOTTOM = 48, 28, 30, 28


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Series:
    key: str  # 'la' | 'england': the CSS class of the line
    name: str
    segments: list[list[Point]]  # unbroken runs of numeric years; a symbol breaks the line


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: float
    plot_right: float
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    series: list[Series]
    empty: bool


@dataclass(frozen=True)
class YearRow:
    period: str
    la: str
    england: str
    region: str
    neighbours: str
    la_dfe: str


@dataclass(frozen=True)
class Benchmark:
    """One LA-year-indicator of reporting.rpt_indicator_benchmarks, as the page shows it."""

    region_name: str | None
    region: str | None  # published text
    neighbour_mean: str | None  # rounded half up to the indicator's decimal places
    rank: int | None
    ranked_areas: int | None


@dataclass(frozen=True)
class ReleaseData:
    la_values: dict[tuple[str, int, str], str | None]  # (la, year, indicator) -> value_published
    la_names: dict[str, str]
    dfe_values: dict[tuple[str, str, int, str], str | None]  # (level, la, year, indicator) -> value
    benchmarks: dict[tuple[str, int, str], Benchmark]


@dataclass(frozen=True)
class IndicatorView:
    text: IndicatorText
    anchor: str
    rows: list[YearRow]
    region_name: str
    rank_sentence: str | None
    chart: Chart
    chart_title: str
    chart_description: str


@dataclass(frozen=True)
class LaView:
    code: str
    name: str
    indicators: list[IndicatorView]


def render_summary(
    published_db: Path, out_path: Path, *, synthetic: bool, release_id: str, generated_note: str = ""
) -> Path:
    """Write the one-page summary of `published_db` (schemas reporting and reference) to `out_path`."""
    data = _read_release(published_db)
    years = sorted({year for (_, year, _) in data.la_values})
    las = [_la_view(code, data.la_names[code], years, data) for code in sorted(data.la_names)]
    html = (
        _environment()
        .get_template("summary.html.j2")
        .render(
            las=las,
            title_las=", ".join(la.name for la in las),
            first_year=_period(years[0]),
            last_year=_period(years[-1]),
            first_calendar_year=years[0],
            last_calendar_year=years[-1],
            synthetic=synthetic,
            banner=SYNTHETIC_BANNER,
            release_id=release_id,
            generated_note=generated_note,
            attribution=OGL_ATTRIBUTION,
            symbols=SYMBOLS,
            direction_tags=DIRECTION_TAGS,
        )
    )
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(html, encoding="utf-8")
    return out_path


def _read_release(published_db: Path) -> ReleaseData:
    """The LA values, names, DfE's published values and the benchmarks the page shows."""
    if not published_db.is_file():
        raise FileNotFoundError(
            f"Cannot write the summary: the published warehouse {published_db} does not exist"
        )
    indicator_ids = [t.indicator for t in INDICATORS]
    con = duckdb.connect(str(published_db), read_only=True)
    try:
        tables = {
            f"{schema}.{name}"
            for schema, name in con.execute(
                "select table_schema, table_name from information_schema.tables"
            ).fetchall()
        }
        if "reporting.rpt_indicators" not in tables:
            raise ValueError(
                f"Cannot write the summary: {published_db} has no reporting.rpt_indicators table"
            )
        la_rows = con.execute(
            """
            select old_la_code, la_name, time_period, indicator, value_published
            from reporting.rpt_indicators
            where geographic_level = 'Local authority' and breakdown_topic = 'Total' and breakdown = 'Total'
              and indicator in (select unnest(?::varchar[]))
            order by old_la_code, time_period, indicator
            """,
            [indicator_ids],
        ).fetchall()
        dfe_rows = []
        if "reference.dfe_published_indicators" in tables:
            dfe_rows = con.execute(
                """
                select geographic_level, coalesce(old_la_code, ''), time_period, indicator, value
                from reference.dfe_published_indicators
                where indicator in (select unnest(?::varchar[]))
                  and geographic_level in ('National', 'Local authority')
                order by 1, 2, 3, 4
                """,
                [indicator_ids],
            ).fetchall()
        benchmarks = _read_benchmarks(con, tables, indicator_ids)
    finally:
        con.close()
    if not la_rows:
        raise ValueError(
            f"Cannot write the summary: {published_db} has no local-authority Total indicator rows"
        )
    return ReleaseData(
        la_values={(str(la), int(year), ind): published for la, _, year, ind, published in la_rows},
        la_names={str(la): str(name) for la, name, *_ in la_rows},
        dfe_values={(level, str(la), int(year), ind): value for level, la, year, ind, value in dfe_rows},
        benchmarks=benchmarks,
    )


def _read_benchmarks(
    con: duckdb.DuckDBPyConnection, tables: set[str], indicator_ids: list[str]
) -> dict[tuple[str, int, str], Benchmark]:
    """Region, statistical-neighbour average and rank by (la, year, indicator); empty without the table."""
    if "reporting.rpt_indicator_benchmarks" not in tables:
        return {}
    with_definitions = "reporting.rpt_indicator_definitions" in tables
    places = "coalesce(d.decimal_places, 0)" if with_definitions else "0"
    definitions = "left join reporting.rpt_indicator_definitions d on d.indicator = b.indicator"
    rows = con.execute(
        f"""
        select b.old_la_code, b.time_period, b.indicator, b.region_name, b.region_value_published,
               b.neighbour_mean, {places}, b.rank_among_neighbours, b.ranked_areas
        from reporting.rpt_indicator_benchmarks b {definitions if with_definitions else ""}
        where b.indicator in (select unnest(?::varchar[]))
        order by 1, 2, 3
        """,
        [indicator_ids],
    ).fetchall()
    return {
        (str(la), int(year), ind): Benchmark(
            region_name=region_name,
            region=region,
            neighbour_mean=None if mean is None else _round_half_up(mean, int(places_)),
            rank=rank,
            ranked_areas=ranked_areas,
        )
        for la, year, ind, region_name, region, mean, places_, rank, ranked_areas in rows
    }


def _round_half_up(value: float, places: int) -> str:
    """A derived figure (a neighbour average) rounded as the indicator is published."""
    return str(Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _la_view(code: str, name: str, years: list[int], data: ReleaseData) -> LaView:
    views = []
    for text in INDICATORS:
        la = [data.la_values.get((code, year, text.indicator)) for year in years]
        england = [data.dfe_values.get(("National", "", year, text.indicator)) for year in years]
        la_dfe = [data.dfe_values.get(("Local authority", code, year, text.indicator)) for year in years]
        benchmarks = [data.benchmarks.get((code, year, text.indicator)) for year in years]
        rows = [
            YearRow(
                _period(year),
                _display(a),
                _display(e),
                _display(b.region if b else None),
                _display(b.neighbour_mean if b else None),
                _display(d),
            )
            for year, a, e, d, b in zip(years, la, england, la_dfe, benchmarks, strict=True)
        ]
        series = [("la", name, la)] + ([("england", "England", england)] if text.chart_england else [])
        region_name = next((b.region_name for b in reversed(benchmarks) if b and b.region_name), "Region")
        views.append(
            IndicatorView(
                text=text,
                anchor=f"la{code}-{text.indicator}",
                rows=rows,
                region_name=region_name,
                rank_sentence=_rank_sentence(name, years, benchmarks),
                chart=line_chart(years, series),
                chart_title=f"{text.label}: "
                + " and ".join(label for _, label, _ in series)
                + f", {_period(years[0])} to {_period(years[-1])}",
                chart_description=" ".join(
                    f"{label}: "
                    + ", ".join(f"{_period(y)} {_display(v)}" for y, v in zip(years, values, strict=True))
                    + "."
                    for _, label, values in series
                ),
            )
        )
    return LaView(code=code, name=name, indicators=views)


def _rank_sentence(name: str, years: list[int], benchmarks: list[Benchmark | None]) -> str | None:
    """The latest year's rank among the LA and its statistical neighbours, in words."""
    ranked = [(year, b) for year, b in zip(years, benchmarks, strict=True) if b and b.rank is not None]
    if not ranked:
        return None
    year, latest = ranked[-1]
    return (
        f"In {_period(year)}, {name} ranked {latest.rank} of {latest.ranked_areas} among itself and its "
        "statistical neighbours with a published figure (1 = best)."
    )


def _period(year: int) -> str:
    """DfE's reporting year 2025 is the year ending 31 March 2025, written 2024-25."""
    return f"{year - 1}-{year % 100:02d}"


def _number(published: str | None) -> float | None:
    """The plotted value of a published figure; symbols (c, x, z, low) plot nothing."""
    return float(published) if published is not None and PLAIN_NUMBER.fullmatch(published) else None


def _display(published: str | None) -> str:
    """A published figure as shown: thousands separated, symbols as published, a dash for none."""
    if not published:
        return NO_FIGURE
    if not PLAIN_NUMBER.fullmatch(published):
        return published
    whole, _, fraction = published.partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k at or above value: round axis tops."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 2, 2.5, 5, 10) if step * magnitude >= value)


def _tick_label(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def line_chart(years: list[int], series: list[tuple[str, str, list[str | None]]]) -> Chart:
    """Geometry of a small line chart, one line per (key, name, published values by year)."""
    numbers = [[_number(v) for v in values] for _, _, values in series]
    plotted = [n for values in numbers for n in values if n is not None]
    top = _nice_ceiling(max(plotted, default=0.0) * 1.05)
    plot_bottom = CHART_HEIGHT - CHART_BOTTOM
    plot_right = CHART_WIDTH - CHART_RIGHT
    step = (plot_right - CHART_LEFT) / max(len(years) - 1, 1)

    def x_at(i: int) -> float:
        return round(CHART_LEFT + step * i if len(years) > 1 else (CHART_LEFT + plot_right) / 2, 1)

    def y_at(value: float) -> float:
        return round(plot_bottom - (plot_bottom - CHART_TOP) * value / top, 1)

    lines = []
    for (key, name, values), nums in zip(series, numbers, strict=True):
        segments: list[list[Point]] = [[]]
        for i, (value, number) in enumerate(zip(values, nums, strict=True)):
            if number is None:
                segments.append([])
            else:
                segments[-1].append(
                    Point(x_at(i), y_at(number), f"{name} {_period(years[i])}: {_display(value)}")
                )
        lines.append(Series(key=key, name=name, segments=[s for s in segments if s]))
    return Chart(
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        plot_left=CHART_LEFT,
        plot_right=plot_right,
        y_ticks=[Tick(y_at(top * f), _tick_label(top * f)) for f in (0, 0.5, 1)],
        x_ticks=[Tick(x_at(i), _period(year)) for i, year in enumerate(years)],
        series=lines,
        empty=not plotted,
    )


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("flows", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
