# The ward police review tips (valuable or not, with the outcome) and confirm which level
# acknowledged a model; the sender is told.

## Command
command-review = Tips and models awaiting review
reviewing-not-for-you = Reviewing tips is for the ward police.

## The card of a tip / model
reviewing-new-tip = 📥 <b>New tip</b> to review
reviewing-new-model = 🏅 <b>New model</b> reported
reviewing-sent-by = Sent by: { $name } · { $team } · at { $time }
reviewing-tip-waiting = ⏳ <b>Not reviewed yet.</b>
reviewing-tip-valuable = ✅ <b>Review: valuable</b>
reviewing-tip-not-valuable = ➖ <b>Review: not valuable</b>
reviewing-model-waiting = ⏳ <b>Acknowledgement not confirmed yet.</b>
reviewing-model-acknowledged = ✅ <b>Acknowledged by { $level }</b>
reviewing-model-not-acknowledged = ➖ <b>Not acknowledged by any authority yet</b>
reviewing-decided-by = (by { $name }, { $time })
reviewing-tip-note = Outcome: { $note }
reviewing-model-note = Reference: { $note }
reviewing-mark-valuable = ✅ Valuable
reviewing-mark-not-valuable = ➖ Not valuable
reviewing-mark-not-acknowledged = ➖ Not acknowledged
reviewing-write-outcome = 📝 Write the outcome
reviewing-write-reference = 📝 Write the reference (number, date)
reviewing-see-photos = 🖼 See photos ({ $count })
reviewing-level-commune-police = Commune/ward police
reviewing-level-commune-committee = Commune/ward People's Committee
reviewing-level-district-police = District police
reviewing-level-district-committee = District People's Committee
reviewing-level-province-police = Province/city police
reviewing-level-province-committee = Province/city People's Committee
reviewing-level-ministry = Ministry of Public Security
reviewing-level-unknown = an authority

## After the decision
reviewing-ask-outcome =
    Outcome of tip #{ $number } (short, at most { $most } characters)?
    Only the ward police see it; the sender is not told. If there is none, press «Skip».
reviewing-ask-reference =
    Reference for model #{ $number }: number and date of the commendation (at most { $most } characters)?
    If there is none, press «Skip».
reviewing-skip = Skip
reviewing-note-length = Please keep it short, 1 to { $most } characters; or press «Skip».
reviewing-note-saved = Saved in report #{ $number }.
reviewing-note-skipped = The review of report #{ $number } is saved.
reviewing-unchanged = Report #{ $number } is already reviewed that way; nothing changed.
reviewing-changed-meanwhile =
    Report #{ $number } was reviewed differently while you were looking. The current review is below; choose again if needed.

## Telling the sender
reviewing-told-valuable =
    ✅ Tip #{ $number } you sent on { $day } was found <b>valuable</b> by the police of { $ward }. Thank you!
reviewing-told-not-valuable =
    The police of { $ward } reviewed tip #{ $number } you sent on { $day }: it is <b>not valuable</b> for follow-up. Thank you for sending it; please keep reporting what you notice.
reviewing-told-acknowledged =
    🏅 Model «{ $name }» (report #{ $number }) is confirmed by the police of { $ward }: acknowledged by <b>{ $level }</b>. Congratulations to you and your team!
reviewing-told-not-acknowledged =
    The police of { $ward } looked at model «{ $name }» (#{ $number }): it is <b>not acknowledged by any authority yet</b>. When a commendation is issued, please tell the ward police.

## Lists
reviewing-menu-tips = 📥 Tips awaiting review ({ $count })
reviewing-menu-models = 🏅 Models awaiting confirmation ({ $count })
reviewing-list-tips = 📥 Tips
reviewing-list-models = 🏅 Models
reviewing-waiting = ⏳ Awaiting review ({ $count })
reviewing-decided = ✔️ Reviewed ({ $count })
reviewing-previous-page = ◀ Previous page
reviewing-next-page = Next page ▶
reviewing-line = #{ $number } · { $day } · { $team } · { $mark } { $summary }
reviewing-tips-waiting = 📥 <b>Tips awaiting review</b> · { $ward }: { $count } (page { $page }/{ $pages }). Press one to see and review it.
reviewing-tips-waiting-none = 📥 { $ward } has no tips awaiting review.
reviewing-tips-decided = ✔️ <b>Reviewed tips</b> · { $ward }: { $count } (page { $page }/{ $pages }). Press one to see or change its review.
reviewing-tips-decided-none = ✔️ { $ward } has no reviewed tips yet.
reviewing-models-waiting = 🏅 <b>Models awaiting confirmation</b> · { $ward }: { $count } (page { $page }/{ $pages }). Press one to see and confirm it.
reviewing-models-waiting-none = 🏅 { $ward } has no models awaiting confirmation.
reviewing-models-decided = ✔️ <b>Confirmed models</b> · { $ward }: { $count } (page { $page }/{ $pages }). Press one to see or change it.
reviewing-models-decided-none = ✔️ { $ward } has no confirmed models yet.
