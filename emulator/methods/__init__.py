"""The Bot API methods the emulator implements, looked up case-insensitively like Telegram."""

from __future__ import annotations

from emulator.methods import editing, interaction, sending, settings
from emulator.methods.common import Handler

_HANDLERS: dict[str, Handler] = {
    "getMe": settings.get_me,
    "getUpdates": interaction.get_updates,
    "sendMessage": sending.send_message,
    "sendPhoto": sending.send_photo,
    "sendDocument": sending.send_document,
    "sendChatAction": sending.send_chat_action,
    "editMessageText": editing.edit_message_text,
    "editMessageCaption": editing.edit_message_caption,
    "editMessageReplyMarkup": editing.edit_message_reply_markup,
    "deleteMessage": editing.delete_message,
    "answerCallbackQuery": interaction.answer_callback_query,
    "getFile": interaction.get_file,
    "setMyCommands": settings.set_my_commands,
    "getMyCommands": settings.get_my_commands,
    "deleteMyCommands": settings.delete_my_commands,
    "setWebhook": settings.set_webhook,
    "deleteWebhook": settings.delete_webhook,
    "getWebhookInfo": settings.get_webhook_info,
}
_BY_LOWER = {name.lower(): (name, handler) for name, handler in _HANDLERS.items()}

METHOD_NAMES = tuple(_HANDLERS)


def lookup(method: str) -> tuple[str, Handler] | None:
    """Canonical name and handler of a method, or None when it is not implemented."""
    return _BY_LOWER.get(method.lower())


__all__ = ["METHOD_NAMES", "Handler", "lookup"]
