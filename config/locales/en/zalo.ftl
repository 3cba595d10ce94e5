# What the bot adds to a Zalo message, since Zalo has no buttons, no contact sharing, no files.
zalo-type-phone = 📱 Please type your phone number (for example 0912345678) and send it.
zalo-file-link = 📎 { $name }: { $link }
zalo-file-link-expiry = (The download link works for 24 hours.)
zalo-file-unavailable = 📎 { $name }: Zalo cannot send files; please open this file on Telegram or ask the ward police.
