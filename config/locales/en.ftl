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
    To use the reporting assistant you need your team's invite link.
    Ask your team leader or the ward police officer for the link, then open it in Telegram.
join-greeting =
    Welcome! This is the reporting assistant of <b>{ $team }</b>, { $parent }.
    To join, please share your phone number.
join-greeting-root =
    Welcome! This is the reporting assistant of <b>{ $team }</b>.
    To join, please share your phone number.
join-share-phone = 📱 Share my phone number
join-need-own-contact = Please press «📱 Share my phone number» below to send your own number.
join-phone-received = Phone number { $phone } received.
join-consent =
    Your phone number and your reports are kept for the work of your team and the ward police, and for nothing else. Do you agree?
button-consent-yes = I agree
button-consent-no = I do not agree
join-done = You are now a member of <b>{ $team }</b>. { menu-prompt }
join-declined =
    You have not joined; the phone number you sent was not kept.
    If you change your mind, open the invite link again.
already-member = You are already a member of <b>{ $team }</b>. { menu-prompt }
welcome-back = Hello { $name }. { menu-prompt }
invite-unknown =
    This invite link is not valid. Check the link, or ask your team leader or the ward police officer for a new one.
invite-revoked =
    This invite link was withdrawn. Ask your team leader or the ward police officer for a new one.
invite-expired =
    This invite link expired on { $day }. Ask your team leader or the ward police officer for a new one.
invite-used-up =
    This invite link has been used as many times as allowed. Ask your team leader or the ward police officer for a new one.

## Report forms
step-header = Step { $number }/{ $total } ·
ask-day-typed = Type the day as day/month, for example { $example }.
photos-so-far = { $count } photo(s) received. Send more, or press «Done».
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

## My reports
my-reports-title = Your recent reports:
my-reports-line = <b>#{ $number }</b> · { $day } · { $kind }: { $summary }{ $photos }
my-reports-photos = { " " }· { $count } photo(s)
my-reports-empty = You have no reports yet. { menu-prompt }
