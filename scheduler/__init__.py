"""What is due and when: reminders, digests and deadline notices, written to the outbox once."""
