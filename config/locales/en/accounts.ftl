# One person, two messengers: a member's Telegram and Zalo accounts, the link code, where
# notices go, and the one-time code when joining with a typed phone number.

## Messenger names (by the channel of the message)
channel-telegram = Telegram
channel-zalo = Zalo

## Command and menu
command-accounts = Zalo/Telegram accounts, where notices go
menu-accounts = 🔗 Link Zalo/Telegram
button-link-account = 🔗 Get a link code
button-notify-here = 📨 Get notices in this app

## The accounts screen
accounts-screen =
    You use the bot through: <b>{ $accounts }</b>.
    Notices (reminders, call-outs, review results) go to: <b>{ $notices }</b>.
    To use the other app too (Zalo or Telegram), press «🔗 Get a link code» and send that code to the bot in the other app.
account-link-code =
    Your link code: <b>{ $code }</b>
    Within { $minutes } minutes, open the bot in the other app (Zalo or Telegram) and send exactly this code. Do not give it to anyone: whoever has it can use your account.
account-link-code-unknown = This code is wrong or has expired. Get a new one from «🔗 Link Zalo/Telegram» in the app you already use.
account-linked =
    ✅ Linked. This is the account of <b>{ $name }</b>, member of <b>{ $team }</b>; your reports are yours whichever app sends them. Notices go to: <b>{ $notices }</b>. { menu-prompt }
account-linked-elsewhere = 🔗 A { $channel } account was just linked to you. If it was not you, tell your team leader or the ward police at once.
account-notify-offer = Get notices in this app instead of the other one?
account-notify-here = ✅ From now on notices go to <b>{ $channel }</b>. { menu-prompt }

## Joining with a typed number that is on the ward's roster
join-code-sent-own =
    This number is on the ward's roster (<b>{ $name }</b>). The bot just sent a 6-digit confirmation code to your other account (Zalo or Telegram). Type that code here within { $minutes } minutes.
join-code-sent-leaders =
    This number is on the ward's roster (<b>{ $name }</b>). To make sure it is you, the bot just sent a 6-digit confirmation code to the team leader and the ward police. Ask them for it and type it here within { $minutes } minutes.
join-code-nobody = This number is on the ward's roster, but nobody in the team or the ward police uses the bot yet to send you a confirmation code. Please contact the ward police.
join-code-wrong = That code is not right. Type the { $digits }-digit code again.
join-code-locked = The code was typed wrong more than 5 times and is now locked. Contact your team leader or the ward police, then type /start to begin again.
join-code-expired = The code has expired. Type /start to begin again.
roster-code-own = 🔐 Confirmation code to use the bot in your other app: <b>{ $code }</b> (valid 10 minutes). If you did not ask for it, give it to nobody and tell the ward police.
roster-code-leaders =
    🔐 Someone typed the number { $phone } to join the bot as <b>{ $name }</b> ({ $team }). If it is really them, read this code to them in person: <b>{ $code }</b> (valid 10 minutes). If not, give it to nobody.
