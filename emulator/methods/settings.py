"""getMe, the command menu and webhook settings."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from emulator.errors import bad_request
from emulator.params import Params
from emulator.state import EmulatorState
from emulator.webhook import LOCAL_HOSTS, WebhookConfig

_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
DEFAULT_CONNECTIONS = 40


async def get_me(state: EmulatorState, params: Params) -> object:
    """getMe."""
    return {
        **state.bot.to_api(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def set_my_commands(state: EmulatorState, params: Params) -> object:
    """setMyCommands."""
    commands = params.json("commands", invalid="can't parse commands JSON object")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be an array of at most 100 BotCommand")
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("BOT_COMMAND_INVALID")
        if not _COMMAND.match(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        description = command.get("description")
        if not isinstance(description, str) or not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    state.commands[_scope_key(params)] = [
        {"command": command["command"], "description": command["description"]}
        for command in commands
    ]
    return True


async def get_my_commands(state: EmulatorState, params: Params) -> object:
    """getMyCommands."""
    return state.commands.get(_scope_key(params), [])


async def delete_my_commands(state: EmulatorState, params: Params) -> object:
    """deleteMyCommands."""
    state.commands.pop(_scope_key(params), None)
    return True


async def set_webhook(state: EmulatorState, params: Params) -> object:
    """setWebhook: from now on pending updates are POSTed to the URL (emulator/webhook.py)."""
    url = params.string("url") or ""
    if url and not url.startswith("https://") and not _local_http(url):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.string("secret_token")
    if secret is not None and _SECRET.fullmatch(secret) is None:
        raise bad_request("secret token contains unallowed characters")
    allowed = params.json("allowed_updates", invalid="can't parse allowed updates")
    if allowed is not None and not (
        isinstance(allowed, list) and all(isinstance(item, str) for item in allowed)
    ):
        raise bad_request("can't parse allowed updates")
    if params.flag("drop_pending_updates"):
        state.updates.drop_pending()
    if not url:
        await state.webhook.configure(None)
        return True
    state.updates.set_allowed(allowed)
    connections = params.integer("max_connections") or DEFAULT_CONNECTIONS
    await state.webhook.configure(
        WebhookConfig(
            url=url,
            secret_token=secret or None,
            max_connections=min(max(connections, 1), 100),
            has_custom_certificate=params.input_file("certificate") is not None,
        )
    )
    return True


async def delete_webhook(state: EmulatorState, params: Params) -> object:
    """deleteWebhook: deliveries stop; pending updates wait for getUpdates (unless dropped)."""
    if params.flag("drop_pending_updates"):
        state.updates.drop_pending()
    await state.webhook.configure(None)
    return True


async def get_webhook_info(state: EmulatorState, params: Params) -> object:
    """getWebhookInfo."""
    config = state.webhook_config
    info: dict[str, Any] = {
        "url": config.url if config is not None else "",
        "has_custom_certificate": config is not None and config.has_custom_certificate,
        "pending_update_count": len(state.updates.pending_ids()),
    }
    if config is not None:
        info["max_connections"] = config.max_connections
        if config.last_error_date is not None:
            info["last_error_date"] = config.last_error_date
            info["last_error_message"] = config.last_error_message
    if state.updates.allowed is not None:
        info["allowed_updates"] = sorted(state.updates.allowed)
    return info


def _local_http(url: str) -> bool:
    """Plain http to this machine: the emulator allows it (Telegram would not)."""
    parts = urlsplit(url)
    return parts.scheme == "http" and parts.hostname in LOCAL_HOSTS


def _scope_key(params: Params) -> tuple[str, int | None, str]:
    scope = params.json("scope", invalid="can't parse BotCommandScope JSON object")
    if scope is None:
        scope = {"type": "default"}
    if not isinstance(scope, dict) or not isinstance(scope.get("type"), str):
        raise bad_request("can't parse BotCommandScope JSON object")
    chat_id = scope.get("chat_id")
    return (
        scope["type"],
        chat_id if isinstance(chat_id, int) else None,
        params.string("language_code") or "",
    )
