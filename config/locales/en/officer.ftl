# Tools of the ward police officer (and team leaders): teams, members, invite links, approving
# joins, a team's Telegram group, the roster imported from and exported to a file.

## Commands
command-manage = Manage teams, members, invite links

## Roles
role-member = member
role-deputy = deputy leader
role-leader = team leader
role-officer = ward police officer
role-leadership = ward leadership
role-province = province police
role-admin = system admin

## Joining: pre-registered roster, join requests, wrong codes
need-invite-or-phone =
    To use the reporting assistant you need your team's invite code (or invite link): ask your team leader or the ward police officer to read or send you the code, then send it to the bot as a message.
    If the ward police registered your phone number, send it.
join-phone-not-on-roster =
    This phone number is not on the ward's roster. You need an invite link: please ask your team leader or the ward police officer.
join-found-on-roster = Found you on the ward's roster: <b>{ $name }</b>.
join-request-sent =
    Your request to join <b>{ $team }</b> was sent. The team leader or the ward police will approve it; you will be told as soon as they do.
join-request-waiting =
    Your request to join <b>{ $team }</b> is waiting for approval. You will be told as soon as it is approved.
join-request-notice =
    📨 <b>{ $name }</b> asks to join <b>{ $team }</b>. Send /quanly to decide.
join-request-approved = ✅ You were approved into <b>{ $team }</b>. Send /menu to start reporting.
join-request-rejected =
    Your request to join <b>{ $team }</b> was not accepted. If this is a mistake, please contact the team leader or the ward police.
invite-slow-down =
    Too many wrong invite codes. Please wait { $minutes } minutes, then send the invite code again (or open the invite link again).

## The ward's management menu
officer-tools-not-for-you = Management is for the ward police and for team leaders and deputies.
officer-choose-ward = Choose a ward of <b>{ $unit }</b>:
officer-ward-menu =
    ⚙️ Managing <b>{ $ward }</b>
    { $teams } teams · { $members } members · { $waiting } join requests waiting
officer-teams = 👥 Teams ({ $count })
officer-groups = 🏘 Residential groups ({ $count })
officer-join-requests = 📨 Join requests ({ $count })
officer-auto-approve-on = ✅ Auto-approve: on (tap to turn off)
officer-auto-approve-off = ⏸ Auto-approve: off (tap to turn on)
officer-export-roster = 📤 Export the roster
officer-roster-exported = Roster of { $ward }: { $count } people. The file holds phone numbers and dates of birth: keep it private.
officer-not-found = Not found, or you have no rights over it.
officer-or-cancel = (send /huy to stop)

## Teams and residential groups
officer-team-list = Security teams of <b>{ $ward }</b>. Tap a team to see its members, invite people, rename it.
officer-team-list-empty = <b>{ $ward }</b> has no team yet. Tap «➕ New team» to create the first one.
officer-team-line = { $team } · { $count }/{ $planned }
officer-new-team = ➕ New team
officer-new-team-here = ➕ New team here
officer-group-list = Residential groups of <b>{ $ward }</b>:
officer-group-list-empty = <b>{ $ward }</b> has no residential group listed yet.
officer-new-group = ➕ New residential group
officer-group-view = 🏘 <b>{ $group }</b>
    Security teams: { $teams }
officer-rename = ✏️ Rename
officer-planned-size = 🔢 Planned size
officer-back-to-teams = ◀ Teams
officer-ask-team-name = What is the new team called? For example: Tổ bảo vệ ANTT số 12.
officer-ask-group-name = What is the new residential group called? For example: Tổ dân phố 5.
officer-ask-rename = What is the new name instead of «{ $name }»?
officer-ask-size = How many members is { $team } planned to have? (now: { $planned }) Tap a number or type one.
officer-name-length = A name needs { $min } to { $max } characters. Please type it again.
officer-name-taken = The ward already has a unit named «{ $name }». Please type another name to avoid confusion.
officer-team-created = Created <b>{ $team }</b>. Tap «🔗 Invite a leader» to invite who leads it.
officer-group-created = Created <b>{ $group }</b>.
officer-renamed = Renamed «{ $old }» to «{ $new }».
officer-team-view =
    👥 <b>{ $team }</b> · { $place }
    Members: { $count }/{ $planned } planned
officer-team-group-linked = The team's Telegram group: linked.
officer-team-group-unlinked = The team's Telegram group: not linked (the leader adds the bot to the group and sends /lienket there).
officer-team-no-members = The team has no members yet. Tap «🔗 Invite a member» for an invite link.
officer-member-line = { $number }. { $name } — { $role }
officer-member-line-offline = { $number }. { $name } — { $role } (not on the bot yet)
officer-unlink-group = 🔌 Unlink the Telegram group
officer-group-unlinked = Unlinked the Telegram group of <b>{ $team }</b>. Reminders go to each person only.

## Invite links
officer-invite-member = 🔗 Invite a member
officer-invite-leader = 🔗 Invite a leader
officer-invite-deputy = 🔗 Invite a deputy
officer-invite-made =
    Invite to <b>{ $team }</b> as { $role }, for { $uses } people, until { $day }.
officer-invite-telegram = 📱 Telegram: open { $link }
officer-invite-telegram-command = 📱 Telegram: open the bot and send /start { $code }
officer-invite-zalo = 💬 Zalo: open { $link } (or scan the QR code), then send the bot the invite code <b>{ $code }</b>
officer-invite-zalo-no-link = 💬 Zalo: find the ward's bot on Zalo, then send it the invite code <b>{ $code }</b>
officer-invite-keep = Send this invite to whoever you invite. The code is shown only once; if it leaks, revoke it.
invite-qr-zalo = Open Zalo, scan the code, send the invite code { $code } to join { $team }.
invite-qr-zalo-file = Zalo QR code - { $team }.png
invite-qr-telegram = Open Telegram and scan the code to join { $team }. This QR code is the invite: give it only to whoever you invite.
invite-qr-telegram-file = Telegram QR code - { $team }.png
officer-open-invites = 🎟 Open invite links ({ $count })
officer-open-invites-title = Open invite links of <b>{ $team }</b>. Tap one to revoke it.
officer-no-open-invites = <b>{ $team }</b> has no open invite link left.
officer-revoke-invite = 🚫 Revoke: { $role } · { $uses } left · until { $day }
officer-invite-revoked = Revoked; whoever opens that link is told it was revoked.

## Members
officer-member-view =
    👤 <b>{ $name }</b> — { $role } · { $team }
    Phone: { $phone } · Born: { $born }
    Member since: { $since }
officer-member-on-bot = Uses the bot.
officer-member-not-on-bot = Not on the bot yet: when they open the bot and share this phone number, they join this team.
officer-move = 🔀 Move to another team
officer-remove = 🚪 Remove from the team
officer-move-where = Move <b>{ $name }</b> to which team?
officer-moved = Moved <b>{ $name }</b> to <b>{ $team }</b>. The history is kept.
officer-remove-why = Why does <b>{ $name }</b> leave <b>{ $team }</b>?
officer-keep-member = ◀ No, keep them
leave-reason-moved = Moved away
leave-reason-resigned = Resigned
leave-reason-inactive = No longer active
officer-removed =
    <b>{ $name }</b> left <b>{ $team }</b> (reason: { $reason }). Their reports and the history are kept.

## Join requests
officer-join-requests-title = 📨 Join requests waiting — <b>{ $unit }</b>:
officer-join-request-line = { $number }. { $name } · { $phone } · { $team } · { $role }
officer-approve = ✅ Approve { $number }
officer-reject = ❌ Reject { $number }
officer-approved = Approved <b>{ $name }</b> into <b>{ $team }</b>; they will be told.
officer-rejected = Rejected the request of <b>{ $name }</b> to <b>{ $team }</b>.
officer-join-request-done = This request was decided already.
officer-no-join-requests = No join request is waiting.

## A team's Telegram group
group-link-not-allowed = Only the team leader or the ward police may link this group to a team.
group-link-choose-team = Which team is this group for?
group-linked = ✅ This group is linked to <b>{ $team }</b>. Reminders and team news will come here.
group-already-linked = This group is linked to <b>{ $team }</b> already.

## The roster from a file (antt-bot admin import-roster)
roster-unreadable = Cannot read this Excel file. Please save it as .xlsx (or .csv) like the template.
roster-not-utf8 = The CSV file is not UTF-8. Please save it as «CSV UTF-8».
roster-unknown-format = Only .xlsx and .csv files are accepted.
roster-empty = The file has no rows to import.
roster-missing-columns = Columns missing: at least ward, team, full name and phone are needed (see the template).
roster-missing-ward = the ward is missing
roster-missing-team = the team is missing
roster-missing-name = the full name is missing
roster-missing-phone = the phone number is missing
roster-bad-name = the full name is not valid (it has digits or is too long)
roster-bad-phone = the phone number is not valid (10 digits starting with 0)
roster-bad-role = the role «{ $role }» is unknown (Tổ trưởng, Tổ phó or Tổ viên)
roster-bad-date = the date of birth cannot be read (day/month/year, such as 14/03/1975)
roster-too-young = younger than { $age } or born in the future
roster-phone-twice = the phone number is the same as on row { $first }
roster-two-leaders = the team has a leader on row { $first } already
roster-unknown-ward = no ward named «{ $ward }» (create it first with antt-bot admin add-unit)
roster-phone-elsewhere = the phone number belongs to a member of another ward
roster-row = Row { $row }: { $problem }

## Roles in a team
officer-change-role = 🎖 Change role
officer-role-which = A new role for <b>{ $name }</b> ({ $team }; now { $role }). A team has 1 leader and 1 deputy: whoever holds that role becomes a member.
officer-role-changed = <b>{ $name }</b> is now { $role } of <b>{ $team }</b>. The history is kept.
officer-role-stepped-down = <b>{ $name }</b> is now a member.
role-given = 🎖 You are now <b>{ $role }</b> of <b>{ $team }</b>.
role-stepped-down = <b>{ $name }</b> is now { $role } of <b>{ $team }</b>; you are a member of the team.

## Correcting a member's full name
officer-edit-name = ✏️ Correct name
officer-ask-member-name =
    What is the correct full name of «{ $name }», as reports and commendation lists should print it? Type it in full with its diacritics, family name first. E.g. Nguyễn Thị Lan.
officer-member-renamed = «{ $old }» is now written <b>{ $new }</b>. The history keeps the old name.
name-corrected = ✏️ Your name in reports has been corrected to <b>{ $name }</b> (by { $by }). If it is still wrong, please tell the ward police.
