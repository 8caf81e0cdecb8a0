"""Domain errors raised by services; views turn them into form errors or 4xx pages."""

from __future__ import annotations


class DomainError(Exception):
    """A broken business rule. ``field`` names the form field it belongs to, if any."""

    status_code = 400

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    status_code = 404


class PermissionDenied(DomainError):
    status_code = 403


class Conflict(DomainError):
    status_code = 409
