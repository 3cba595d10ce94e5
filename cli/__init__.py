"""The antt-bot command line: run, demo, scheduler, migrate, export and admin."""
