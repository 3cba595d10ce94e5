"""Group commit: transactions that come to the database at the same moment run one after
another in a single transaction and commit together.

SQLite takes one writer at a time, so concurrent updates' transactions queue for it anyway; what
each pays on its own is opening a session, BEGIN, COMMIT and the pages COMMIT writes to the
log (bench/RESULTS.md, throughput: a fifth of a text's CPU in a flood). Here the first to come
leads: it takes every body waiting, runs them in order in one transaction, commits once and
hands each its result. Nothing is seen outside before that commit, as before.

If any body raises (or the commit fails), the whole group is rolled back and each body runs
again in a transaction of its own, so one update's error is that update's alone, exactly as
without grouping. Bodies must therefore be safe to run twice, which `Database.transaction`
already asks of them (nothing done outside the database before they return)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")
Body = Callable[[AsyncSession], Awaitable[Any]]
Opening = Callable[[], AbstractAsyncContextManager[AsyncSession]]
Alone = Callable[[Body], Awaitable[Any]]

LARGEST_GROUP = 64  # a group's updates wait for its commit: bounded, so none waits long


class GroupCommit:
    """Bodies waiting for a transaction, run together by whichever came first."""

    def __init__(self, opening: Opening, alone: Alone) -> None:
        self._opening = opening  # a write transaction (the write lock taken)
        self._alone = alone  # one body in a transaction of its own (the fallback)
        self._waiting: list[tuple[Body, asyncio.Future[Any]]] = []
        self._leader: asyncio.Task[None] | None = None
        self.groups = 0  # transactions committed for more than one body (for the bench)
        self.grouped = 0  # bodies committed in them
        self.broken = 0  # groups rolled back for one body's error, each body then run alone

    async def run(self, body: Callable[[AsyncSession], Awaitable[T]]) -> T:
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._waiting.append((body, future))
        if self._leader is None or self._leader.done():
            self._leader = asyncio.create_task(self._lead())
        return await future

    async def _lead(self) -> None:
        while self._waiting:
            group = self._waiting[:LARGEST_GROUP]
            del self._waiting[:LARGEST_GROUP]
            group = [(body, future) for body, future in group if not future.done()]
            try:
                await self._commit(group)
            except BaseException as error:  # cancelled, or a bug here: nobody left hanging
                for _, future in group:
                    if not future.done():
                        future.set_exception(error)
                if isinstance(error, asyncio.CancelledError):
                    raise

    async def _commit(self, group: list[tuple[Body, asyncio.Future[Any]]]) -> None:
        if len(group) > 1:
            results: list[Any] = []
            try:
                async with self._opening() as session:
                    for body, _ in group:
                        results.append(await body(session))
            except Exception:  # rolled back: each runs again alone, below
                self.broken += 1
                results = []
            if results:
                self.groups += 1
                self.grouped += len(group)
                for (_, future), result in zip(group, results, strict=True):
                    if not future.done():
                        future.set_result(result)
                return
        for body, future in group:
            if future.done():
                continue
            try:
                result = await self._alone(body)
            except Exception as error:  # the caller's to handle, as without grouping
                if not future.done():
                    future.set_exception(error)
            else:
                if not future.done():
                    future.set_result(result)
