## Live call-outs (/huydong): the dispatcher's steps, the alert, the answers, the status

command-dispatch = Call the teams out now
callout-start = 🚨 Call out
callout-not-for-you = Only the ward police or a team leader can call the teams out.
callout-ask-kind = 🚨 Call-out · Step 1/4 · What for?
callout-ask-place = Step 2/4 · Where? Share a location (📎 → Location) or type an address.
callout-place-too-short = The address is too short. Please type an address (at least 3 characters) or share a location.
callout-ask-note = Step 3/4 · A short note for the teams (e.g. bring an extinguisher)?
callout-skip-note = Skip
callout-ask-teams = Step 4/4 · Which teams? Tap to choose, then Done.
callout-whole-ward = 🏘 The whole ward
callout-teams-done = Done
callout-pick-a-team = Please choose at least one team with members.
callout-confirm = Call out { $teams } ({ $people } people) to { $place }, incident { $kind }?
callout-confirm-button = 🚨 Call out now
callout-location = the location shared
callout-alert =
    🚨 <b>CALL-OUT</b> · { $kind } · { $place }
    Officer { $by } called at { $time }
callout-alert-again = 🔔 Again (alert { $number }):
callout-alert-note = Note: { $note }
callout-alert-map = 📍 Map: { $link }
callout-coming = 🏃 Coming now
callout-late = ⏱ Coming late
callout-declined = ❌ Cannot come
callout-arrived = 📍 I am there
callout-reason-far = Working far away
callout-reason-sick = Ill
callout-reason-transport = No transport
callout-reason-other = Another reason
callout-ask-reason = Why can you not come?
callout-answer-coming = ✅ Noted: you are coming ({ $time }). When you get there, press «📍 I am there».
callout-answer-late = ✅ Noted: you will be late ({ $time }). When you get there, press «📍 I am there».
callout-answer-declined = ✅ Noted: you cannot come ({ $reason }).
callout-answer-arrived = ✅ Noted: there at { $time } ({ $minutes } minutes).
callout-closed-already = This call-out is over.
callout-status-head = 🚨 Call-out { $time } · { $kind } · { $place }
callout-status-team = <b>{ $team }</b> · { $called } called
callout-status-arrived = ✅ There: { $people }
callout-status-coming = 🏃 Coming: { $people }
callout-status-late = ⏱ Late: { $people }
callout-status-declined = ❌ Cannot come: { $people }
callout-status-silent = … No answer yet: { $people }
callout-status-closed = 🏁 Closed at { $time }: { $outcome }
callout-alert-silent = 🔔 Alert those who have not answered
callout-close = ✅ Close
callout-realerted = Alerted { $count } people again.
callout-ask-outcome = What was the outcome? (a few lines)
callout-outcome-too-short = Please type the outcome (at least 3 characters).
callout-closed = 🏁 The call-out is closed. { $records } call-out reports saved ({ $arrived } of { $called } called were there).
callout-auto-outcome = Closed automatically after { $minutes } minutes (nobody pressed «✅ Close»).
callout-auto-closed = ⏰ The call-out of { $time } ({ $kind }, { $place }) closed automatically after { $minutes } minutes, as nobody pressed «✅ Close». { $records } call-out reports saved from what was known ({ $arrived } of { $called } called were there).
callout-settings-button = ⚙️ Call-out settings
callout-settings =
    ⚙️ Call-out settings of <b>{ $ward }</b>
    🔔 Those who have not answered are alerted again after { $realert } minutes (twice at most).
    ⏰ A call-out nobody closes closes by itself after { $auto_close } minutes.
callout-settings-change-realert = 🔔 Change the re-alert minutes
callout-settings-change-auto-close = ⏰ Change the auto-close minutes
callout-settings-ask-realert = After how many minutes are those who have not answered alerted again? Now { $now } minutes. Type a number from { $low } to { $high }.
callout-settings-ask-auto-close = After how many minutes does a call-out close by itself? Now { $now } minutes. Type a number from { $low } to { $high } (120 = 2 hours).
callout-settings-bad-minutes = ⚠️ Not saved: please type a number of minutes from { $low } to { $high }, digits only (for example { $low }).
callout-settings-saved-realert = ✅ Saved: those who have not answered are alerted again after { $minutes } minutes.
callout-settings-saved-auto-close = ✅ Saved: a call-out closes by itself after { $minutes } minutes.
callout-add-team = ➕ Add a team
callout-ask-add-team = Which team to add to the call-out? Tap one: its members are alerted at once.
callout-no-team-left = Every team you may call out has been called.
callout-team-called-already = This team has been called already.
callout-team-added = ➕ { $team } added: { $people } people alerted.
callout-outcome-photo-kept = 📷 { $photos } photos kept. Please type the outcome in words (at least 3 characters); the photos are not lost.
callout-ask-photos = Send photos of the scene (up to { $max }), then press «➡️ Next». No photos: press «➡️ Next» now.
callout-ask-photos-kept = { $photos } photos already. Send more (up to { $max }), or press «➡️ Next».
callout-photos-received = 📷 { $photos } photos received. Send more (up to { $max }), or press «➡️ Next».
callout-photos-only = At this step please send photos, or press «➡️ Next» ({ $photos } photos received).
callout-photos-done = ➡️ Next
callout-ask-helped = How many people were helped or rescued? Type a number, or press «None».
callout-helped-not-a-number = Please type the number of people helped in digits (for example 2), or press «None».
callout-helped-photo-kept = 📷 Photo kept ({ $photos } photos). Please type the number of people helped in digits (for example 2), or press «None».
callout-no-one-helped = None
callout-status-closed-details = 👥 { $helped } people helped · 📷 { $photos } photos
callout-note-invite = 🏁 The call-out of { $time } is closed. Thank you! If you wish, you may add a note or photos to your own record.
callout-note-add = 📝 Add a note, photos
callout-note-done = Done
callout-note-ask = 📝 Send a note (text) or photos (up to { $max }) for your record of the call-out { $time }. Each is saved at once; press «Done» when finished.
callout-note-kept = ✅ Saved to your record ({ $total }/{ $max } photos). Send more, or press «Done».
callout-note-photos-full = Your record has { $max } photos already; this one was not saved. Type a note, or press «Done».
callout-note-finished = ✅ Your record is saved. Thank you!
