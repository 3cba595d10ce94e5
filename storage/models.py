"""Tables of the product: the unit tree, members, invites, reports, drafts, inbox and outbox."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from reports.records import REPORT_KINDS
from reports.work import TEAM_FIGURES
from storage.names import name_key, tidy
from storage.utc import UTCDateTime as UTCDateTime  # the migrations name it here
from storage.utc import utcnow as utcnow  # where most of the code has always taken it

# Stable constraint names so Alembic migrations read the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UTCDateTime, dict[str, Any]: JSON}


class Unit(Base):
    """A node of the tree: province, commune or ward, residential group, team (any depth)."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    # How lookups by name match, whatever the spelling (storage/names.py); kept with `name`.
    name_key: Mapped[str] = mapped_column(Text, index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    planned_size: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[dt.datetime | None]
    # A team's Telegram group, for reminders and team news (linked by the leader or an officer).
    group_chat_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)

    parent: Mapped[Unit | None] = relationship(remote_side=[id])

    @validates("name")
    def _keep_name_key(self, _field: str, name: str) -> str:
        self.name_key = name_key(name)
        return tidy(name)


class Member(Base):
    """A person using the bot, in one unit with one role."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    consent_at: Mapped[dt.datetime | None]
    joined_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    left_at: Mapped[dt.datetime | None]
    left_reason: Mapped[str | None] = mapped_column(String(200))
    invite_id: Mapped[int | None] = mapped_column(ForeignKey("invites.id"))
    # Telegram refused to deliver to this person (they blocked the bot); cleared when they write.
    blocked_at: Mapped[dt.datetime | None]
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    # The person's accounts (storage/accounts.py reads them by channel): Telegram's above (its
    # private chat has the account's id), Zalo's here with the chat it wrote from.
    zalo_user_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    zalo_chat_id: Mapped[str | None] = mapped_column(String(64))
    # Where notices go when the member has both accounts (None: the one they have, or Telegram).
    notify_channel: Mapped[str | None] = mapped_column(String(16))
    # The number was typed (a messenger without contact sharing), not shared by the contact
    # button nor put on the roster by the ward police: it proves nothing and matches no roster.
    phone_typed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    unit: Mapped[Unit] = relationship()

    @validates("full_name")
    def _tidy_name(self, _field: str, name: str) -> str:
        return tidy(name)


class Invite(Base):
    """A join link for one unit and role; only the hash of its code is kept."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    expires_at: Mapped[dt.datetime]
    uses_left: Mapped[int] = mapped_column(Integer)
    revoked_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    unit: Mapped[Unit] = relationship()


class Report(Base):
    """One piece of work a member logged: a good deed, a patrol, a call-out…"""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    team_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    occurred_on: Mapped[dt.date] = mapped_column(Date)
    occurred_at: Mapped[dt.datetime | None]
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    source_update_id: Mapped[int | None] = mapped_column(ForeignKey("inbox.id"), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    updated_at: Mapped[dt.datetime | None]

    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="report", order_by="Attachment.id", cascade="all, delete-orphan"
    )

    __table_args__ = (Index("ix_reports_team_kind_day", "team_id", "kind", "occurred_on"),)


class ReportChange(Base):
    """The audit trail: who changed or deleted a report, when, and what it said before."""

    __tablename__ = "report_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    action: Mapped[str] = mapped_column(String(16))
    before: Mapped[dict[str, Any]]
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class PoliceFigure(Base):
    """A figure only the police know (total tips received, "no reoffending"…), entered by an
    officer for one ward, one campaign figure and one stretch of days."""

    __tablename__ = "police_figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    campaign: Mapped[str] = mapped_column(String(64))
    figure: Mapped[str] = mapped_column(String(64))
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[dict[str, Any]]
    entered_by: Mapped[int] = mapped_column(ForeignKey("members.id"))
    entered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint(
            "ward_id", "campaign", "figure", "first_day", "last_day", name="uq_police_figures_entry"
        ),
    )


class Attachment(Base):
    """A file a member sent with a report, kept as the messenger's file id."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    file_id: Mapped[str] = mapped_column(String(256))

    report: Mapped[Report] = relationship(back_populates="attachments")


class Draft(Base):
    """A conversation in progress (joining, or a form), so it survives a restart."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    user_ref: Mapped[str] = mapped_column(String(64))
    flow: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]]
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (UniqueConstraint("channel", "user_ref", name="uq_drafts_channel_user"),)


class InboxUpdate(Base):
    """An update as the messenger delivered it, stored before its offset is confirmed."""

    __tablename__ = "inbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    update_id: Mapped[int] = mapped_column(BigInteger)
    chat_ref: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    handled_at: Mapped[dt.datetime | None]
    error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("channel", "update_id", name="uq_inbox_channel_update"),
        Index("ix_inbox_pending", "handled_at", "chat_ref"),
    )


REPLIES_OWED = "status = 'pending' AND kind = 'reply'"


class OutboxMessage(Base):
    """A message the product owes someone; the unique key makes sure it is sent once."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_ref: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    sent_at: Mapped[dt.datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # "reply" rows are sent by the chat's lane right after the update; "notice" rows (reminders,
    # digests) by the paced sender, not before `not_before`, claimed by one sender at a time.
    kind: Mapped[str] = mapped_column(String(16), default="reply", server_default="reply")
    not_before: Mapped[dt.datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[dt.datetime | None]
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    # Higher goes first: a call-out's alerts (1) before reminders and digests (0).
    priority: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (
        Index("ix_outbox_status_chat", "status", "chat_ref"),
        Index("ix_outbox_kind_status_not_before", "kind", "status", "not_before"),
        # A chat's replies not yet sent (storage/inbox.claim_next_in_chat asks before each
        # claim): only the rows owed now, so a reply leaves it once it is sent.
        Index(
            "ix_outbox_replies_owed",
            "chat_ref",
            "channel",
            postgresql_where=text(REPLIES_OWED),
            sqlite_where=text(REPLIES_OWED),
        ),
    )


class ScheduleMark(Base):
    """How far the scheduler has worked through one duty: every occurrence up to `done_until`
    has been enqueued (or dropped as no longer useful)."""

    __tablename__ = "schedule_marks"

    duty_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    done_until: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class YearlySubmission(Base):
    """A ward officer marked the ward's yearly report as sent: the deadline reminders stop."""

    __tablename__ = "yearly_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    year: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    submitted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("ward_id", "year"),)


class MemberHistory(Base):
    """What happened to a membership, kept when someone moves, changes role, leaves or is
    forgotten: the unit and role after the event, when, why, and who did it."""

    __tablename__ = "member_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    event: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    role: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(200))
    by_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class JoinRequest(Base):
    """Someone who opened an invite and consented, waiting for the team's leader or the ward
    police to approve (when the ward does not approve joins automatically)."""

    __tablename__ = "join_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    invite_id: Mapped[int] = mapped_column(ForeignKey("invites.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    consent_at: Mapped[dt.datetime]
    zalo_user_id: Mapped[str | None] = mapped_column(String(64), index=True)
    zalo_chat_id: Mapped[str | None] = mapped_column(String(64))
    phone_typed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    requested_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    decided_at: Mapped[dt.datetime | None]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("members.id"))


class WardSetting(Base):
    """A ward's own choices, such as approving join requests automatically, or how soon a
    call-out's alert comes again."""

    __tablename__ = "ward_settings"

    ward_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    auto_approve: Mapped[bool] = mapped_column(Boolean, default=True)
    # Minutes before a called member who has not answered is alerted again (twice at most).
    realert_minutes: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    # Minutes after which a call-out nobody closed is closed by the clock, with what was known.
    auto_close_minutes: Mapped[int] = mapped_column(Integer, default=120, server_default="120")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("members.id"))


class WardTarget(Base):
    """A target a ward set itself for an indicator its plan gives none (or gives as the ward's
    own): it replaces the campaign file's value in the ward's summaries, labelled as the ward's."""

    __tablename__ = "ward_targets"

    ward_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    campaign: Mapped[str] = mapped_column(String(64), primary_key=True)
    indicator: Mapped[str] = mapped_column(String(64), primary_key=True)
    target: Mapped[int] = mapped_column(Integer)
    set_by: Mapped[int] = mapped_column(ForeignKey("members.id"))
    set_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CallOut(Base):
    """A live call-out (huy động): who dispatched which kind of work where, and how it ended.
    `status` is "open" until the officer (or the clock) closes it."""

    __tablename__ = "call_outs"

    id: Mapped[int] = mapped_column(primary_key=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    dispatched_by: Mapped[int] = mapped_column(ForeignKey("members.id"))
    kind: Mapped[str] = mapped_column(String(16))
    place: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    note: Mapped[str | None] = mapped_column(String(300))
    dispatched_at: Mapped[dt.datetime]
    closed_at: Mapped[dt.datetime | None]
    outcome: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    # How it ended, besides the text: the officer's photos (file ids) and the people helped.
    outcome_photos: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    people_helped: Mapped[int | None] = mapped_column(Integer)
    # Closed by the clock after the ward's auto-close minutes, not by the officer.
    closed_automatically: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # The officer's status message, edited as answers come in.
    status_chat_ref: Mapped[str | None] = mapped_column(String(64))
    status_message_id: Mapped[int | None] = mapped_column(BigInteger)


class CallOutPerson(Base):
    """One member called: their answer (none, coming, late, declined), when they pressed it and
    when they said they were there, and how many alerts went to them."""

    __tablename__ = "call_out_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_out_id: Mapped[int] = mapped_column(ForeignKey("call_outs.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    team_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    answer: Mapped[str] = mapped_column(String(16), default="none")
    reason: Mapped[str | None] = mapped_column(String(32))
    answered_at: Mapped[dt.datetime | None]
    arrived_at: Mapped[dt.datetime | None]
    alerts_sent: Mapped[int] = mapped_column(Integer, default=0)
    last_alert_at: Mapped[dt.datetime | None]
    # Where the member was when they shared a location (live or not) during the call-out.
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    located_at: Mapped[dt.datetime | None]
    location_live: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # What the member added to their own record afterwards: a note, photos (file ids).
    note: Mapped[str | None] = mapped_column(Text)
    photos: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")

    __table_args__ = (UniqueConstraint("call_out_id", "member_id"),)


class AccountCode(Base):
    """A one-time code that ties an account to a member: "link" (shown to the member on one
    messenger, typed on the other) or "roster" (a roster registration claimed by a typed phone
    number: sent to the member's other account, or to the people who know them). Only the hash
    is kept; a code is used once, within its time, with a few wrong tries."""

    __tablename__ = "account_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(16))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), index=True)
    # The account that asked for a roster code (only it may type it).
    channel: Mapped[str | None] = mapped_column(String(16))
    user_ref: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    wrong_tries: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[dt.datetime | None]


class InviteAttempt(Base):
    """A wrong invite code someone typed; too many in a short time slow that person down."""

    __tablename__ = "invite_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    user_ref: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_invite_attempts_user_at", "channel", "user_ref", "at"),)


class AccessLogEntry(Base):
    """Who exported what and who opened a tip: personal data read in bulk or in confidence."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    subject: Mapped[str | None] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


# The stored counts: a column per figure of `reports.work.TeamWork` (TEAM_FIGURES) and per kind
# of report (REPORT_KINDS), made from those lists, so a new figure is named once, there (and
# given a migration: tests/test_storage.py compares the migrations with these tables).
TEAM_HALF_MONTHS = Table(
    "team_half_months",
    Base.metadata,
    Column("team_id", Integer, ForeignKey("units.id"), primary_key=True),
    Column("starts_on", Date, primary_key=True),
    *(Column(name, Integer, nullable=False, default=0) for name in TEAM_FIGURES),
)
# Keyed team, member, half-month: a province's summary adds up each member's half-months in
# this order, without sorting them first.
MEMBER_HALF_MONTHS = Table(
    "member_half_months",
    Base.metadata,
    Column("team_id", Integer, ForeignKey("units.id"), primary_key=True),
    Column("member_id", Integer, primary_key=True),
    Column("starts_on", Date, primary_key=True),
    *(Column(kind, Integer, nullable=False, default=0) for kind in REPORT_KINDS),
    Column("patrol_kinds", Integer, nullable=False, default=0),
)


class TeamHalfMonth(Base):
    """A team's active reports in one half-month (days 1–14 or 15–end), counted: what a
    province's summary adds up instead of reading every report. Kept in step with the reports
    by `storage/work_counts.py`; a column per figure of `reports.work.TeamWork`, in its order
    (read them as `TEAM_HALF_MONTHS.c[name]`)."""

    __table__ = TEAM_HALF_MONTHS

    team_id: Mapped[int]
    starts_on: Mapped[dt.date]


class MemberHalfMonth(Base):
    """The reports of one team a member took part in during one half-month, a column per kind
    of `reports.records.REPORT_KINDS`, and the kinds of patrol among them (`patrol_kinds`: a bit
    per kind in `reports.records.PATROL_KINDS` order). Not tied to `members` by a foreign key: a
    report's list of participants is what is counted."""

    __table__ = MEMBER_HALF_MONTHS

    team_id: Mapped[int]
    member_id: Mapped[int]
    starts_on: Mapped[dt.date]
    patrol_kinds: Mapped[int]


# --- download links (issue 17): files for a messenger that cannot send them (Zalo) ---
class SharedFile(Base):
    """A file kept for one person for a short while (24 h), to be downloaded from the bot's own
    HTTP server by a signed address; it belongs to one ward (a province user's own unit)."""

    __tablename__ = "shared_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    channel: Mapped[str] = mapped_column(String(16))
    chat_ref: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    # SHA-256 of the content (hex): a delivery retried hands out the same file again.
    digest: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)

    __table_args__ = (Index("ix_shared_files_chat_digest", "chat_ref", "digest"),)


# --- end of download links ---


class OfferedChoice(Base):
    """The buttons of a message to a chat on a messenger without buttons (Zalo), shown there as
    a numbered list, so that a typed "2" or "hom nay" can be read as the press of one: the
    message's outbox row, its buttons as the payload had them (`[[{label, action}]]`), whether
    it asked for a phone number, and from when the person sees it (a notice held for the
    morning: `shown_from`; None, at once). The newest shown row of a chat is its list."""

    __tablename__ = "offered_choices"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_ref: Mapped[str] = mapped_column(String(64))
    outbox_id: Mapped[int] = mapped_column(Integer)
    buttons: Mapped[list[list[dict[str, str]]]] = mapped_column(JSON)
    ask_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    shown_from: Mapped[dt.datetime | None]

    __table_args__ = (Index("ix_offered_choices_chat", "channel", "chat_ref"),)
