"""The list of blueprints the factory registers; each domain adds its own here."""


def all_blueprints():
    from eventsapp.audit.manage import bp as audit_manage_bp
    from eventsapp.auth.views import bp as auth_bp
    from eventsapp.badges.manage import bp as badges_manage_bp
    from eventsapp.checkin.api import bp as checkin_api_bp
    from eventsapp.checkin.manage import bp as checkin_bp
    from eventsapp.events.manage import bp as events_manage_bp
    from eventsapp.events.views import bp as events_bp

    return [
        auth_bp,
        events_bp,
        events_manage_bp,
        checkin_bp,
        checkin_api_bp,
        audit_manage_bp,
        badges_manage_bp,
    ]
