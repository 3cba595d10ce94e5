"""A small client for Zalo's Bot API: `<api>/bot<TOKEN>/<method>`, a JSON body, and the answer
`{ok, result, error_code, description}` read into the result or a `ZaloApiError`.

The token is part of every address, so no address is ever put in a log line or an exception:
a failure names the method and the error's type only."""

from __future__ import annotations

from typing import Any

import aiohttp


class ZaloError(Exception):
    """Any failure of a Zalo call."""


class ZaloApiError(ZaloError):
    """Zalo answered, and refused: its `error_code` and `description`."""

    def __init__(self, error_code: int, description: str) -> None:
        super().__init__(f"{error_code}: {description}")
        self.error_code = error_code
        self.description = description


class ZaloNetworkError(ZaloError):
    """Zalo did not answer (connection, timeout): worth trying again."""


class ZaloClient:
    """One bot's calls; the HTTP session is opened on first use and closed by `close`."""

    def __init__(self, token: str, api_url: str, request_timeout: float = 30.0) -> None:
        self._base = f"{api_url.rstrip('/')}/bot{token}/"
        self.api_url = api_url.rstrip("/")
        self.request_timeout = request_timeout
        self._session: aiohttp.ClientSession | None = None

    async def call(
        self, method: str, params: dict[str, Any] | None = None, *, seconds: float | None = None
    ) -> Any:
        """`method` with `params` as its JSON body (None values left out); the result, or
        ZaloApiError / ZaloNetworkError. `seconds` bounds the HTTP call (default: the
        client's)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        limit = aiohttp.ClientTimeout(total=seconds or self.request_timeout)
        body = {name: value for name, value in (params or {}).items() if value is not None}
        try:
            async with self._session.post(self._base + method, json=body, timeout=limit) as answer:
                status = answer.status
                try:
                    data = await answer.json(content_type=None)
                except ValueError:
                    data = None
        except (TimeoutError, aiohttp.ClientError) as error:
            raise ZaloNetworkError(f"{method}: {type(error).__name__}") from None
        if not isinstance(data, dict):
            if status >= 500:
                raise ZaloNetworkError(f"{method}: HTTP {status}")
            raise ZaloApiError(status, f"HTTP {status}")
        if data.get("ok") is True:
            return data.get("result")
        code = data.get("error_code")
        description = data.get("description")
        raise ZaloApiError(
            code if isinstance(code, int) else status,
            description if isinstance(description, str) else "no description",
        )

    async def close(self) -> None:
        """Close the HTTP connections."""
        if self._session is not None:
            await self._session.close()
            self._session = None
