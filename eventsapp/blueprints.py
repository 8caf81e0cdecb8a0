"""The list of blueprints the factory registers; each domain adds its own here.

One way to attach routes: a blueprint ``bp`` is created in the module that names it
(``views.py``, ``manage.py``...); a module of the same package that adds routes to it
imports that ``bp`` and is imported here, once, for its routes. No other module imports a
module for the side effect of its routes."""

import flask_smorest
from flask import Blueprint


def all_blueprints() -> list[Blueprint]:
    from eventsapp.agenda import (
        personal,  # noqa: F401  (routes on agenda)
        schedule,  # noqa: F401  (routes on agenda_manage)
        sessions_manage,  # noqa: F401  (routes on agenda_manage)
    )
    from eventsapp.agenda.manage import bp as agenda_manage_bp
    from eventsapp.agenda.views import bp as agenda_bp
    from eventsapp.api.manage import bp as api_manage_bp
    from eventsapp.api.spec import docs as api_docs_bp
    from eventsapp.auth.views import bp as auth_bp
    from eventsapp.badges import manage_settings  # noqa: F401  (routes on badges_manage)
    from eventsapp.badges.manage import bp as badges_manage_bp
    from eventsapp.checkin.api import bp as checkin_api_bp
    from eventsapp.checkin.manage import bp as checkin_bp
    from eventsapp.comms import compose  # noqa: F401  (routes on comms_manage)
    from eventsapp.comms.manage import bp as comms_manage_bp
    from eventsapp.comms.views import bp as comms_bp
    from eventsapp.delegations import join_views  # noqa: F401  (routes on both blueprints)
    from eventsapp.delegations.manage import bp as delegations_manage_bp
    from eventsapp.delegations.views import bp as delegations_bp
    from eventsapp.documents.manage import bp as documents_manage_bp
    from eventsapp.documents.tent_views import bp as tent_cards_manage_bp
    from eventsapp.documents.verify import bp as verify_bp
    from eventsapp.documents.views import bp as documents_bp
    from eventsapp.events import (
        branding_manage,  # noqa: F401  (routes on events_manage, events)
        clone_page,  # noqa: F401  (routes on events_manage)
    )
    from eventsapp.events.audit_log import bp as audit_manage_bp
    from eventsapp.events.manage import bp as events_manage_bp
    from eventsapp.events.views import bp as events_bp
    from eventsapp.jobs.health import bp as health_bp
    from eventsapp.jobs.manage import bp as jobs_manage_bp
    from eventsapp.mail.manage import bp as mail_manage_bp
    from eventsapp.questions import manage_options  # noqa: F401  (routes on questions_manage)
    from eventsapp.questions.manage import bp as questions_manage_bp
    from eventsapp.registration import (
        manage_confirm,  # noqa: F401  (routes on registration_manage)
        manage_files,  # noqa: F401  (routes on registration_manage)
        manage_privacy,  # noqa: F401  (routes on registration_manage)
        manage_review,  # noqa: F401  (routes on registration_manage)
    )
    from eventsapp.registration.manage import bp as registration_manage_bp
    from eventsapp.registration.views import bp as registration_bp
    from eventsapp.travel.manage import bp as travel_manage_bp
    from eventsapp.travel.views import bp as travel_bp
    from eventsapp.webhooks.manage import bp as webhooks_manage_bp

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
        verify_bp,
        tent_cards_manage_bp,
        registration_bp,
        registration_manage_bp,
        delegations_bp,
        delegations_manage_bp,
        travel_bp,
        travel_manage_bp,
        mail_manage_bp,
        comms_manage_bp,
        comms_bp,
        jobs_manage_bp,
        api_manage_bp,
        api_docs_bp,
        webhooks_manage_bp,
        questions_manage_bp,
    ]


def api_blueprints() -> list[flask_smorest.Blueprint]:
    """API v1's resources (flask-smorest blueprints, registered through the Api so that the
    OpenAPI document describes them)."""
    from eventsapp.api.answer_views import bp as answers_bp
    from eventsapp.api.checkin_views import bp as checkins_bp
    from eventsapp.api.read_views import bp as read_bp
    from eventsapp.api.registration_views import bp as registrations_bp

    return [read_bp, registrations_bp, answers_bp, checkins_bp]
