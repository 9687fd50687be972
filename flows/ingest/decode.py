"""Turn a CSV file's bytes into clean UTF-8 bytes before any parsing.

Works on bytes so that a well-formed UTF-8 file is never copied: encodings are detected and
converted explicitly (never guessed silently), a UTF-8 BOM is dropped and mixed line endings are
made uniform. Every change is returned as a note.
"""

from __future__ import annotations

from dataclasses import dataclass

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class FileRejected(Exception):
    """A whole file cannot be loaded; ``message`` says why and what to do, with no child-level data."""

    def __init__(self, message: str, table_name: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.table_name = table_name  # set when the table was recognised before the file was rejected


@dataclass(frozen=True)
class DecodedCsv:
    data: bytes  # UTF-8, no BOM
    notes: tuple[str, ...]


def decode_csv(raw: bytes, relative_path: str) -> DecodedCsv:
    """Check and normalise the encoding and line endings of one CSV file's bytes."""
    if not raw:
        raise FileRejected(f"{relative_path} is empty (0 bytes); supply the table's CSV with its header row")
    if raw.startswith(_UTF16_BOMS) or b"\x00" in raw:
        raise FileRejected(
            f"{relative_path} is saved as UTF-16 ('Unicode text'), which is not read; "
            "re-save it as 'CSV UTF-8' and run again"
        )
    notes: list[str] = []
    data = raw
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
        notes.append("bom_removed")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            data = data.decode("cp1252").encode("utf-8")
        except UnicodeDecodeError:
            raise FileRejected(
                f"{relative_path} is neither UTF-8 nor Windows-1252 text; re-save it as 'CSV UTF-8'"
            ) from None
        notes.append("decoded_cp1252")
    crlf = data.count(b"\r\n")
    if crlf and crlf != data.count(b"\n"):
        data = data.replace(b"\r\n", b"\n")
        notes.append("line_endings_normalised")
    return DecodedCsv(data, tuple(notes))
