# English catalogue (second language). Fluent format; values are Telegram HTML.
# Values typed by people are HTML-escaped before they are inserted.

## Bot commands (shown in Telegram's command menu)
command-start = Start, join your team
command-cancel = Cancel what is in progress
command-my-reports = See my reports
command-menu = Open the list of reports
command-help = How to use the bot

## Main menu
menu-prompt = Choose what to report:
menu-good-deed = 📝 Good deed
menu-my-reports = 📋 My reports
help =
    Reporting assistant of the grassroots security team.
    • Press <b>📝 Good deed</b> to report a good deed (a few steps, a photo if you have one).
    • /baocaocuatoi — see your recent reports.
    • /huy — cancel what is in progress, at any time.

## Shared buttons
button-cancel = Cancel
button-back = ◀ Back
button-skip = Skip
button-today = Today
button-yesterday = Yesterday
button-other-day = Another day
button-done = Done
button-send = ✅ Send report
button-edit = ✏️ Edit

## Joining a team by invite link
need-invite =
    To use the reporting assistant you need your team's invite code (or invite link).
    Ask your team leader or the ward police officer to read or send you the code, then send it to the bot as a message (or open the invite link if you have one).
join-greeting =
    Welcome! This is the reporting assistant of <b>{ $team }</b>, { $parent }.
    To join, please send your phone number.
join-greeting-root =
    Welcome! This is the reporting assistant of <b>{ $team }</b>.
    To join, please send your phone number.
join-share-phone = 📱 Share my phone number
join-need-own-contact = Please send your own phone number.
join-phone-received = Phone number { $phone } received.
join-ask-name =
    How should your full name appear in reports and in the lists sent to the ward police?
    Tap the right one below, or type your full name with its diacritics, family name first. E.g. Nguyễn Thị Lan.
join-type-name =
    Please type your full name with its diacritics, family name first, as it should appear in reports and in the lists sent to the ward police. E.g. Nguyễn Thị Lan.
join-consent-named =
    Your name in reports: <b>{ $name }</b>.
    { join-consent }
full-name-length = A full name needs { $min } to { $max } characters.
full-name-letters = A full name holds letters and spaces only, no digits or symbols.
full-name-two-words = Please give both the family name and the given name (at least two words).
join-consent =
    Your phone number and your reports are kept for the work of your team and the ward police, and for nothing else. Do you agree?
button-consent-yes = I agree
button-consent-no = I do not agree
join-done = You are now a member of <b>{ $team }</b>. { menu-prompt }
join-declined =
    You have not joined; the phone number you sent was not kept.
    If you change your mind, send the invite code again (or open the invite link again).
already-member = You are already a member of <b>{ $team }</b>. { menu-prompt }
welcome-back = Hello { $name }. { menu-prompt }
invite-unknown =
    This invite code (invite link) is not valid. Check each character of the code, or ask your team leader or the ward police officer for a new invite code.
invite-revoked =
    This invite code (invite link) was withdrawn. Ask your team leader or the ward police officer for a new invite code.
invite-expired =
    This invite code (invite link) expired on { $day }. Ask your team leader or the ward police officer for a new invite code.
invite-used-up =
    This invite code (invite link) has been used as many times as allowed. Ask your team leader or the ward police officer for a new invite code.

## Report forms
step-header = Step { $number }/{ $total } ·
ask-day-typed = Type the day as day/month, for example { $example }.
photos-so-far = { $count }/{ $max } photo(s) received. Send more, or press «Done».
review-title = Please check:
review-photos =
    { $count ->
        [0] no photo
        [one] 1 photo
       *[other] { $count } photos
    }
review-empty = (left empty)
pick-field = Which item do you want to change?
chosen = → { $choice }
resume-draft = You have a report in progress. Continue with the step below, or type /huy to cancel.
cancelled = Cancelled, nothing was saved. { menu-prompt }
nothing-to-cancel = Nothing is in progress. { menu-prompt }
stale-button = This button is out of date. Please answer the latest question at the end of the chat.
forged-button = This button is not valid.
reply-saved-at = <i>(The report was saved at { $time }; this message is late because Telegram did not take it.)</i>
unsupported = The bot does not understand this kind of message yet. Please type text or press a button.
error-internal =
    Sorry, the bot ran into a problem with your last message. Everything you entered before is kept; please try again in a few minutes.

## Problems with an answer
problem-text-empty = The answer is empty. Please type a few lines.
problem-text-too-short = The answer is a little short. Please type at least { $min } characters.
problem-text-too-long = The answer has { $got } characters, more than { $max }. Please shorten it.
problem-day-format = Cannot read the day «{ $typed }». Please type it as day/month, for example 21/11, or press a button.
problem-day-invalid = There is no day «{ $typed }» in the calendar. Please type it again as day/month, for example 21/11.
problem-day-future = { $day } has not come yet. Please choose today or a day that has passed.
problem-day-too-old = Only work from the last { $days } days can be logged. Please choose a more recent day.
problem-need-text = This step needs text. Please type a few lines (photos come in a later step).
problem-need-date = This step needs a day: press a button, or type day/month.
problem-need-photo = This step needs a photo. If you have none, press «Skip».
problem-button-not-here = That button does not belong to this step.
problem-review-use-buttons = Press «✅ Send report» to send, «✏️ Edit» to change an item, or «Cancel».

## Good deed
good-deed-title = Good deed
good-deed-ask-what = What good deed did you do? (type a few lines)
good-deed-ask-day = When did it happen?
good-deed-ask-photo = Send a photo of it (if you have one).
good-deed-label-what = Good deed
field-label-day = Day
field-label-photos = Photos
good-deed-confirmed =
    Good deed <b>#{ $number }</b> of { $team } recorded. Your team has { $count } good deed(s) this month. Thank you!

## Kinds of questions
menu-more = ☰ More
more-prompt = Choose another kind of report:
button-other-time = Another time
button-now = Now
button-minutes-ago = { $minutes } min ago
button-hours-ago = { $hours } h ago
button-same-time = At once
button-minutes-after = { $minutes } min later
button-last-hours = Last { $hours } h
button-last-minutes = Last { $minutes } min
button-yes = Yes
button-no = No
button-add = ➕ { $item }
ask-time-typed = Type the time as hour:minute, for example 19:30 (add the day if not today: 19:30 21/11).
ask-span-typed = Type the start and end times, for example 19:00-21:30.
ask-participants = Who took part? Press a name to tick or untick it, then «Done».
ask-photos = Send photos (several are fine).
ask-where = Where? (type the place)
ask-day = On which day did it happen?
ask-note = Any further note (a few lines).
review-location = 📍 location sent
field-label-participants = Participants
field-label-where = Place
field-label-span = Time
field-label-note = Note
report-confirmed =
    Report <b>#{ $number }</b> of { $team } recorded. Thank you!
problem-number-format = Cannot read «{ $typed }». Please type a number, for example 3.
problem-number-range = Please type a number from { $min } to { $max }.
problem-yes-no = Please press «Yes» or «No».
problem-time-format = Cannot read the time «{ $typed }». Please type hour:minute, for example 19:30, or press a button.
problem-time-future = { $time } has not come yet. Please choose a time that has passed.
problem-time-before = This is earlier than the call-out ({ $time }). Please choose again.
problem-span-format = Cannot read «{ $typed }». Please type the start and end, for example 19:00-21:30.
problem-choose-a-button = Please choose with the buttons below.
problem-tick-at-least = Please tick at least { $min }, then press «Done».
problem-need-number = This step needs a number. Type it or press a button.
problem-need-choice = This step needs a choice from the buttons below.
problem-need-choices = This step needs ticks from the buttons below, then «Done».
problem-need-yesno = Please press «Yes» or «No».
problem-need-moment = This step needs a time: press a button, or type hour:minute.
problem-need-span = This step needs a time span: press a button, or type 19:00-21:30.
problem-need-location = Please send a location (📎 → Location) or type the address.
problem-need-participants = Please press the names of those who took part, then «Done».

## Patrol
patrol-title = Patrol
menu-patrol = 🚶 Patrol
patrol-ask-kind = What kind of patrol?
patrol-label-kind = Kind of patrol
patrol-kind-antt = Security and order
patrol-kind-atgt = Traffic safety
patrol-kind-night = Night
patrol-ask-span = When was the patrol?
patrol-ask-area = Which area or route?
patrol-label-area = Area
patrol-ask-violations = How many violations were found?
patrol-label-violations = Violations found
patrol-ask-violation-note = What violations? (a few lines)
patrol-label-violation-note = Violations
patrol-confirmed =
    Patrol <b>#{ $number }</b> of { $team } recorded. Your team has { $count } patrol(s) this month. Thank you!

## Call-out
call-out-title = Call-out
menu-call-out = 🚨 Call-out
call-out-ask-kind = What were you called out for?
call-out-label-kind = Kind of incident
incident-antt = Security and order
incident-pccc = Fire
incident-cnch = Rescue
incident-traffic = Traffic
incident-propaganda = Propaganda
call-out-ask-mobilised = When were you called out?
call-out-label-mobilised = Called out at
call-out-ask-arrived = When did you arrive at the scene?
call-out-label-arrived = Arrived at
call-out-ask-outcome = What was the outcome? (a few lines)
call-out-label-outcome = Outcome
call-out-confirmed =
    Call-out <b>#{ $number }</b> of { $team } recorded. Thank you!

## Propaganda
propaganda-title = Propaganda
menu-propaganda = 📣 Propaganda
propaganda-ask-topic = What was the message?
propaganda-label-topic = Topic
propaganda-ask-audience = About how many people listened? (type or choose)
propaganda-label-audience = Audience
propaganda-confirmed =
    Propaganda session <b>#{ $number }</b> of { $team } recorded. Thank you!

## Tip
tip-title = Tip
menu-tip = ℹ️ Tip
tip-ask-content = What is the tip? Only the ward police and you can see it; do not write who gave it.
tip-label-content = Content
tip-ask-place = Where? Send a location (📎 → Location) or type the address.
tip-ask-day = On which day did you receive it?
tip-confirmed =
    Tip <b>#{ $number }</b> sent to the ward police. Only the police and you can see it. Thank you!

## Fire, rescue
fire-rescue-title = Fire, rescue
menu-fire-rescue = 🔥 Fire, rescue
fire-rescue-ask-kind = Which kind of incident?
fire-rescue-label-kind = Kind of incident
fire-rescue-ask-incident = What happened? (a few lines)
fire-rescue-label-incident = Incident
fire-rescue-ask-role = What did the team do?
fire-rescue-label-role = Team's part
role-extinguish = Put out the fire
role-evacuate = Evacuated people, property
role-rescue = Rescued people
role-guard = Guarded the scene
role-other = Something else
fire-rescue-ask-saved = How many people were saved?
fire-rescue-label-saved = People saved
fire-rescue-ask-property = Property protected (a few lines).
fire-rescue-label-property = Property

## Traffic guidance
traffic-title = Traffic guidance
menu-traffic = 🚦 Traffic guidance
traffic-ask-place = Where did you guide traffic?
traffic-ask-span = When?

## Residence data
residence-title = Residence data
menu-residence = 🏠 Residence data
residence-ask-households = How many households did you visit?
residence-label-households = Households visited
residence-ask-records = How many records were updated or corrected?
residence-label-records = Records corrected

## Weapons campaign
weapons-title = Weapons hand-in campaign
menu-weapons = 🧨 Weapons hand-in
weapons-ask-households = How many households did you reach?
weapons-label-households = Households reached
weapons-ask-items = How many weapons, explosives or fireworks were handed in?
weapons-label-items = Items handed in

## Reintegration
reintegration-title = Reintegration
menu-reintegration = 🤝 Reintegration
reintegration-ask-alias = Refer to the person by initials or an alias (not the full name).
reintegration-label-alias = Person
reintegration-ask-visits = How many visits or talks?
reintegration-label-visits = Visits
reintegration-ask-outcome = What came of it?
reintegration-label-outcome = Outcome

## Model
model-title = Model, club
menu-model = 🏅 Model, club
model-ask-name = What is the model or club called?
model-label-name = Name
model-ask-started = Since which day?
model-label-started = Since
model-ask-recognised = Recognised by whom? (skip if not yet)
model-label-recognised = Recognised by

## Good deed: more
good-deed-ask-beneficiary = Who was helped? (optional)
good-deed-label-beneficiary = Helped

## My reports
menu-home = ☰ Menu
my-reports-month = Your reports in { $month }: { $count }. Press one to see it.
my-reports-month-empty = You have no reports in { $month }.
my-reports-all-kinds = All
my-reports-previous = ◀ { $month }
my-reports-next = { $month } ▶
report-line = #{ $number } · { $day } · { $kind }: { $summary }
report-heading = <b>#{ $number } · { $kind }</b>
report-sent-at = Sent at { $time }.
report-edited-at = Edited at { $time }.
report-editable-until = You can edit or delete it until { $time }.
report-read-only = More than { $hours } hours have passed since it was sent: it can only be read.
photo-caption = #{ $number } · photo { $index }/{ $count }
button-delete = 🗑 Delete
button-back-to-list = ◀ List
delete-confirm = Delete report #{ $number }? It will no longer count; the ward police keep a record of the deletion.
button-delete-yes = 🗑 Delete the report
button-delete-no = Keep it
report-deleted = Report #{ $number } deleted. { menu-prompt }
report-changed = Report #{ $number } changed. Thank you!
report-not-found = This report cannot be found, or you may not see it.
report-too-late =
    More than { $hours } hours have passed since it was sent, so it can no longer be changed or deleted. If needed, tell your team leader or the ward police.
editing-report = Editing report #{ $number }: press «✏️ Edit» to choose what to change, then «✅ Send report».

## Quick capture
capture-text = What would you like to report? What you typed will be filled in.
capture-photo = Which report is this photo for? The photo (and its caption, if any) will be filled in.

## Summaries for the ward police
command-summary = Summary of reports (ward police)
summary-officers-only = Summaries are for the ward police officers.
summary-choose = Summary of <b>{ $ward }</b> under { $plan }. Choose the period:
summary-this-month = This month
summary-last-month = Last month
summary-rating-year = Rating year { $year }
summary-making = Making the summary; the Excel, Word and chart files follow in a moment…
summary-unavailable = This period could not be summarised. Please choose again with /baocao.
command-figures = Enter the ward police's figures
figures-menu = Figures the ward police enter — { $month } · <b>{ $ward }</b> · { $plan }. Press one to enter or correct it.
figures-none = The plan { $plan } has no figures for the police to enter.
figures-ask = { $label } — { $month }?
figures-type-number = Please type a number.
targets-button = 🎯 Ward's own targets
targets-menu = Targets <b>{ $ward }</b> sets itself under { $plan }: the plan sets none for these (or leaves them to the ward). Reports mark them "set by the ward"; one not set shows only the result, with no met/not met verdict. Press one to set or change it.
targets-none = The plan { $plan } sets every target: there is nothing for the ward to set.
targets-not-set = not set
targets-ask-share = The ward's target for «{ $label }», in %: please type a number from 0 to 100.
targets-ask-count = The ward's target for «{ $label }»: please type the least number, from 0 to { $max }.
targets-clear = Clear the ward's target
targets-saved = Saved the target for «{ $label }»: { $target }. Summaries from now on judge by it.
targets-cleared = Cleared the ward's target for «{ $label }».
team-summary-title = <b>{ $team }</b> · { $month } so far:
