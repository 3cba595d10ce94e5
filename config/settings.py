"""Process settings, read once from ANTT_* environment variables and an optional .env file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "ANTT_"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/antt.sqlite3"

# What each variable expects, said once so every error line can name it.
EXPECTS: dict[str, str] = {
    "bot_token": "the token from @BotFather, such as 123456:ABC-DEF…",
    "database_url": "an SQLAlchemy async URL: sqlite+aiosqlite:///path or "
    "postgresql+asyncpg://user@host:5432/db",
    "telegram_api_url": "the base URL of a Bot API server, such as https://api.telegram.org",
    "timezone": "an IANA time zone name, such as Asia/Ho_Chi_Minh",
    "language": "vi or en",
    "bot_username": "the bot's @username without the @",
    "log_level": "DEBUG, INFO, WARNING or ERROR",
    "telegram_backend": "aiogram or ptb (python-telegram-bot)",
    "edit_window_hours": "a whole number of hours (0 to 720) a member may change a sent report",
    "campaign": "the id of a campaign file in config/campaigns, such as ha-noi-357",
}


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line naming the variable."""


class Settings(BaseSettings):
    """Everything the process reads from its environment."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    bot_token: SecretStr | None = None
    database_url: str = DEFAULT_DATABASE_URL
    telegram_api_url: str = "https://api.telegram.org"
    timezone: str = "Asia/Ho_Chi_Minh"
    language: Literal["vi", "en"] = "vi"
    bot_username: str | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    telegram_backend: Literal["aiogram", "ptb"] = "aiogram"
    edit_window_hours: int = Field(default=24, ge=0, le=24 * 30)
    campaign: str = "ha-noi-357"
    poll_timeout_seconds: int = Field(default=25, ge=0, le=50)

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("unsupported driver")
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("not an http(s) URL")
        return value.rstrip("/")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError("unknown time zone") from error
        return value

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        bot_id, _, secret = value.get_secret_value().partition(":")
        if not bot_id.isdigit() or len(secret) < 3:
            raise ValueError("malformed token")
        return value

    @property
    def zone(self) -> ZoneInfo:
        """The local time zone of the wards served."""
        return ZoneInfo(self.timezone)

    def require_token(self) -> str:
        """The bot token, or a SettingsError that says how to provide it."""
        if self.bot_token is None:
            raise SettingsError(
                f"{ENV_PREFIX}BOT_TOKEN is not set: expected {EXPECTS['bot_token']} "
                "(or run `make demo`, which needs no token)"
            )
        return self.bot_token.get_secret_value()

    def sqlite_path(self) -> Path | None:
        """The database file when the database is SQLite, so its folder can be created."""
        prefix = "sqlite+aiosqlite:///"
        if not self.database_url.startswith(prefix):
            return None
        rest = self.database_url.removeprefix(prefix)
        return None if rest in ("", ":memory:") else Path(rest)


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning pydantic's report into one line per bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        expected = EXPECTS.get(field, first["msg"])
        reason = str(first["msg"]).removeprefix("Value error, ")
        raise SettingsError(
            f"{ENV_PREFIX}{field.upper()} is invalid ({reason}): expected {expected}"
        ) from None
