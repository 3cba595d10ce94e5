"""Process settings, read once from ANTT_* environment variables and an optional .env file."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    InstanceOf,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from config.quiet_hours import DEFAULT_QUIET_HOURS, QuietHours

ENV_PREFIX = "ANTT_"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/antt.sqlite3"

# What each variable expects, said once so every error line can name it.
EXPECTS: dict[str, str] = {
    "bot_token": "the token from @BotFather, such as 123456:ABC-DEF…",
    "database_url": "an SQLAlchemy async URL: sqlite+aiosqlite:///path or "
    "postgresql+asyncpg://user@host:5432/db",
    "database_pool_size": "PostgreSQL connections one process keeps open (1 to 200), such as 15",
    "database_max_overflow": "more PostgreSQL connections one process may open in a burst "
    "(0 to 200), such as 5",
    "telegram_api_url": "the base URL of a Bot API server, such as https://api.telegram.org",
    "timezone": "an IANA time zone name, such as Asia/Ho_Chi_Minh",
    "language": "vi or en",
    "bot_username": "the bot's @username without the @",
    "log_level": "DEBUG, INFO, WARNING or ERROR",
    "telegram_backend": "aiogram or ptb (python-telegram-bot)",
    "edit_window_hours": "a whole number of hours (0 to 720) a member may change a sent report",
    "campaign": "the id of a campaign file in config/campaigns, such as ha-noi-357",
    "scheduler": "in-bot (reminders and digests planned inside the bot process), separate "
    "(run `antt-bot scheduler` beside it) or off",
    "reminder_days": "days of the month for the good-deed reminder, such as 20,27",
    "reminder_time": "a local time HH:MM, such as 08:00",
    "digest_time": "a local time HH:MM, such as 08:00",
    "quiet_hours": "a local span HH:MM-HH:MM when nothing but call-outs is sent, such as "
    "21:00-07:00",
    "deadline_reminders": "days before the yearly deadline as DD/MM, such as "
    "01/11,05/11,08/11,09/11",
    "weekly_summary": "true or false: a weekly summary to team leaders",
    "weekly_summary_day": "the weekday of the weekly summary: mon, tue, wed, thu, fri, sat, sun",
    "send_per_second": "messages per second overall (Telegram allows about 30)",
    "chat_interval_seconds": "seconds between two messages to one person (Telegram: 1)",
    "group_per_minute": "messages per minute to one group (Telegram: 20)",
    "telegram_timeout_seconds": "seconds to wait for Telegram's answer to one call",
    # -- operations (issue 16): health and metrics --
    "health_host": "the address /healthz, /readyz and /metrics listen on, such as 127.0.0.1",
    "health_port": "a port for /healthz, /readyz and /metrics (1 to 65535); unset for none",
    # -- end of operations --
    # --- webhook intake (issue 16) ---
    "intake": "polling (long polling, the default) or webhook",
    "webhook_url": "the public HTTPS URL Telegram posts updates to, such as "
    "https://bot.example.vn/telegram (ports 443, 80, 88 or 8443)",
    "webhook_secret": "1 to 256 characters A-Z, a-z, 0-9, _ and -, sent back by Telegram in "
    "every request (make one with `openssl rand -hex 32`)",
    "webhook_host": "the address the webhook server listens on, such as 127.0.0.1 "
    "(behind a reverse proxy) or 0.0.0.0",
    "webhook_port": "the port the webhook server listens on (1 to 65535)",
    "webhook_max_body": "the largest request body accepted, in bytes (1024 to 16777216)",
    "webhook_max_connections": "how many requests at once Telegram may make (1 to 100)",
    "webhook_tls_cert": "the PEM certificate file, to serve HTTPS directly (uploaded with "
    "setWebhook)",
    "webhook_tls_key": "the PEM private key file of that certificate",
    # --- end of webhook intake ---
    # --- Zalo (issue 17) ---
    "messengers": "telegram, zalo, or both: telegram,zalo",
    "zalo_token": "the token Zalo Bot Manager gave the bot, such as 1234567890:AbCdEf…",
    "zalo_api_url": "the base URL of Zalo's Bot API, such as https://bot-api.zaloplatforms.com",
    "zalo_intake": "polling (getUpdates, the default) or webhook",
    "zalo_webhook_url": "the public HTTPS URL Zalo posts updates to, such as "
    "https://bot.example.vn/zalo",
    "zalo_webhook_secret": "8 to 256 characters A-Z, a-z, 0-9, _ and -, sent back by Zalo in "
    "X-Bot-Api-Secret-Token (make one with `openssl rand -hex 32`)",
    "zalo_webhook_port": "the port the Zalo webhook server listens on (1 to 65535), on "
    "ANTT_WEBHOOK_HOST",
    "zalo_bot_link": "the link that opens the Zalo bot, as Zalo Bot Manager shows it, such as "
    "https://zalo.me/1234567890123456789 (invites on Zalo show it and its QR code)",
    # --- end of Zalo ---
    # --- download links (issue 17) ---
    "public_url": "the public address of the bot's HTTP server, such as https://bot.example.vn "
    "(download links are <address>/files/…)",
    "download_secret": "at least 32 characters that sign download links (make one with "
    "`openssl rand -hex 32`)",
    # --- end of download links ---
}

MESSENGERS = ("telegram", "zalo")
# Zalo's rule for setWebhook's secret_token (its documentation: 8 to 256 characters).
ZALO_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{8,256}")
# Telegram's rule for setWebhook's secret_token.
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
# Hosts a webhook may be reached on over plain http: the emulator and tests only.
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
# What each public address refuses to be, when it is not https.
HTTPS_REFUSALS = {
    "webhook_url": "Telegram posts to https:// URLs only",
    "zalo_webhook_url": "Zalo posts to https:// URLs only",
    "public_url": "https:// only (http:// on 127.0.0.1 for tests)",
}
# Each messenger's rule for the secret it sends back with every webhook post.
WEBHOOK_SECRETS = {
    "webhook_secret": (WEBHOOK_SECRET, "1 to 256 characters A-Z, a-z, 0-9, _ and - only"),
    "zalo_webhook_secret": (ZALO_WEBHOOK_SECRET, "8 to 256 characters A-Z, a-z, 0-9, _ and - only"),
}

# A download link's signing secret: at least this many characters (--- download links ---).
DOWNLOAD_SECRET_MIN = 32

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def clock_time(text: str) -> dt.time:
    """ "08:00" as a time of day."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(f"{text!r} is not HH:MM")
    return dt.time(int(hours), int(minutes))


def day_month(text: str) -> tuple[int, int]:
    """ "09/11" as (day, month)."""
    day, sep, number = text.strip().partition("/")
    if not sep or not day.isdigit() or not number.isdigit():
        raise ValueError(f"{text!r} is not DD/MM")
    dt.date(2028, int(number), int(day))  # a real day of some year (29/02 included)
    return int(day), int(number)


DAYS_OF_MONTH = "each day must be 1 to 28"

# Each setting below is read from its text once, when the settings are loaded; a value given
# from Python already of its type is taken as it is.


def _days_of_month(value: object) -> object:
    """ "20,27" as (20, 27)."""
    if not isinstance(value, str):
        return value
    days = [part.strip() for part in value.split(",") if part.strip()]
    if not all(day.isdigit() for day in days):
        raise ValueError(DAYS_OF_MONTH)
    return tuple(int(day) for day in days)


def _in_every_month(days: tuple[int, ...]) -> tuple[int, ...]:
    """The days in order, each once; every one a day each month has."""
    if not days or not all(1 <= day <= 28 for day in days):
        raise ValueError(DAYS_OF_MONTH)
    return tuple(sorted(set(days)))


def _time_of_day(value: object) -> object:
    """ "08:00" as 08:00."""
    return clock_time(value) if isinstance(value, str) else value


def _quiet_span(value: object) -> object:
    """ "21:00-07:00" as quiet hours from 21:00 until 07:00."""
    if not isinstance(value, str):
        return value
    start, sep, end = value.partition("-")
    if not sep:
        raise ValueError("not HH:MM-HH:MM")
    return QuietHours(clock_time(start), clock_time(end))


def _days_of_year(value: object) -> object:
    """ "01/11,05/11" as ((1, 11), (5, 11)), in the order given."""
    if not isinstance(value, str):
        return value
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if not parts:
        raise ValueError("no day given")
    return tuple(day_month(part) for part in parts)


def _messengers(value: object) -> object:
    """ "telegram,zalo" as ("telegram", "zalo"): each once, in the order given."""
    if not isinstance(value, str):
        return value
    names = [part.strip().lower() for part in value.split(",") if part.strip()]
    unknown = [name for name in names if name not in MESSENGERS]
    if not names or unknown:
        raise ValueError(f"unknown messenger {unknown[0]!r}" if unknown else "none given")
    return tuple(dict.fromkeys(names))


def _zone(value: object) -> object:
    """ "Asia/Ho_Chi_Minh" as its time zone."""
    if not isinstance(value, str):
        return value
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError("unknown time zone") from error


# NoDecode: pydantic-settings would read a tuple's environment variable as JSON.
DaysOfMonth = Annotated[
    tuple[int, ...], NoDecode, BeforeValidator(_days_of_month), AfterValidator(_in_every_month)
]
TimeOfDay = Annotated[dt.time, BeforeValidator(_time_of_day)]
QuietSpan = Annotated[InstanceOf[QuietHours], NoDecode, BeforeValidator(_quiet_span)]
DaysOfYear = Annotated[tuple[tuple[int, int], ...], NoDecode, BeforeValidator(_days_of_year)]
TimeZone = Annotated[InstanceOf[ZoneInfo], BeforeValidator(_zone)]
Messengers = Annotated[
    tuple[Literal["telegram", "zalo"], ...], NoDecode, BeforeValidator(_messengers)
]


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line naming the variable."""


class Settings(BaseSettings):
    """Everything the process reads from its environment."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    bot_token: SecretStr | None = None
    database_url: str = DEFAULT_DATABASE_URL
    # PostgreSQL only: each process opens at most the sum (processes × it ≤ max_connections);
    # None: storage/database.POOL_SIZE and MAX_OVERFLOW (15 and 5).
    database_pool_size: int | None = Field(default=None, ge=1, le=200)
    database_max_overflow: int | None = Field(default=None, ge=0, le=200)
    telegram_api_url: str = "https://api.telegram.org"
    timezone: TimeZone = ZoneInfo("Asia/Ho_Chi_Minh")
    language: Literal["vi", "en"] = "vi"
    bot_username: str | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    telegram_backend: Literal["aiogram", "ptb"] = "aiogram"
    edit_window_hours: int = Field(default=24, ge=0, le=24 * 30)
    campaign: str = "ha-noi-357"
    poll_timeout_seconds: int = Field(default=25, ge=0, le=50)
    scheduler: Literal["in-bot", "separate", "off"] = "in-bot"
    reminder_days: DaysOfMonth = (20, 27)
    reminder_time: TimeOfDay = dt.time(8)
    digest_time: TimeOfDay = dt.time(8)
    quiet_hours: QuietSpan = DEFAULT_QUIET_HOURS
    deadline_reminders: DaysOfYear = ((1, 11), (5, 11), (8, 11), (9, 11))
    weekly_summary: bool = False
    weekly_summary_day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    send_per_second: float = Field(default=25.0, gt=0, le=30)
    chat_interval_seconds: float = Field(default=1.0, ge=0, le=60)
    group_per_minute: float = Field(default=20.0, gt=0, le=20)
    telegram_timeout_seconds: float = Field(default=30.0, gt=0, le=300)
    # -- operations (issue 16): health and metrics --
    # With long polling, a small server of their own answers there; the webhook server serves
    # the same routes on its own port. None: not served (one machine, the demo, the tests).
    health_host: str = "127.0.0.1"
    health_port: int | None = Field(default=None, ge=1, le=65535)
    # -- end of operations --

    # --- webhook intake (issue 16): how updates arrive; polling unless told otherwise ---
    intake: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_max_body: int = Field(default=1024 * 1024, ge=1024, le=16 * 1024 * 1024)
    webhook_max_connections: int = Field(default=40, ge=1, le=100)
    webhook_tls_cert: Path | None = None
    webhook_tls_key: Path | None = None

    def require_webhook(self) -> tuple[str, str]:
        """The webhook's URL and secret, or a SettingsError that says what is missing."""
        if self.webhook_url is None:
            raise SettingsError(
                f"{ENV_PREFIX}WEBHOOK_URL is not set: expected {EXPECTS['webhook_url']}"
            )
        if self.webhook_secret is None:
            raise SettingsError(
                f"{ENV_PREFIX}WEBHOOK_SECRET is not set: expected {EXPECTS['webhook_secret']}"
            )
        if (self.webhook_tls_cert is None) != (self.webhook_tls_key is None):
            raise SettingsError(
                f"{ENV_PREFIX}WEBHOOK_TLS_CERT and {ENV_PREFIX}WEBHOOK_TLS_KEY go together: "
                "set both to serve HTTPS directly, neither behind a reverse proxy"
            )
        return self.webhook_url, self.webhook_secret.get_secret_value()

    # --- end of webhook intake ---

    # --- Zalo (issue 17): which messengers the bot is on, and Zalo's bot ---
    messengers: Messengers = ("telegram",)
    zalo_token: SecretStr | None = None
    zalo_api_url: str = "https://bot-api.zaloplatforms.com"
    zalo_intake: Literal["polling", "webhook"] = "polling"
    zalo_webhook_url: str | None = None
    zalo_webhook_secret: SecretStr | None = None
    zalo_webhook_port: int = Field(default=8444, ge=1, le=65535)
    zalo_bot_link: str | None = None

    @field_validator("zalo_bot_link")
    @classmethod
    def _zalo_bot_link_https(cls, value: str | None) -> str | None:
        if value is None or value.strip() == "":
            return None
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.hostname or " " in value:
            raise ValueError("not an https:// link")
        return value

    @field_validator("messengers")
    @classmethod
    def _some_messenger(
        cls, value: tuple[Literal["telegram", "zalo"], ...]
    ) -> tuple[Literal["telegram", "zalo"], ...]:
        if not value:
            raise ValueError("none given")
        return value

    @field_validator("zalo_token")
    @classmethod
    def _zalo_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        bot_id, _, secret = value.get_secret_value().partition(":")
        if not bot_id.isdigit() or len(secret) < 3:
            raise ValueError("malformed token")
        return value

    def require_zalo_token(self) -> str:
        """Zalo's bot token, or a SettingsError that says how to provide it."""
        if self.zalo_token is None:
            raise SettingsError(
                f"{ENV_PREFIX}ZALO_TOKEN is not set: expected {EXPECTS['zalo_token']} "
                f"({ENV_PREFIX}MESSENGERS includes zalo)"
            )
        return self.zalo_token.get_secret_value()

    def require_zalo_webhook(self) -> tuple[str, str]:
        """Zalo's webhook URL and secret, or a SettingsError that says what is missing."""
        if self.zalo_webhook_url is None:
            raise SettingsError(
                f"{ENV_PREFIX}ZALO_WEBHOOK_URL is not set: expected {EXPECTS['zalo_webhook_url']}"
            )
        if self.zalo_webhook_secret is None:
            raise SettingsError(
                f"{ENV_PREFIX}ZALO_WEBHOOK_SECRET is not set: expected "
                f"{EXPECTS['zalo_webhook_secret']}"
            )
        return self.zalo_webhook_url, self.zalo_webhook_secret.get_secret_value()

    # --- end of Zalo ---

    # --- download links (issue 17): files for a messenger that cannot send them (Zalo) are
    # fetched from the bot's own HTTP server (the webhook's port, or ANTT_HEALTH_PORT) ---
    public_url: str | None = None
    download_secret: SecretStr | None = None

    @field_validator("download_secret")
    @classmethod
    def _download_secret_length(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < DOWNLOAD_SECRET_MIN:
            raise ValueError(f"shorter than {DOWNLOAD_SECRET_MIN} characters")
        return value

    def require_downloads(self) -> tuple[str, str]:
        """The public address and the signing secret of download links, or a SettingsError
        that says what is missing."""
        if self.public_url is None:
            raise SettingsError(
                f"{ENV_PREFIX}PUBLIC_URL is not set: expected {EXPECTS['public_url']}"
            )
        if self.download_secret is None:
            raise SettingsError(
                f"{ENV_PREFIX}DOWNLOAD_SECRET is not set: expected {EXPECTS['download_secret']}"
            )
        return self.public_url, self.download_secret.get_secret_value()

    # --- end of download links ---

    # Addresses and secrets other servers check: one rule each, whichever setting holds them.
    @field_validator("webhook_url", "zalo_webhook_url", "public_url")
    @classmethod
    def _public_https(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None or value == "":
            return None
        parts = urlsplit(value)
        local = parts.hostname in LOOPBACK
        if parts.scheme != "https" and not (parts.scheme == "http" and local):
            raise ValueError(HTTPS_REFUSALS[str(info.field_name)])
        if not parts.hostname or parts.query or parts.fragment:
            raise ValueError("not a plain URL")
        # A link's base loses its trailing slash; a webhook address is given as set.
        return value.rstrip("/") if info.field_name == "public_url" else value

    @field_validator("telegram_api_url", "zalo_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("not an http(s) URL")
        return value.rstrip("/")

    @field_validator("webhook_secret", "zalo_webhook_secret")
    @classmethod
    def _webhook_secret_shape(
        cls, value: SecretStr | None, info: ValidationInfo
    ) -> SecretStr | None:
        if value is None:
            return None
        rule, refusal = WEBHOOK_SECRETS[str(info.field_name)]
        if rule.fullmatch(value.get_secret_value()) is None:
            raise ValueError(refusal)
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("unsupported driver")
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
        """The local time zone of the wards served (ANTT_TIMEZONE)."""
        return self.timezone

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
