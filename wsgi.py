"""WSGI entry point: ``gunicorn wsgi:app`` (production) or ``flask --app wsgi run``; the
Celery worker and scheduler: ``celery --app wsgi:celery worker --beat`` (``make worker``)."""

from eventsapp import create_app

app = create_app()
celery = app.extensions["celery"]
