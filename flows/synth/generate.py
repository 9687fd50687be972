"""generate(): simulate an LA's children, cut its annual SSDA903 returns and write them in DfE's CSV
form (one file per table) or XML form (one document per return)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np

from flows.environment import SYNTHETIC_MARKER
from flows.ssda903_spec import TABLES
from flows.synth import calibration as cal
from flows.synth.codes import CodeLists
from flows.synth.config import SynthConfig, SynthResult
from flows.synth.corrections import add_corrections
from flows.synth.csvfile import CsvFile
from flows.synth.dolo import add_deprivation_of_liberty_orders
from flows.synth.faults import fault_manifest, inject_faults
from flows.synth.identifiers import child_ids, upn
from flows.synth.model import Child, year_end, year_start
from flows.synth.postcode_lookup import postcode_lookup_file
from flows.synth.rand import Stream
from flows.synth.reference import la_scale
from flows.synth.returns import DateText, ReturnCutter
from flows.synth.simulate import SimSettings, simulate
from flows.synth.xmlfile import XmlFile, xml_return

MANIFEST_FILE = "faults_manifest.json"
GENERATOR_VERSION = "1"
DEFAULT_CONFIG = SynthConfig()


def generate(out_dir: Path, config: SynthConfig = DEFAULT_CONFIG) -> SynthResult:
    """Write `<out_dir>/<la>/ssda903/<year>/<table>.csv` for every year (or, with file_format xml,
    `<year>/ssda903.xml`), the LA's postcode lookup `<out_dir>/<la>/reference/postcodes.csv` (every
    postcode the returns use) and the marker file.

    The same configuration always gives byte-identical files, and both forms hold the same rows. With
    `faults`, labelled defects are injected into a copy of the clean returns and listed in
    `faults_manifest.json`.
    """
    config = config.validated()
    out_dir = Path(out_dir)
    seeds = np.random.SeedSequence([config.seed, int(config.la_code)]).spawn(5)
    sim_rng, id_rng, cut_rng, fault_rng, dolo_rng = (np.random.default_rng(s) for s in seeds)

    children = simulate(_settings(config), Stream(sim_rng))
    add_deprivation_of_liberty_orders(children, Stream(dolo_rng))
    ordered = _identify(children, config.la_code, id_rng)
    fmt = DateText()
    add_corrections(ordered, config.years, Stream(cut_rng), fmt)
    codes = CodeLists.from_seed()
    files = [
        CsvFile.from_rows(
            f"{config.la_code}/ssda903/{year}/{table}.csv", table, year, TABLES[table].column_names, rows
        )
        for year in config.years
        for table, rows in ReturnCutter(codes, year, Stream(cut_rng), fmt).cut(ordered).items()
    ]
    lookup = postcode_lookup_file(files, config.la_code, config.seed)  # <la>/reference/: before faults
    faults = inject_faults(files, fault_rng, config.file_format) if config.faults else None
    if config.file_format == "xml":
        documents = {
            year: xml_return([f for f in files if f.year == year], config.la_code, year)
            for year in config.years
        }
        outputs: list[CsvFile | XmlFile] = list(documents.values())
        manifest = fault_manifest(faults, documents) if faults is not None else None
    else:
        outputs = list(files)
        manifest = fault_manifest(faults) if faults is not None else None
    result = _write(out_dir, config, outputs, manifest)
    lookup.write(out_dir)
    return result


def _settings(config: SynthConfig) -> SimSettings:
    first_year, last_year = config.years[0], config.years[-1]
    scale = config.size * la_scale(config.la_code)
    calibrated = sorted(cal.FIRST_ENTRIES_815)

    def per_year(table: dict[int, float], burn_in: float) -> dict[int, float]:
        out = {}
        for year in range(first_year - cal.BURN_IN_YEARS, last_year + 1):
            value = burn_in if year < calibrated[0] else table[min(year, calibrated[-1])]
            out[year] = value * scale
        return out

    return SimSettings(
        la_code=config.la_code,
        start=year_start(first_year - cal.BURN_IN_YEARS),
        horizon=year_end(last_year),
        first_entries=per_year(cal.FIRST_ENTRIES_815, cal.FIRST_ENTRIES_BURN_IN),
        uasc_entries=per_year(cal.UASC_ENTRIES_815, cal.UASC_ENTRIES_BURN_IN),
        short_break_starts=cal.SHORT_BREAK_CHILDREN_PER_YEAR * scale,
        size=scale,
    )


def _identify(children: list[Child], la_code: str, rng: np.random.Generator) -> list[Child]:
    """Give every child a CHILD id and a UPN; return the children in CHILD order (the files' order)."""
    stream = Stream(rng)
    for child, child_id in zip(children, child_ids(rng, len(children)), strict=True):
        child.child_id = child_id
        born = date.fromordinal(child.dob).year
        unknown = "UN4" if child.uasc and stream.chance(0.4) else ("UN1" if stream.chance(0.04) else "")
        child.upn = unknown or upn(stream, la_code, born + 5)
    return sorted(children, key=lambda c: c.child_id)


def _write(
    out_dir: Path, config: SynthConfig, files: list[CsvFile | XmlFile], manifest: list[dict] | None
) -> SynthResult:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {out_dir / f.rel_path for f in files}
    for year in config.years:
        folder = out_dir / config.la_code / "ssda903" / str(year)
        for stale in [*folder.glob("*.csv"), *folder.glob("*.xml")]:  # a year holds one form only
            if stale not in written:
                stale.unlink()
    paths = [f.write(out_dir) for f in files]
    (out_dir / SYNTHETIC_MARKER).write_text(_marker_text(config), encoding="utf-8")
    manifest_path = out_dir / MANIFEST_FILE
    if manifest is None:
        manifest_path.unlink(missing_ok=True)
    else:
        manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return SynthResult(
        out_dir=out_dir,
        files=paths,
        rows_written=sum(f.data_rows for f in files),
        manifest_path=manifest_path if manifest is not None else None,
    )


def _marker_text(config: SynthConfig) -> str:
    lines = [
        "SYNTHETIC DATA - NO REAL CHILDREN",
        "",
        "Every file in this folder was made by `csc-outcomes synth` (flows.synth, generator version "
        f"{GENERATOR_VERSION}).",
        "No record describes a real child, carer, social worker or place: identifiers, dates of birth,",
        "postcodes, URNs and social worker ids are random. Outputs built from these files must be",
        "labelled SYNTHETIC.",
        "",
        f"Configuration: {config.describe()}",
    ]
    if config.faults:
        lines.append(f"Labelled defects were injected on purpose; see {MANIFEST_FILE}.")
    return "\n".join(lines) + "\n"
