"""The list of CLI commands the factory registers; each domain adds its own here."""


def all_commands():
    from eventsapp.auth.cli import create_user
    from eventsapp.badges.cli import badge_layouts, print_badges_command
    from eventsapp.events.cli import demo, list_events

    return [create_user, demo, list_events, badge_layouts, print_badges_command]
