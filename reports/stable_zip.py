"""Office files (zip archives) made byte-for-byte repeatable: one fixed time on every entry."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo


def restamp(data: bytes, when: date) -> bytes:
    """The same archive with every entry dated `when` at midnight and fixed permissions."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = BytesIO()
    with ZipFile(BytesIO(data)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = ZipInfo(item.filename, date_time=stamp)
            entry.compress_type = ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(item.filename))
    return out.getvalue()
