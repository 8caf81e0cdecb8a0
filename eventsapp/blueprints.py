"""The list of blueprints the factory registers; each domain adds its own here.

One way to attach routes: a blueprint ``bp`` is created in the module that names it
(``views.py``, ``manage.py``...); a module of the same package that adds routes to it
imports that ``bp`` and is imported here, once, for its routes. No other module imports a
module for the side effect of its routes."""


def all_blueprints():
    from eventsapp.agenda import (
        personal,  # noqa: F401  (routes on agenda)
        schedule,  # noqa: F401  (routes on agenda_manage)
        sessions_manage,  # noqa: F401  (routes on agenda_manage)
    )
    from eventsapp.agenda.manage import bp as agenda_manage_bp
    from eventsapp.agenda.views import bp as agenda_bp
    from eventsapp.auth.views import bp as auth_bp
    from eventsapp.badges.manage import bp as badges_manage_bp
    from eventsapp.checkin.api import bp as checkin_api_bp
    from eventsapp.checkin.manage import bp as checkin_bp
    from eventsapp.delegations import join_views  # noqa: F401  (routes on both blueprints)
    from eventsapp.delegations.manage import bp as delegations_manage_bp
    from eventsapp.delegations.views import bp as delegations_bp
    from eventsapp.documents.manage import bp as documents_manage_bp
    from eventsapp.documents.views import bp as documents_bp
    from eventsapp.events import clone_page  # noqa: F401  (routes on events_manage)
    from eventsapp.events.audit_log import bp as audit_manage_bp
    from eventsapp.events.manage import bp as events_manage_bp
    from eventsapp.events.views import bp as events_bp
    from eventsapp.jobs.health import bp as health_bp
    from eventsapp.jobs.manage import bp as jobs_manage_bp
    from eventsapp.mail.manage import bp as mail_manage_bp
    from eventsapp.registration import (
        manage_files,  # noqa: F401  (routes on registration_manage)
        manage_privacy,  # noqa: F401  (routes on registration_manage)
        manage_review,  # noqa: F401  (routes on registration_manage)
    )
    from eventsapp.registration.manage import bp as registration_manage_bp
    from eventsapp.registration.views import bp as registration_bp

    return [
        health_bp,
        auth_bp,
        events_bp,
        events_manage_bp,
        checkin_bp,
        checkin_api_bp,
        audit_manage_bp,
        badges_manage_bp,
        agenda_bp,
        agenda_manage_bp,
        documents_bp,
        documents_manage_bp,
        registration_bp,
        registration_manage_bp,
        delegations_bp,
        delegations_manage_bp,
        mail_manage_bp,
        jobs_manage_bp,
    ]
