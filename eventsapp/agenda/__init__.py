"""Speakers, agenda sessions, the schedule editor, conflicts, workshops and exports."""
