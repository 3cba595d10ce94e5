"""Fault injection: make the next calls of a method fail, throttle or hang."""

from __future__ import annotations

import math
from dataclasses import dataclass

from emulator.errors import ApiError, server_error, too_many_requests

ANY_METHOD = "*"
UNTIL_ENDED = math.inf


@dataclass
class Fault:
    """What the next ``remaining`` calls of ``method`` get instead of a normal answer."""

    method: str
    status: int | None
    retry_after: int | None
    hang: float | None
    description: str | None
    remaining: float  # calls left to spoil (UNTIL_ENDED: every call until `Faults.end`)
    answered: int = 0  # calls spoiled so far

    def error(self) -> ApiError | None:
        """The error to answer with after any hang; None lets the call run normally."""
        if self.status is None:
            return None
        if self.status == 429:
            return too_many_requests(self.retry_after if self.retry_after is not None else 1)
        if self.status >= 500:
            return server_error(self.description or "Internal Server Error")
        return ApiError(self.status, self.description or f"Error {self.status}")


class Faults:
    """Registered faults, consumed in the order they were added."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(
        self,
        method: str,
        status: int | None = 500,
        *,
        retry_after: int | None = None,
        times: int = 1,
        hang: float | None = None,
        description: str | None = None,
    ) -> Fault:
        """Fail the next ``times`` calls of ``method`` ("*" for any).

        ``status`` 429 answers a flood wait with ``retry_after`` (default 1 s); 5xx answers a
        server error; ``hang`` delays the answer by that many seconds (``math.inf``: until the
        emulator stops) and with ``status=None`` then answers normally.
        """
        fault = Fault(method.lower(), status, retry_after, hang, description, times)
        self._faults.append(fault)
        return fault

    def rate_limit(self, method: str, retry_after: int, *, times: int = 1) -> Fault:
        """Answer 429 Too Many Requests with ``retry_after``."""
        return self.add(method, 429, retry_after=retry_after, times=times)

    def storm(self, method: str, status: int = 429, *, retry_after: int = 1) -> Fault:
        """Spoil every call of ``method`` (429 with ``retry_after`` by default) until
        ``end(fault)``: a sustained flood wait or outage. ``fault.answered`` counts the calls
        it spoiled, for tests that wait until the bot has tried N times."""
        fault = Fault(method.lower(), status, retry_after, None, None, UNTIL_ENDED)
        self._faults.append(fault)
        return fault

    def end(self, fault: Fault) -> None:
        """Stop a storm (or any fault) at once."""
        if fault in self._faults:
            self._faults.remove(fault)

    def clear(self) -> None:
        """Remove every fault."""
        self._faults.clear()

    def take(self, method: str) -> Fault | None:
        """Consume one use of the first fault matching ``method``."""
        name = method.lower()
        for fault in self._faults:
            if fault.method in (name, ANY_METHOD) and fault.remaining > 0:
                fault.remaining -= 1
                fault.answered += 1
                if fault.remaining == 0:
                    self._faults.remove(fault)
                return fault
        return None
