"""The list of CLI commands the factory registers; each domain adds its own here."""

import click


def all_commands() -> list[click.Command]:
    from eventsapp.agenda.cli import export_schedule
    from eventsapp.auth.cli import create_user
    from eventsapp.badges.cli import badge_layouts, print_badges_command
    from eventsapp.comms.cli import send_reminders_command
    from eventsapp.demo.cli import demo
    from eventsapp.documents.cli import program, tent_cards_command
    from eventsapp.events.cli import list_events
    from eventsapp.registration.cli import (
        export_registrations,
        import_registrations,
        purge_personal_data,
    )

    return [
        create_user,
        demo,
        list_events,
        badge_layouts,
        print_badges_command,
        export_schedule,
        program,
        tent_cards_command,
        import_registrations,
        export_registrations,
        purge_personal_data,
        send_reminders_command,
    ]
