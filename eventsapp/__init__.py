"""eventsapp: event and conference management for governmental summits and workshops."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask

from eventsapp.config import (
    check_production_redis,
    check_production_secret,
    check_production_server_name,
    config_for,
)

TEMPLATE_DIR = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "templates"
)


def create_app(config: str | dict[str, Any] | None = None) -> Flask:
    """Build the application. ``config`` names a config class or gives overrides."""
    overrides = config if isinstance(config, dict) else {}
    # The instance folder (default uploads and SQLite file): INSTANCE_PATH
    # in the overrides or the environment, else the repository's instance/ (Flask's default).
    instance_path = overrides.get("INSTANCE_PATH") or os.environ.get("INSTANCE_PATH") or None
    app = Flask(
        __name__,
        template_folder=TEMPLATE_DIR,
        instance_path=instance_path,
        instance_relative_config=True,
    )
    name = config if isinstance(config, str) else None
    app.config.from_object(config_for(name))
    if isinstance(config, dict):
        app.config.update(config)
    if app.config.get("ENV_NAME", name or os.environ.get("EVENTSAPP_ENV")) == "production":
        check_production_secret(app.config.get("SECRET_KEY"))
        check_production_server_name(app.config)
        check_production_redis(app.config)
    app.config["INSTANCE_PATH"] = app.instance_path
    app.config["UPLOAD_FOLDER"] = app.config.get("UPLOAD_FOLDER") or os.path.join(
        app.instance_path, "uploads"
    )
    os.makedirs(app.instance_path, exist_ok=True)

    register_extensions(app)
    from eventsapp.inputs import register_input_readers

    register_input_readers(app)
    register_blueprints(app)
    register_audit_names()
    register_cli(app)
    register_errorhandlers(app)
    register_shell_context(app)
    return app


def register_extensions(app: Flask) -> None:
    from eventsapp.db import configure_sqlite
    from eventsapp.extensions import babel, csrf, db, login_manager, migrate
    from eventsapp.i18n import register_template_helpers, select_locale
    from eventsapp.ratelimits import init_rate_limits

    db.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
    migrate.init_app(
        app,
        db,
        directory=os.path.join(os.path.dirname(TEMPLATE_DIR), "migrations"),
        render_as_batch=True,
        compare_type=True,
    )
    csrf.init_app(app)
    init_rate_limits(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=";".join(_translation_directories()),
    )
    login_manager.init_app(app)
    register_template_helpers(app)
    from eventsapp.places import register_template_helpers as register_place_names

    register_place_names(app)
    import eventsapp.models  # noqa: F401  (every model registered with the metadata)
    from eventsapp.auth.login import configure_login

    configure_login(app, login_manager)
    from eventsapp.auth.permissions import event_loader
    from eventsapp.events.services import event_by_slug

    event_loader(event_by_slug)  # auth's decorators find a slug's event without importing it
    from eventsapp.jobs import celery_init_app

    celery_init_app(app)


def _translation_directories() -> list[str]:
    """One catalog per domain package (eventsapp/<domain>/translations), merged by Flask-Babel."""
    root = os.path.dirname(os.path.abspath(__file__))
    dirs = [os.path.join(root, "translations")]
    for entry in sorted(os.listdir(root)):
        path = os.path.join(root, entry, "translations")
        if os.path.isdir(path):
            dirs.append(path)
    return dirs


AUDIT_NAMED_DOMAINS = (
    "events",
    "questions",
    "registration",
    "delegations",
    "agenda",
    "checkin",
    "travel",
)


def register_audit_names() -> None:
    """Each domain tells the audit log how to name its records (eventsapp.audit.describe)."""
    import importlib

    for domain in AUDIT_NAMED_DOMAINS:
        importlib.import_module(f"eventsapp.{domain}.audit_names")


def register_blueprints(app: Flask) -> None:
    from eventsapp.auth.permissions import menu_audiences
    from eventsapp.blueprints import all_blueprints
    from eventsapp.navigation import register_menu

    for blueprint in all_blueprints():
        app.register_blueprint(blueprint)
    register_menu(app, menu_audiences)
    register_api(app)


def register_api(app: Flask) -> None:
    from eventsapp.api.spec import api, configure
    from eventsapp.blueprints import api_blueprints

    configure(app)
    for blueprint in api_blueprints():
        api.register_blueprint(blueprint)


def register_cli(app: Flask) -> None:
    from eventsapp.commands import all_commands

    for command in all_commands():
        app.cli.add_command(command)


def register_errorhandlers(app: Flask) -> None:
    from eventsapp.errorpages import register
    from eventsapp.security import register_security_headers

    register(app)
    register_security_headers(app)


def register_shell_context(app: Flask) -> None:
    from eventsapp.extensions import db

    app.shell_context_processor(lambda: {"db": db})
