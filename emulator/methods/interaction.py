"""getUpdates, answerCallbackQuery and getFile: what the bot receives from users."""

from __future__ import annotations

from emulator.chats import Toast
from emulator.errors import bad_request, conflict
from emulator.params import Params
from emulator.state import EmulatorState
from emulator.transcript import toast_marker

QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


async def get_updates(state: EmulatorState, params: Params) -> object:
    """getUpdates with long polling."""
    if state.webhook_config is not None:
        raise conflict(
            "can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first"
        )
    limit = params.integer("limit") or 100
    timeout = params.integer("timeout") or 0
    allowed = params.json("allowed_updates")
    if allowed is not None and not (
        isinstance(allowed, list) and all(isinstance(item, str) for item in allowed)
    ):
        raise bad_request("can't parse allowed updates")
    return await state.updates.poll(
        params.integer("offset"), min(max(limit, 1), 100), max(timeout, 0), allowed
    )


async def answer_callback_query(state: EmulatorState, params: Params) -> object:
    """answerCallbackQuery: once per query, within the answer window."""
    query_id = params.string("callback_query_id") or ""
    record = state.callbacks.get(query_id)
    if record is None or record.answered or state.now() - record.created > state.callback_query_ttl:
        raise bad_request(QUERY_TOO_OLD)
    text = params.string("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answered = True
    chat = state.chats[record.chat_id]
    show_alert = params.flag("show_alert")
    chat.toasts.append(Toast(text or None, show_alert))
    if text:
        state.transcript.bot_event(chat.chat_id, "toast", toast_marker(text, show_alert))
    state.touch(chat)
    return True


async def get_file(state: EmulatorState, params: Params) -> object:
    """getFile for any file the emulator knows (user photos, documents, bot uploads)."""
    stored = state.files.get(params.string("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    return stored.to_api()
