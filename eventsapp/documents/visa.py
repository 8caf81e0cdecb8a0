"""The visa invitation letter's content, as a consulate reads it: letterhead, place and date
of issue, reference, addressee, the person as in their passport (no honorific), the event,
their role and stay, who bears the costs, signatory and signature, and the verification
link. In the event's letter language: English, Spanish, or both (one letter after the
other, the same reference)."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from eventsapp.documents.countries import country_name
from eventsapp.documents.data import Letterhead, VisaLetter
from eventsapp.documents.labels import page_of
from eventsapp.documents.models import IssuedDocument
from eventsapp.events.branding import Branding, branding_for
from eventsapp.events.models import Event, LetterLanguage, VisaCosts
from eventsapp.i18n import fmt_date, fmt_date_range, localized
from eventsapp.places import place_name
from eventsapp.registration.labels import ROLE
from eventsapp.registration.models import Registration
from eventsapp.urls import external_url

PURPOSE_LIMIT = 600  # characters of the event's description quoted as the purpose


def letter_languages(event: Event) -> tuple[str, ...]:
    if event.letter_language is LetterLanguage.BOTH:
        return ("en", "es")
    return (event.letter_language.value,)


def verify_url(document: IssuedDocument) -> str:
    return external_url("verify.document", reference=document.reference)


def passport_name(registration: Registration) -> str:
    """The name as in the passport: given and family names, no honorific."""
    person = registration.person
    return " ".join(p for p in (person.given_name.strip(), person.family_name.strip()) if p)


def letterhead(event: Event, branding: Branding, lang: str) -> Letterhead:
    """The issuing organisation (its name, else the event's title), and the event's
    address and contact."""
    title = localized(event, "title", lang)
    name = branding.name(lang) or title
    lines = [title] if name != title else []
    address = ", ".join(
        p
        for p in (
            event.venue_address,
            event.venue_city,
            country_name(event.venue_country, lang) if event.venue_country else "",
        )
        if p
    )
    lines += [address, event.contact_email]
    return Letterhead(
        title=name,
        lines=[line for line in lines if line],
        logo=branding.logo,
        color=branding.primary_color,
    )


def _venue(event: Event, lang: str) -> str:
    country = country_name(event.venue_country, lang) if event.venue_country else ""
    parts = (event.venue_name, event.venue_address, event.venue_city, country)
    return ", ".join(p for p in parts if p) or "—"


def _costs(event: Event, organisation: str) -> str:
    return {
        VisaCosts.PARTICIPANT: _(
            "All costs of the visit (travel, accommodation, meals and insurance) are borne "
            "by the participant or the participant's institution; %(organisation)s assumes "
            "no financial responsibility.",
            organisation=organisation,
        ),
        VisaCosts.ORGANIZERS: _(
            "%(organisation)s will bear the participant's costs of travel, accommodation and "
            "meals for the duration of the event.",
            organisation=organisation,
        ),
        VisaCosts.SHARED: _(
            "%(organisation)s will bear the participant's accommodation and meals for the "
            "duration of the event; travel costs are borne by the participant or the "
            "participant's institution.",
            organisation=organisation,
        ),
    }[event.visa_costs]


def _addressee(registration: Registration, event: Event, lang: str) -> list[str]:
    own = registration.person.visa_consulate.strip()
    if own:
        return [_("Consular Section"), own]
    if event.venue_country:
        country = country_name(event.venue_country, lang, formal=True)
        return [_("Consular Section"), _("Embassy or Consulate of %(country)s", country=country)]
    return [_("Consular Section"), _("Embassy or Consulate")]


def _one(
    event: Event,
    registration: Registration,
    document: IssuedDocument,
    branding: Branding,
    lang: str,
) -> VisaLetter:
    person = registration.person
    name = passport_name(registration)
    head = letterhead(event, branding, lang)
    organisation = head.title
    title = localized(event, "title", lang)
    dates = fmt_date_range(event.start_date, event.end_date, lang)
    role = str(ROLE[registration.role])
    issued_on = fmt_date(event.local_date(document.issued_at), "long", lang=lang)
    city = event.venue_city.strip()
    body = [
        _(
            "On behalf of %(organisation)s, we are pleased to invite %(name)s to attend "
            "%(event)s as %(role)s. The event will be held at %(venue)s, %(dates)s.",
            organisation=organisation,
            name=name,
            event=title,
            role=role.lower() if lang == "es" else role,
            venue=_venue(event, lang),
            dates=dates,
        )
    ]
    purpose = localized(event, "description", lang).strip()
    if purpose:
        if len(purpose) > PURPOSE_LIMIT:
            purpose = purpose[:PURPOSE_LIMIT].rsplit(" ", 1)[0] + " …"
        body.append(_("Purpose of the visit: %(purpose)s", purpose=purpose))
    if registration.arrival_date and registration.departure_date:
        body.append(
            _(
                "The participant intends to arrive on %(arrival)s and to depart on %(departure)s.",
                arrival=fmt_date(registration.arrival_date, "long", lang=lang),
                departure=fmt_date(registration.departure_date, "long", lang=lang),
            )
        )
    body.append(_costs(event, organisation))
    body.append(
        _(
            "We kindly request that the visa application of the participant described below "
            "be given favourable consideration."
        )
    )
    jurisdiction = person.jurisdiction
    details = [
        (_("Full name (as in the passport)"), name),
        (_("Date of birth"), fmt_date(person.date_of_birth, "long", lang=lang) or "—"),
        (_("Nationality"), country_name(person.nationality, lang) or "—"),
        (_("Passport number"), person.passport_number or "—"),
        (_("Passport expiry date"), fmt_date(person.passport_expiry, "long", lang=lang) or "—"),
    ]
    organization = getattr(person.organization, "name", "") or person.organization_other
    position = ", ".join(p for p in (person.position, organization) if p)
    if position:
        details.append((_("Position"), position))
    if jurisdiction is not None:
        where = place_name(jurisdiction.name, lang)
        if jurisdiction.country:
            where += f" ({country_name(jurisdiction.country, lang)})"
        details.append((_("Jurisdiction"), where))
    # The event, its dates and venue are in the first paragraph; the stay too when both
    # travel dates are known.
    details.append((_("Role at the event"), role))
    if bool(registration.arrival_date) != bool(registration.departure_date):
        stay = " – ".join(
            fmt_date(d, "long", lang=lang) if d else "—"
            for d in (registration.arrival_date, registration.departure_date)
        )
        details.append((_("Intended stay"), stay))
    url = verify_url(document)
    return VisaLetter(
        letterhead=head,
        date=f"{city}, {issued_on}" if city else issued_on,
        addressee=_addressee(registration, event, lang),
        subject=_("Invitation letter for visa application: %(name)s", name=name),
        salutation=_("Dear Consular Officer:"),
        body=body,
        details=details,
        closing=_("Sincerely,"),
        signatory_name=branding.signatory_name,
        signatory_title=branding.signatory_title,
        page_of=page_of(),
        reference=document.reference,
        verify_url=url,
        reference_line=_(
            "The authenticity of this letter can be checked at %(url)s (reference "
            "%(reference)s) or by scanning the code.",
            url=url,
            reference=document.reference,
        ),
        reference_label=_("Reference: %(reference)s", reference=document.reference),
        signature=branding.signature,
        lang=lang,
    )


def visa_letters(
    event: Event, registration: Registration, document: IssuedDocument
) -> list[VisaLetter]:
    """The letter for ``registration``: one per language of the event's letter setting."""
    branding = branding_for(event)
    letters = []
    for lang in letter_languages(event):
        with force_locale(lang):
            letters.append(_one(event, registration, document, branding, lang))
    return letters
