"""Bot API request parameters from query, form, multipart or JSON bodies, coerced like Telegram."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from emulator.errors import bad_request

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    filename: str
    data: bytes = field(repr=False)
    content_type: str | None = None


class Params:
    """Typed access to one request's parameters.

    Form values arrive as strings (aiogram JSON-encodes nested objects), JSON bodies arrive typed;
    every getter accepts both. Each getter stores the decoded value back into ``values`` so the
    recorded call reads naturally in tests.
    """

    def __init__(self, values: dict[str, Any], files: dict[str, UploadedFile]) -> None:
        self.values = values
        self.files = files

    def has(self, name: str) -> bool:
        """True when the parameter was sent and is not empty."""
        return self.values.get(name) not in (None, "")

    def string(self, name: str) -> str | None:
        """A string parameter; numbers sent in JSON bodies are accepted like Telegram does."""
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            raise bad_request(f"{name} must be a string")
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    def integer(self, name: str, *, invalid: str | None = None) -> int | None:
        """An integer parameter; ``invalid`` is the description for a malformed value."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise bad_request(invalid or f"{name} must be an integer")
        try:
            number = int(value)
        except ValueError as exc:
            raise bad_request(invalid or f"{name} must be an integer") from exc
        self.values[name] = number
        return number

    def flag(self, name: str) -> bool:
        """A boolean parameter; absent means False."""
        value = self.values.get(name)
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return value != 0
        text = str(value).strip().lower()
        if text in _TRUE:
            self.values[name] = True
            return True
        if text in _FALSE:
            self.values[name] = False
            return False
        raise bad_request(f"{name} must be a boolean")

    def json(self, name: str, *, invalid: str | None = None) -> Any:
        """A JSON-serialized parameter (reply_markup, commands, ...); None when absent."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError as exc:
                raise bad_request(invalid or f"can't parse {name} JSON object") from exc
            self.values[name] = value
        return value

    def input_file(self, name: str) -> UploadedFile | str | None:
        """An InputFile: an uploaded part (directly or via ``attach://``), or a file_id / URL."""
        if name in self.files:
            return self.files[name]
        value = self.string(name)
        if value is None or value == "":
            return None
        if value.startswith("attach://"):
            attached = self.files.get(value.removeprefix("attach://"))
            if attached is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
            return attached
        return value


async def read_params(request: web.Request) -> Params:
    """Collect parameters from the query string and any supported body."""
    values: dict[str, Any] = dict(request.query)
    files: dict[str, UploadedFile] = {}
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError as exc:
                raise bad_request("can't parse JSON body") from exc
            if not isinstance(body, dict):
                raise bad_request("JSON body must be an object")
            values.update(body)
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, item in form.items():
                if isinstance(item, web.FileField):
                    files[key] = UploadedFile(
                        filename=item.filename or key,
                        data=item.file.read(),
                        content_type=item.content_type,
                    )
                    values[key] = f"<file {item.filename}>"
                elif isinstance(item, (bytes, bytearray)):
                    values[key] = bytes(item).decode("utf-8", "replace")
                else:
                    values[key] = item
    return Params(values, files)
