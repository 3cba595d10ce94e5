"""What a chat is made of: events in, replies out, texts, button data, and the clock."""
