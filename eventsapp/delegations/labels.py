"""Translated display labels for delegations."""

from flask_babel import lazy_gettext as _l

from eventsapp.delegations.models import DelegationStatus

STATUS = {
    DelegationStatus.INVITED: _l("Invited"),
    DelegationStatus.CONFIRMED: _l("Confirmed"),
    DelegationStatus.WITHDRAWN: _l("Withdrawn"),
}
