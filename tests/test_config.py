"""Settings come from the environment; production refuses to start without a real secret."""

import importlib

import pytest

import eventsapp.config
from eventsapp import create_app


def _reload_config(monkeypatch, **env):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    importlib.reload(eventsapp.config)


@pytest.fixture(autouse=True)
def _restore_config():
    yield
    importlib.reload(eventsapp.config)


def test_production_refuses_the_development_secret(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    _reload_config(monkeypatch, EVENTSAPP_ENV="production", DATABASE_URL="sqlite://")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


def test_production_refuses_a_short_secret(monkeypatch):
    _reload_config(
        monkeypatch, EVENTSAPP_ENV="production", SECRET_KEY="short", DATABASE_URL="sqlite://"
    )
    with pytest.raises(RuntimeError):
        create_app()


def test_production_starts_with_a_real_secret_and_secure_cookies(monkeypatch):
    _reload_config(
        monkeypatch,
        EVENTSAPP_ENV="production",
        SECRET_KEY="x" * 40,
        DATABASE_URL="sqlite://",
        MAIL_SERVER="smtp.example.org",
        MAIL_PORT="2525",
        SERVER_NAME="events.example.org",
        PREFERRED_URL_SCHEME="https",
        REDIS_URL="redis://127.0.0.1:6379/13",
    )
    app = create_app()
    assert app.config["SECRET_KEY"] == "x" * 40
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["MAIL_SERVER"] == "smtp.example.org" and app.config["MAIL_PORT"] == 2525
    assert app.config["TRUSTED_HOSTS"] == ["events.example.org"]


def test_production_refuses_to_start_without_server_name(monkeypatch):
    monkeypatch.delenv("SERVER_NAME", raising=False)
    _reload_config(
        monkeypatch, EVENTSAPP_ENV="production", SECRET_KEY="x" * 40, DATABASE_URL="sqlite://"
    )
    with pytest.raises(RuntimeError, match="SERVER_NAME"):
        create_app()


def test_development_links_name_the_address_make_run_serves(monkeypatch):
    monkeypatch.delenv("SERVER_NAME", raising=False)
    _reload_config(monkeypatch, EVENTSAPP_ENV="development", DATABASE_URL="sqlite://")
    app = create_app()
    assert app.config["SERVER_NAME"] == "127.0.0.1:5000"
    assert app.config["TRUSTED_HOSTS"] is None  # localhost:5000 answers too


def test_development_default_is_sqlite_under_instance(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    _reload_config(monkeypatch, EVENTSAPP_ENV="development")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("instance/eventsapp.sqlite")
