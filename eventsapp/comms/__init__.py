"""Communications: editable mails, messages to groups, reminders (issue 15)."""
