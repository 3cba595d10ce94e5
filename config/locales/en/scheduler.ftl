# Reminders and automatic summaries (the scheduler).

remind-good-deed = 📝 <b>{ $team }</b> has no good deed yet in { $month }. The plan asks each team for at least 1 good deed a month; { $days } days left.
remind-good-deed-button = 📝 Report a good deed

digest-blocked-title = ⚠️ Summary of { $period }: { $count } members blocked the bot and get no reminders; please contact them directly:
digest-blocked-line = • { $name } ({ $team }), since { $since }

deadline-reminder = ⏰ The { $year } yearly report of <b>{ $ward }</b> is due before { $deadline } ({ $days } days left). The draft is attached: add the assessment and next steps, then send it. Once sent, press the button below to stop these reminders.
deadline-submitted-button = ✅ Yearly report sent

yearly-report-marked = ✅ Noted: the { $year } yearly report of { $ward } is sent. No more reminders.
yearly-report-already-marked = The { $year } yearly report is already marked as sent.
yearly-report-officers-only = Only the ward's police officers can mark the ward's yearly report.

group-lost = ⚠️ The bot can no longer post in <b>{ $team }</b>'s group (it was removed, or the group was closed). Reminders now go to each member of the team privately. To have them in the group again, add the bot to the group and send /lienket there.
