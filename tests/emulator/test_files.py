"""Documents and photos in both directions, getFile and downloads."""

import asyncio

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile

from emulator import TelegramEmulator
from emulator.files import fake_jpeg

CHAT = 1001


async def test_send_document_arrives_with_name_and_bytes(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    phone = emulator.phone(CHAT)
    data = "Ngày,Sự việc\n01/02,Trộm cắp\n".encode()
    sent = await bot.send_document(
        CHAT, BufferedInputFile(data, filename="bao_cao.csv"), caption="Báo cáo tuần"
    )
    assert sent.document is not None
    assert sent.document.file_name == "bao_cao.csv"
    assert sent.document.mime_type == "text/csv"
    assert sent.caption == "Báo cáo tuần"
    document = phone.last.document
    assert document is not None
    assert (document.filename, document.data) == ("bao_cao.csv", data)
    assert phone.last.text == "Báo cáo tuần"

    # Resending by file_id reuses the stored file.
    again = await bot.send_document(CHAT, sent.document.file_id)
    assert again.document is not None
    assert again.document.file_id == sent.document.file_id
    assert phone.last.document is not None
    assert phone.last.document.data == data


async def test_large_upload(emulator: TelegramEmulator, bot: Bot) -> None:
    phone = emulator.phone(CHAT)
    data = bytes(range(256)) * 8192  # 2 MiB, above aiohttp's default body limit
    await bot.send_document(CHAT, BufferedInputFile(data, filename="big.bin"))
    assert phone.last.document is not None
    assert phone.last.document.data == data


async def test_send_photo_upload_then_by_file_id(emulator: TelegramEmulator, bot: Bot) -> None:
    phone = emulator.phone(CHAT)
    first = await bot.send_photo(CHAT, BufferedInputFile(fake_jpeg(1), filename="a.jpg"))
    assert first.photo is not None
    largest = first.photo[-1]
    assert phone.last.photo == largest.file_id

    second = await bot.send_photo(
        CHAT, largest.file_id, caption="<b>Hiện trường</b>", parse_mode="HTML"
    )
    assert second.photo is not None
    assert second.photo[-1].file_id == largest.file_id
    assert second.caption == "Hiện trường"
    assert phone.last.text_plain == "Hiện trường"

    with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
        await bot.send_photo(CHAT, "no-such-file-id")


async def test_user_photo_can_be_downloaded(emulator: TelegramEmulator, bot: Bot) -> None:
    phone = emulator.phone(CHAT)
    sending = asyncio.create_task(phone.send_photo(caption="ảnh vụ việc", expect=0))
    [update] = await bot.get_updates(timeout=2)
    await sending
    assert update.message is not None
    assert update.message.photo is not None
    assert update.message.caption == "ảnh vụ việc"
    file_id = update.message.photo[-1].file_id
    assert file_id == phone.last_file_id

    file = await bot.get_file(file_id)
    assert file.file_path is not None
    downloaded = await bot.download(file_id)
    assert downloaded is not None
    content = downloaded.read()
    assert content.startswith(b"\xff\xd8") and content.endswith(b"\xff\xd9")
    assert file.file_size == len(content)


async def test_user_document_can_be_downloaded(emulator: TelegramEmulator, bot: Bot) -> None:
    phone = emulator.phone(CHAT)
    sending = asyncio.create_task(phone.send_document("so_lieu.txt", b"123", expect=0))
    [update] = await bot.get_updates(timeout=2)
    await sending
    assert update.message is not None
    assert update.message.document is not None
    assert update.message.document.file_name == "so_lieu.txt"
    downloaded = await bot.download(update.message.document.file_id)
    assert downloaded is not None
    assert downloaded.read() == b"123"


async def test_get_file_unknown_id(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="invalid file_id"):
        await bot.get_file("nope")
