"""SSDA903 ingest: find an LA's extracts, type every cell once, quarantine what is wrong.

One CSV file goes through: ``discover`` (LA and year from the folder) -> ``decode`` (bytes: encoding,
BOM, line endings) -> ``split`` (pyarrow CSV reader: text columns, Excel row numbers) ->
``recognise`` (table from the header) -> ``cells`` (trim, blank rows, placeholders) ->
``typed_rows`` with ``convert`` (typing and checks, vectorised in Arrow) and ``reasons`` (words for
the failed cells only) -> ``load`` (DuckDB: raw rows, quarantine, load log). An XML return is
streamed by ``xml_return`` into the same text columns, one table at a time, and joins the CSV path
at ``cells``. ``prepare`` groups the steps that need no database; ``batch`` runs a folder with
worker threads and one writer.

Core functions take a DuckDB connection and never need Prefect; the task wrappers are in
``flows.ingest.tasks``.
"""

from flows.ingest.batch import ingest_extracts, reject_mixed_forms, reject_repeated_tables
from flows.ingest.code_lists import CodeListError, CodeLists, load_code_lists
from flows.ingest.discover import discover_extracts
from flows.ingest.load import load_file
from flows.ingest.models import DiscoveryProblem, ExtractFile, FileLoad, IngestSummary
from flows.ingest.raw_schema import create_raw_tables

__all__ = [
    "CodeListError",
    "CodeLists",
    "DiscoveryProblem",
    "ExtractFile",
    "FileLoad",
    "IngestSummary",
    "create_raw_tables",
    "discover_extracts",
    "ingest_extracts",
    "load_code_lists",
    "load_file",
    "reject_mixed_forms",
    "reject_repeated_tables",
]
