"""The organizer's own registration questions: their answers, and choice places."""
