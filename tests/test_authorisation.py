"""The authorisation matrix, through the bot: every command and officer view × every role ×
the person's own unit, a sibling unit and the parent unit, allowed or refused as the rule book
says. Buttons are pressed with forged data, as a tampered client could send them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from emulator.server import TelegramEmulator
from storage.models import Member, Unit
from storage.units import add_unit
from tests.waiting import eventually
from tests.ward import Ward

ROLES = ("member", "deputy", "leader", "officer", "leadership", "province", "admin")
REFUSED = "Không tìm thấy mục này, hoặc đồng chí không có quyền"


@dataclass
class Tree:
    """Hà Nội → Yên Hòa (Tổ 12, Tổ 7) and Trung Hòa (Tổ 1); Bắc Ninh → Võ Cường (Tổ 2).
    One member in each team, one in the leadership of Yên Hòa."""

    units: dict[str, int]
    members: dict[str, int]
    team_in: dict[str, str]

    def relatives(self, role: str) -> dict[str, str]:
        """own, sibling and parent unit of someone with `role` (province roles have no parent)."""
        if role in ("member", "deputy", "leader"):
            return {"own": "Tổ 12", "sibling": "Tổ 7", "parent": "Yên Hòa"}
        if role in ("officer", "leadership"):
            return {"own": "Yên Hòa", "sibling": "Trung Hòa", "parent": "Hà Nội"}
        return {"own": "Hà Nội", "sibling": "Bắc Ninh"}


# For the police and the province, a unit → the team, ward and member a view about it names:
# the unit itself when it is of that kind, else one inside it outside the person's own unit.
TEAM_IN = {"Yên Hòa": "Tổ 12", "Trung Hòa": "Tổ 1", "Hà Nội": "Tổ 1", "Bắc Ninh": "Tổ 2"}
WARD_IN = {"Tổ 12": "Yên Hòa", "Tổ 7": "Yên Hòa", "Hà Nội": "Trung Hòa", "Bắc Ninh": "Võ Cường"}


async def make_tree(ward: Ward) -> Tree:
    async with ward.db.write() as session:
        yen_hoa = await session.get(Unit, ward.ward_id)
        assert yen_hoa is not None
        ha_noi = await add_unit(session, "Hà Nội", "province")
        yen_hoa.parent_id = ha_noi.id
        trung_hoa = await add_unit(session, "Trung Hòa", "commune", ha_noi)
        team_1 = await add_unit(session, "Tổ 1", "team", trung_hoa)
        bac_ninh = await add_unit(session, "Bắc Ninh", "province")
        vo_cuong = await add_unit(session, "Võ Cường", "commune", bac_ninh)
        team_2 = await add_unit(session, "Tổ 2", "team", vo_cuong)
        units = {
            "Hà Nội": ha_noi.id,
            "Yên Hòa": ward.ward_id,
            "Tổ 12": ward.team_id,
            "Tổ 7": ward.other_team_id,
            "Trung Hòa": trung_hoa.id,
            "Tổ 1": team_1.id,
            "Bắc Ninh": bac_ninh.id,
            "Võ Cường": vo_cuong.id,
            "Tổ 2": team_2.id,
        }
        members = {}
        for team in ("Tổ 12", "Tổ 7", "Tổ 1", "Tổ 2"):
            person = Member(full_name=f"Người {team}", role="member", unit_id=units[team])
            session.add(person)
            await session.flush()
            members[team] = person.id
        clerk = Member(full_name="Cán bộ Yên Hòa", role="leadership", unit_id=ward.ward_id)
        session.add(clerk)
        await session.flush()
        members["Yên Hòa"] = clerk.id
    return Tree(units, members, dict(TEAM_IN))


def page(tree: Tree, unit: str) -> str:
    kind = "t" if unit.startswith("Tổ") else "w"
    return f"o:{kind}:{tree.units[unit]}"


VIEWS: dict[str, Callable[[Tree, str], str]] = {
    "unit page": page,
    "join requests": lambda tree, unit: f"o:jr:{tree.units[unit]}",
    "new team": lambda tree, unit: f"o:nt:{tree.units[unit]}",
    "invite a member": lambda tree, unit: f"o:i:{tree.units[tree.team_in.get(unit, unit)]}:member",
    "invite a leader": lambda tree, unit: f"o:i:{tree.units[tree.team_in.get(unit, unit)]}:leader",
    "export roster": lambda tree, unit: f"o:x:{tree.units[WARD_IN.get(unit, unit)]}",
    "member card": lambda tree, unit: f"o:m:{tree.members[tree.team_in.get(unit, unit)]}",
    "member's roles": lambda tree, unit: f"o:rl:{tree.members[tree.team_in.get(unit, unit)]}",
    "planned size": lambda tree, unit: f"o:sz:{tree.units[tree.team_in.get(unit, unit)]}:4",
    "tips to review": lambda tree, unit: f"o:vl:{tree.units[WARD_IN.get(unit, unit)]}:t:w:0",
}
# view → role → the relatives where the view is allowed; every other cell is refused.
ALLOWED: dict[str, dict[str, set[str]]] = {
    "unit page": {"deputy": {"own"}, "leader": {"own"}, "officer": {"own"}},
    "join requests": {"deputy": {"own"}, "leader": {"own"}, "officer": {"own"}, "admin": {"own"}},
    "new team": {"officer": {"own"}},
    "invite a member": {
        "deputy": {"own"},
        "leader": {"own"},
        "officer": {"own"},
        "admin": {"own"},
    },
    "invite a leader": {"officer": {"own"}, "admin": {"own"}},
    "export roster": {"officer": {"own"}, "admin": {"own"}},
    "member card": {"officer": {"own"}, "admin": {"own"}},
    "member's roles": {"officer": {"own"}, "admin": {"own"}},
    "planned size": {"officer": {"own"}, "admin": {"own"}},
    "tips to review": {"officer": {"own"}},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", sorted(VIEWS))
async def test_officer_views_by_role_and_unit(
    emulator: TelegramEmulator, ward: Ward, view: str, role: str
) -> None:
    tree = await make_tree(ward)
    relatives = tree.relatives(role)
    if role in ("member", "deputy", "leader"):
        tree.team_in = {}  # their parent is the ward itself, not a team of it
    phone = emulator.phone(user_id=3000, first_name="Người dùng")
    await ward.person(phone, role, tree.units[relatives["own"]])
    allowed = ALLOWED[view].get(role, set())
    for relation, unit in relatives.items():
        # An invite comes with its link's QR code (a second message).
        expect = 2 if view.startswith("invite") and relation in allowed else 1
        answer, *_qr = await phone.press_data(VIEWS[view](tree, unit), expect=expect)
        refused = REFUSED in answer.text_plain
        assert refused == (relation not in allowed), f"{view} of {relation} unit {unit}"


COMMANDS: dict[str, tuple[str, set[str]]] = {
    "/quanly": ("Chức năng quản lý dành cho", {"deputy", "leader", "officer", "admin"}),
    "/baocao": (
        "Chức năng tổng hợp dành cho",
        {"deputy", "leader", "officer", "leadership", "province"},
    ),
    "/solieu": ("Chức năng tổng hợp dành cho", {"officer"}),
    "/nguontin": ("Chức năng đánh giá nguồn tin dành cho", {"officer"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("command", sorted(COMMANDS))
async def test_commands_by_role(
    emulator: TelegramEmulator, ward: Ward, command: str, role: str
) -> None:
    tree = await make_tree(ward)
    phone = emulator.phone(user_id=3000, first_name="Người dùng")
    await ward.person(phone, role, tree.units[tree.relatives(role)["own"]])
    refusal, allowed = COMMANDS[command]
    [answer] = await phone.send(command)
    assert (refusal in answer.text_plain) == (role not in allowed), answer.text_plain


@pytest.mark.parametrize(
    "data", ["o:t:abc", "o:zz:1", "o:m:999999", "o:t:999999", "o:i:1:officer", "o:rr:1:nope"]
)
async def test_malformed_officer_buttons_are_refused(
    emulator: TelegramEmulator, ward: Ward, data: str
) -> None:
    officer = emulator.phone(user_id=2001, first_name="Hùng")
    await ward.person(officer, "officer", ward.ward_id)
    before = len(officer.messages)
    await officer.press_data(data, expect=0)
    await eventually(
        lambda: len(officer.messages) > before or officer.last_toast is not None, "an answer"
    )
    answer = officer.messages[-1].text_plain if len(officer.messages) > before else ""
    assert officer.last_toast == "Nút này không hợp lệ." or REFUSED in answer, answer
    assert len(await ward.members()) == 1
