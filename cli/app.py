"""Command line of antt-bot: run the bot, play the offline demo, migrate, administer units.

Each command imports what it uses when it runs: `antt-bot admin list` has no business loading
a messenger library, the forms or the report writers (tests/test_cli_start.py). Its annotations
are evaluated once, as Python reads them (no `from __future__ import annotations`): typer reads
every command's signature at each start, and string annotations would be compiled again for
each of them every time."""

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

if TYPE_CHECKING:
    from config.settings import Settings

app = typer.Typer(
    help="Trợ lý báo cáo của Tổ bảo vệ ANTT ở cơ sở.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals may hold the bot token
)
admin = typer.Typer(help="Units, invites and members (for the ward police).", no_args_is_help=True)
app.add_typer(admin, name="admin")

T = TypeVar("T")


def fail(message: str) -> typer.Exit:
    """Print one line to stderr; the caller raises the returned Exit."""
    typer.echo(f"antt-bot: {message}", err=True)
    return typer.Exit(code=2)


def settings_or_exit() -> "Settings":
    """The settings, or a one-line error naming the bad variable."""
    from config.settings import SettingsError, load_settings

    try:
        return load_settings()
    except SettingsError as error:
        raise fail(str(error)) from None


def run_async(work: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine, turning the product's configuration errors into one-line messages."""
    try:
        return asyncio.run(work())  # type: ignore[arg-type]
    except Exception as error:
        if not _is_configuration_error(error):
            raise
        raise fail(str(error)) from None


def _is_configuration_error(error: Exception) -> bool:
    """Bad settings or a bad form file (the forms' module is imported only once something
    failed: the commands that never load forms do not pay for it)."""
    from config.settings import SettingsError
    from handlers.forms.spec import FormFileError

    return isinstance(error, SettingsError | FormFileError)


@app.command()
def run(
    webhook: Annotated[
        bool,
        typer.Option(
            "--webhook",
            help="Take updates by webhook (ANTT_WEBHOOK_URL, ANTT_WEBHOOK_SECRET) instead of "
            "long polling; the same as ANTT_INTAKE=webhook",
        ),
    ] = False,
) -> None:
    """Run the bot by long polling, or by webhook (needs ANTT_BOT_TOKEN; on Zalo,
    ANTT_ZALO_TOKEN: ANTT_MESSENGERS says which)."""
    from bot.app import BotApp
    from bot.heap import leave_start_up_out_of_collections
    from bot.logs import configure_logging

    settings = settings_or_exit()
    if webhook:
        settings = settings.model_copy(update={"intake": "webhook"})
    token = settings.bot_token.get_secret_value() if settings.bot_token else ""
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    zalo_token = settings.zalo_token.get_secret_value() if settings.zalo_token else ""
    zalo_secret = (
        settings.zalo_webhook_secret.get_secret_value() if settings.zalo_webhook_secret else ""
    )
    configure_logging(settings.log_level, [token, secret, zalo_token, zalo_secret])

    async def serve() -> None:
        bot_app = BotApp(settings)
        await bot_app.start()
        leave_start_up_out_of_collections()
        try:
            await bot_app.wait()
        finally:
            await bot_app.stop()

    try:
        run_async(serve)
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)


@app.command()
def scheduler(
    once: Annotated[
        bool, typer.Option("--once", help="Queue what is due now, print it, and exit")
    ] = False,
) -> None:
    """Plan reminders and digests alone, beside `antt-bot run ANTT_SCHEDULER=separate`.

    It only queues what is due; the bot process delivers it. With PostgreSQL, several may run:
    one leads (an advisory lock), the others stand by."""
    from bot.heap import leave_start_up_out_of_collections
    from bot.logs import configure_logging
    from bot.telegram_shared import CHANNEL
    from chat.clock import SystemClock
    from scheduler.setup import build_scheduler
    from storage.database import Database
    from summaries.packages import configured_campaign

    settings = settings_or_exit()
    configure_logging(settings.log_level, [])

    async def work() -> None:
        campaign = configured_campaign(settings)
        db = Database(
            settings.database_url, settings.database_pool_size, settings.database_max_overflow
        )
        await db.migrate()
        service = build_scheduler(settings, campaign, db, SystemClock(settings.zone), CHANNEL)
        health = None  # -- operations (issue 16): /healthz, /readyz, /metrics (the leader) --
        if settings.health_port is not None and not once:
            from bot.health import HealthServer, health_routes
            from bot.metrics import SchedulerMetrics

            routes = health_routes(db, SchedulerMetrics(lambda: service.leading))
            health = HealthServer(routes, settings.health_host, settings.health_port)
            await health.start()
        try:
            if once:
                report = await service.runner.run_due()
                typer.echo(
                    f"{len(report.handled)} occurrences, {len(report.dropped)} dropped, "
                    f"{report.queued} notices queued"
                )
                return
            await service.start()
            leave_start_up_out_of_collections()
            for duty_id, moment in sorted(service.next_runs().items()):
                typer.echo(f"{duty_id}: next {moment}")
            await asyncio.Event().wait()
        finally:
            if health is not None:
                await health.stop()
            await service.stop()
            await db.dispose()

    try:
        run_async(work)
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)


@app.command()
def demo() -> None:
    """Play a scripted morning offline: emulator, real aiogram client, embedded SQLite."""
    from cli.demo import play_demo

    sys.exit(run_async(play_demo))


@app.command()
def migrate() -> None:
    """Bring the database schema up to date."""
    from storage.database import Database

    settings = settings_or_exit()

    async def work() -> None:
        path = settings.sqlite_path()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(settings.database_url)
        try:
            await db.migrate()
        finally:
            await db.dispose()

    run_async(work)
    typer.echo("schema up to date")


@app.command()
def export(
    unit: Annotated[str, typer.Option(help="The ward: id or exact name")],
    campaign: Annotated[str, typer.Option(help="Campaign id, e.g. yen-hoa-179")],
    period: Annotated[str, typer.Option(help="2026-11, year:2026, rating-year:2026, phase:Đợt 1")],
    formats: Annotated[
        str, typer.Option("--format", help="Comma-separated: xlsx, docx, png, txt (digest), csv")
    ] = "xlsx,docx,png,txt",
    out: Annotated[Path, typer.Option(help="Folder to write the files into")] = Path(),
) -> None:
    """Write a ward's summary files for a month, a phase or a year."""
    from cli.exports import ExportError, export_ward

    settings = settings_or_exit()
    try:
        written = export_ward(settings, unit, campaign, period, formats, out)
    except ExportError as error:
        raise fail(str(error)) from None
    for path in written:
        typer.echo(str(path))


@admin.command("add-unit")
def add_unit(
    name: Annotated[str, typer.Argument(help="Unit name, e.g. 'Tổ bảo vệ ANTT số 12'")],
    kind: Annotated[str, typer.Option(help="province, district, commune, residential_group, team")],
    parent: Annotated[str | None, typer.Option(help="Parent unit: id or exact name")] = None,
    planned_size: Annotated[int | None, typer.Option(help="Planned members of a team")] = None,
) -> None:
    """Add a unit to the tree."""
    from cli.units import add_unit_command

    typer.echo(run_admin(lambda s: add_unit_command(s, name, kind, parent, planned_size)))


@admin.command("invite")
def invite(
    unit: Annotated[str, typer.Option(help="Unit the invite joins: id or exact name")],
    role: Annotated[
        str, typer.Option(help="member, deputy, leader, officer, leadership, province, admin")
    ] = "member",
    uses: Annotated[int, typer.Option(help="How many people may join with it")] = 1,
    days: Annotated[int, typer.Option(help="Days before it expires")] = 7,
    qr_dir: Annotated[
        Path | None,
        typer.Option(help="Write a QR code PNG of each link (Telegram's, Zalo's) in this folder"),
    ] = None,
) -> None:
    """Create an invite for each messenger of ANTT_MESSENGERS: Telegram's link, Zalo's link and
    code (the code is shown once and stored only hashed)."""
    from cli.invites import invite_command

    typer.echo(run_admin(lambda s: invite_command(s, unit, role, uses, days, qr_dir)))


@admin.command("revoke-invite")
def revoke_invite(code: Annotated[str, typer.Argument(help="The invite code")]) -> None:
    """Stop an invite code from working."""
    from cli.invites import revoke_command

    typer.echo(run_admin(lambda s: revoke_command(s, code)))


@admin.command("list")
def list_units() -> None:
    """The unit tree with members and open invites."""
    from cli.listing import list_command

    typer.echo(run_admin(list_command))


@admin.command("import-roster")
def import_roster(
    file: Annotated[Path, typer.Argument(help="The roster: .xlsx or .csv, as the template")],
) -> None:
    """Import a ward's roster; bad rows are listed and nothing is imported until none is left."""
    from cli.roster_files import import_roster_command

    typer.echo(run_admin(lambda s: import_roster_command(s, file)))


@admin.command("export-roster")
def export_roster(
    unit: Annotated[str, typer.Option(help="The ward: id or exact name")],
    out: Annotated[Path, typer.Option(help="File to write: .xlsx or .csv")],
) -> None:
    """Write a ward's roster to a file (the export is logged)."""
    from cli.roster_files import export_roster_command

    typer.echo(run_admin(lambda s: export_roster_command(s, unit, out)))


@admin.command("roster-template")
def roster_template(
    out: Annotated[Path, typer.Argument(help="File to write")] = Path("roster.xlsx"),
) -> None:
    """Write the roster template (the same as config/templates/roster.xlsx)."""
    from cli.roster_files import roster_template_command

    typer.echo(roster_template_command(out))


@admin.command("forget-member")
def forget_member(
    member: Annotated[str, typer.Argument(help="Member id or phone number")],
) -> None:
    """Erase a person's personal data; their reports and the counts stay."""
    from cli.members import forget_member_command

    typer.echo(run_admin(lambda s: forget_member_command(s, member)))


@admin.command("recount-work")
def recount_work() -> None:
    """Count every active report again into the counts a province's summaries read."""
    from cli.work_counts import recount_work_command

    typer.echo(run_admin(recount_work_command))


# -- operations (issue 16): moving a ward's database --


@admin.command("copy-database")
def copy_database(
    source: Annotated[
        str, typer.Option("--from", help="The database to copy, e.g. sqlite:///data/antt.sqlite3")
    ],
    target: Annotated[
        str,
        typer.Option("--to", help="An empty database, e.g. postgresql+asyncpg://antt@db:5432/antt"),
    ],
) -> None:
    """Copy every row into a new, empty database (SQLite → PostgreSQL) and check they arrived.

    Stop the bot first. The target is migrated, filled in one transaction, then each table's
    row count and checksum are compared with the source's."""
    from cli.copy_database import CopyError, summary_lines
    from cli.copy_database import copy_database as copy

    try:
        checks = run_async(lambda: copy(source, target, typer.echo))
    except CopyError as error:
        raise fail(str(error)) from None
    for line in summary_lines(checks):
        typer.echo(line)
    if not all(check.arrived for check in checks):
        raise typer.Exit(code=1)


# -- end of operations --


def run_admin(command: Callable[["Settings"], Awaitable[str]]) -> str:
    """Run an admin command; its known errors become one line and exit code 2."""
    from cli.admin import AdminError

    settings = settings_or_exit()
    try:
        return run_async(lambda: command(settings))
    except AdminError as error:
        raise fail(str(error)) from None


if __name__ == "__main__":
    app()
