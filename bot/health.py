"""/healthz, /readyz and /metrics: what a load balancer, systemd or Prometheus asks a running bot.

`health_routes` gives the routes, so the webhook server mounts them on its own application;
with long polling, `HealthServer` serves them alone (ANTT_HEALTH_PORT). Answers are one line of
plain text; a reason names an error's type, never its text (which may carry a connection URL)."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot.metrics import Scraped
from storage.database import Database, head_revisions

log = logging.getLogger(__name__)
# How long /readyz waits for the database before calling it unreachable.
READY_TIMEOUT_SECONDS = 5.0


async def readiness(
    db: Database, expected: frozenset[str], within: float = READY_TIMEOUT_SECONDS
) -> str | None:
    """None when the database answers within `within` seconds and its schema is at `expected`
    (this code's newest migrations); else the reason, one line."""
    try:
        current = await asyncio.wait_for(db.revisions(), within)
    except TimeoutError:
        return f"database not answering within {within:.0f} s"
    except Exception as error:
        return f"database unreachable ({type(error).__name__})"
    if current != expected:
        found = ", ".join(sorted(current)) or "none"
        return (
            f"migrations not current: the database is at {found}, this code needs "
            f"{', '.join(sorted(expected))} (run `antt-bot migrate`)"
        )
    return None


def health_routes(db: Database, metrics: Scraped | None = None) -> list[web.RouteDef]:
    """GET /healthz (the process answers), /readyz (it can work), /metrics (if given)."""
    expected = head_revisions()  # the code does not change while it runs

    async def healthz(_request: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def readyz(_request: web.Request) -> web.Response:
        reason = await readiness(db, expected)
        if reason is not None:
            return web.Response(status=503, text=f"not ready: {reason}\n")
        return web.Response(text="ready\n")

    routes = [web.get("/healthz", healthz), web.get("/readyz", readyz)]
    if metrics is not None:

        async def metrics_page(_request: web.Request) -> web.Response:
            body = await metrics.scrape()
            return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

        routes.append(web.get("/metrics", metrics_page))
    return routes


class HealthServer:
    """The health routes on a port of their own (long polling has no web server)."""

    def __init__(self, routes: list[web.RouteDef], host: str, port: int) -> None:
        self.app = web.Application()
        self.app.add_routes(routes)
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        if self.port == 0 and self._runner.addresses:  # a free port was asked for (tests)
            self.port = int(self._runner.addresses[0][1])
        log.info("health and metrics on http://%s:%d", self.host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
