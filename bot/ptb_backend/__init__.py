"""The Telegram backend on python-telegram-bot 22."""

import os

# PTB 22 warns each time it builds a time period in the old int form (a RetryAfter on every 429)
# unless the process opts in to the coming `timedelta` form, which this backend reads.
os.environ.setdefault("PTB_TIMEDELTA", "true")
