"""How webhook processes hold a chat on PostgreSQL: the chat's oldest unhandled inbox row locked
`FOR UPDATE SKIP LOCKED`, against `pg_try_advisory_xact_lock` on the chat (storage/inbox.py,
`claim_next_in_chat`). Each "process" is a database engine of its own with its lanes: workers
that take a chat and handle its updates one transaction each (claim, a small write like a
handler's, commit) until the chat is empty or another holds it.

Two loads, each run with both ways, alternating, over an inbox holding 100,000 handled updates:
- many chats: 1,000 chats x 5 updates, 2 processes x 16 lanes (chats side by side);
- one busy chat: 400 updates of one chat, 2 processes x 8 lanes all asking for it.

`python -m bench chat-claims` (needs ANTT_BENCH_DATABASE_URL, a PostgreSQL it may empty)."""

from __future__ import annotations

import asyncio
import os
import time
from collections import deque
from dataclasses import dataclass

from sqlalchemy import func, select, text

from storage.database import Database
from storage.inbox import ChatLock, Delivered, claim_next_in_chat, store_updates
from storage.models import InboxUpdate, utcnow

CHANNEL = "telegram"
LOCKS: tuple[ChatLock, ...] = ("rows", "advisory")
HISTORY = 100_000


@dataclass(frozen=True)
class ClaimFigures:
    lock: ChatLock
    load: str
    handled: int
    seconds: float
    empty: int  # claims that got nothing: the chat was empty, or held by another
    out_of_order: int

    def line(self) -> str:
        return (
            f"{self.load:<14} {self.lock:<9} {self.handled / self.seconds:8.0f} updates/s "
            f"({self.handled} in {self.seconds:.2f} s; {self.empty} empty claims; "
            f"{self.out_of_order} out of order)"
        )


async def _reset(url: str, chats: int, per_chat: int) -> None:
    db = Database(url)
    async with db.engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await db.migrate()
    update_id = 0
    batch: list[Delivered] = []
    # A day's history first, handled, as a running bot's inbox holds it; then the load.
    async with db.write() as session:
        await session.execute(
            text(
                "INSERT INTO inbox (channel, update_id, chat_ref, payload, received_at, "
                "handled_at) SELECT 'telegram', -g, (1000 + g % 5000)::text, '{}', now(), now() "
                "FROM generate_series(1, :n) g"
            ),
            {"n": HISTORY},
        )
    for _ in range(per_chat):
        for chat in range(chats):
            update_id += 1
            batch.append(Delivered(update_id, str(1000 + chat), {"update_id": update_id}))
    async with db.write() as session:
        for start in range(0, len(batch), 2000):
            await store_updates(session, CHANNEL, batch[start : start + 2000])
    async with db.engine.begin() as connection:
        await connection.execute(text("ANALYZE inbox"))
    await db.dispose()


async def _process(
    url: str, lock: ChatLock, chats: deque[str], lanes: int, order: list[int], empty: list[int]
) -> int:
    db = Database(url)
    handled = 0

    async def lane() -> None:
        nonlocal handled
        while chats:
            chat = chats.popleft()
            while True:
                async with db.write() as session:
                    claimed = await claim_next_in_chat(session, CHANNEL, chat, utcnow(), lock)
                    if claimed is None:
                        empty[0] += 1
                        break
                    # what a handler writes, more or less: one small row
                    await session.execute(text("SELECT 1"))
                    order.append(int(claimed.payload["update_id"]))
                handled += 1

    await asyncio.gather(*(lane() for _ in range(lanes)))
    await db.dispose()
    return handled


async def _measure(
    url: str, lock: ChatLock, load: str, chats: int, per_chat: int, lanes: int, asks: int
) -> ClaimFigures:
    await _reset(url, chats, per_chat)
    # Each process gets every chat `asks` times over (a busy chat: all lanes ask for it).
    refs = [str(1000 + chat) for chat in range(chats)]
    queues = [deque(refs * asks) for _ in range(2)]
    order: list[int] = []
    empty = [0]
    started = time.perf_counter()
    counts = await asyncio.gather(
        *(_process(url, lock, queue, lanes, order, empty) for queue in queues)
    )
    seconds = time.perf_counter() - started
    db = Database(url)
    async with db.read() as session:
        left = await session.scalar(
            select(func.count()).select_from(InboxUpdate).where(InboxUpdate.handled_at.is_(None))
        )
    await db.dispose()
    assert left == 0, f"{left} updates left unhandled"
    assert sum(counts) == chats * per_chat
    # Per chat, ids must come in order: ids of one chat are chat-strided in _reset.
    last: dict[int, int] = {}
    out_of_order = 0
    for update_id in order:
        chat = (update_id - 1) % chats
        if last.get(chat, 0) > update_id:
            out_of_order += 1
        last[chat] = update_id
    return ClaimFigures(lock, load, sum(counts), seconds, empty[0], out_of_order)


async def _run(url: str, runs: int) -> list[ClaimFigures]:
    results: list[ClaimFigures] = []
    for _ in range(runs):
        for lock in LOCKS:
            results.append(await _measure(url, lock, "many chats", 1000, 5, 16, 1))
            results.append(await _measure(url, lock, "one busy chat", 1, 400, 8, 8))
    return results


def main(runs: int = 3) -> None:
    url = os.environ.get("ANTT_BENCH_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        raise SystemExit("set ANTT_BENCH_DATABASE_URL to a PostgreSQL database it may empty")
    results = asyncio.run(_run(url, runs))
    print(f"chat claims on PostgreSQL, 2 processes, median of {runs} runs")
    for load in ("many chats", "one busy chat"):
        for lock in LOCKS:
            mine = [r for r in results if r.load == load and r.lock == lock]
            best = sorted(mine, key=lambda r: r.handled / r.seconds)[len(mine) // 2]
            rates = ", ".join(f"{r.handled / r.seconds:.0f}" for r in mine)
            print(f"  {best.line()}  [runs: {rates}]")


if __name__ == "__main__":
    main()
