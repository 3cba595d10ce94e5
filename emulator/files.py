"""Files known to the emulator: ids, download paths and bytes."""

from __future__ import annotations

import mimetypes
import secrets
from dataclasses import dataclass, field

# Sizes a phone camera photo arrives in; Telegram sends several PhotoSize objects, largest last.
PHOTO_SIZES = ((90, 68), (320, 240), (1280, 960))


@dataclass(frozen=True)
class StoredFile:
    """One stored file as getFile describes it."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes = field(repr=False)
    filename: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None

    def to_api(self) -> dict[str, object]:
        """Serialize as a Bot API File object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }

    def photo_size(self) -> dict[str, object]:
        """Serialize as a Bot API PhotoSize object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "width": self.width or 0,
            "height": self.height or 0,
            "file_size": len(self.data),
        }

    def document(self) -> dict[str, object]:
        """Serialize as a Bot API Document object."""
        out: dict[str, object] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.filename is not None:
            out["file_name"] = self.filename
        if self.mime_type is not None:
            out["mime_type"] = self.mime_type
        return out


def fake_jpeg(seed: int) -> bytes:
    """Small bytes that look like a JPEG (SOI, JFIF header, EOI) and differ per seed."""
    header = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    body = b"\xff\xfe\x00\x0eantt-emu" + seed.to_bytes(4, "big")
    return header + body + b"\xff\xd9"


class FileStore:
    """All files by file_id and by download path."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._counter = 0

    def get(self, file_id: str) -> StoredFile | None:
        """A file by its file_id."""
        return self._by_id.get(file_id)

    def by_path(self, file_path: str) -> StoredFile | None:
        """A file by the path getFile returned."""
        return self._by_path.get(file_path)

    def add_document(self, data: bytes, filename: str, mime_type: str | None = None) -> StoredFile:
        """Store a document."""
        # Uploads arrive as application/octet-stream; like Telegram, trust the file name first.
        mime = mimetypes.guess_type(filename)[0] or mime_type or "application/octet-stream"
        suffix = filename.rsplit(".", 1)[1] if "." in filename else "bin"
        return self._add("BQAC", data, f"documents/file_{{n}}.{suffix}", filename, mime)

    def add_photo(self, data: bytes | None = None) -> list[StoredFile]:
        """Store a photo in every size, smallest first; fake JPEG bytes when no data is given."""
        sizes: list[StoredFile] = []
        for width, height in PHOTO_SIZES:
            content = data if data is not None else fake_jpeg(self._counter + 1)
            sizes.append(
                self._add("AgAC", content, "photos/file_{n}.jpg", None, "image/jpeg", width, height)
            )
        return sizes

    def _add(
        self,
        prefix: str,
        data: bytes,
        path_pattern: str,
        filename: str | None,
        mime_type: str | None,
        width: int | None = None,
        height: int | None = None,
    ) -> StoredFile:
        self._counter += 1
        stored = StoredFile(
            file_id=prefix + secrets.token_urlsafe(24),
            file_unique_id="AQAD" + secrets.token_urlsafe(8),
            file_path=path_pattern.format(n=self._counter),
            data=data,
            filename=filename,
            mime_type=mime_type,
            width=width,
            height=height,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored
