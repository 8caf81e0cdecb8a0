"""How the audit log names delegations."""

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from eventsapp.audit.describe import register_names
from eventsapp.delegations.models import Delegation

register_names(
    "Delegation",
    _l("delegation"),
    Delegation,
    lambda d: d.name,
    keys=("delegation_id", "requested_delegation_id"),
    options=(selectinload(Delegation.jurisdiction), selectinload(Delegation.organization)),
)
