# Downloading a file by link (Zalo cannot send files): the page shown when a link does not open.
download-expired-title = This link has expired
download-expired = A download link works for 24 hours only, and this one has expired. Please ask the bot for the report again (send /baocao) to get a new link.
download-missing-title = File not found
download-missing = This link is not right, or the file is no longer there. Please open the link the bot sent again, or ask for the report again (send /baocao).
