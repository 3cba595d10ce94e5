"""getMe, the command menu and webhook settings."""

from __future__ import annotations

import re
from typing import Any

from emulator.errors import bad_request
from emulator.params import Params
from emulator.state import EmulatorState

_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")


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
    """setWebhook: stored so getUpdates conflicts, but nothing is ever POSTed to it."""
    url = params.string("url") or ""
    if url and not url.startswith("https://"):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if params.flag("drop_pending_updates"):
        state.updates.drop_pending()
    state.webhook_url = url or None
    return True


async def delete_webhook(state: EmulatorState, params: Params) -> object:
    """deleteWebhook."""
    if params.flag("drop_pending_updates"):
        state.updates.drop_pending()
    state.webhook_url = None
    return True


async def get_webhook_info(state: EmulatorState, params: Params) -> object:
    """getWebhookInfo."""
    info: dict[str, Any] = {
        "url": state.webhook_url or "",
        "has_custom_certificate": False,
        "pending_update_count": len(state.updates.pending_ids()),
    }
    if state.updates.allowed is not None:
        info["allowed_updates"] = sorted(state.updates.allowed)
    return info


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
