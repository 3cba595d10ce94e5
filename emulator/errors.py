"""Bot API errors in Telegram's wire shape."""

from __future__ import annotations


class ApiError(Exception):
    """A Bot API failure: HTTP status equals ``error_code``, as on api.telegram.org."""

    def __init__(self, status: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def to_payload(self) -> dict[str, object]:
        """Serialize as Telegram's error response body."""
        payload: dict[str, object] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            payload["parameters"] = {"retry_after": self.retry_after}
        return payload


def bad_request(detail: str) -> ApiError:
    """400 with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {detail}")


def forbidden(detail: str) -> ApiError:
    """403 with Telegram's "Forbidden: " prefix."""
    return ApiError(403, f"Forbidden: {detail}")


def unauthorized() -> ApiError:
    """401 for a wrong bot token."""
    return ApiError(401, "Unauthorized")


def not_found() -> ApiError:
    """404 for an unknown method."""
    return ApiError(404, "Not Found")


def conflict(detail: str) -> ApiError:
    """409, e.g. two getUpdates pollers or getUpdates while a webhook is set."""
    return ApiError(409, f"Conflict: {detail}")


def too_many_requests(retry_after: int) -> ApiError:
    """429 flood wait with ``parameters.retry_after``."""
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


def server_error(description: str = "Internal Server Error") -> ApiError:
    """5xx as Telegram reports it."""
    return ApiError(500, description)
