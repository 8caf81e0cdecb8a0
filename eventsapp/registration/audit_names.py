"""How the audit log names people and registrations, labels their values, and finds the
records of a person searched by name or e-mail (accents ignored)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from eventsapp import collation
from eventsapp.audit.describe import register_names, register_search, register_values
from eventsapp.extensions import db
from eventsapp.registration import labels
from eventsapp.registration.models import Person, Registration

register_names(
    "Registration",
    _l("registration"),
    Registration,
    lambda r: r.person.full_name,
    keys=("registration_id", "registration_ids"),
    options=(selectinload(Registration.person),),
)
register_names("Person", _l("person"), Person, lambda p: p.full_name, keys=("person_id",))
register_values("status", labels.STATUS)
register_values("role", labels.ROLE)
register_values("preferred_language", labels.LANGUAGE)


def _people(event_id: int, text: str) -> dict[str, list[int]]:
    matches = collation.contains_words(Person.search_key, text)
    if matches is None:
        return {}
    person_ids = list(
        db.session.scalars(db.select(Person.id).where(Person.event_id == event_id, matches))
    )
    registration_ids = list(
        db.session.scalars(
            db.select(Registration.id).where(
                Registration.event_id == event_id, Registration.person_id.in_(person_ids)
            )
        )
    )
    return {"Person": person_ids, "Registration": registration_ids}


register_search(_people)
