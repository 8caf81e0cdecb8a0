"""Questions an organizer adds to an event's registration form, and the answers to them.

A question is identified across exports, imports, placeholders and the API by its ``key``
(unique per event, never reused). An answer stores one canonical text per registration and
question (see ``eventsapp.questions.values``); a choice answer stores its options as
``AnswerChoice`` rows instead, by option id, so that renaming an option keeps every answer.
Questions and options are retired, never deleted once answered: a retired question leaves
the forms but its answers stay in exports.

This package sits below registration (tests/test_import_graph.py): the links to a
registration are foreign keys and ``Mapped[Any]`` relationships, and registration calls in.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventsapp.db import UTCDateTime, enum_column, utcnow
from eventsapp.events.models import Event
from eventsapp.extensions import Model


class QuestionType(enum.Enum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    NUMBER = "number"
    DATE = "date"
    TIME = "time"
    COUNTRY = "country"
    EMAIL = "email"
    PHONE = "phone"
    CONSENT = "consent"  # a checkbox that must be ticked; its text is the label

    @property
    def has_options(self) -> bool:
        return self in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE)


class QuestionForm(enum.Flag):
    """Where a question is asked (any combination)."""

    PUBLIC = 1  # the public sign-up form and the personal-link page
    HEAD = 2  # a head of delegation registering a member
    MANAGE = 4  # the back-office registration form


ALL_FORMS = QuestionForm.PUBLIC | QuestionForm.HEAD | QuestionForm.MANAGE


class Question(Model):
    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("event_id", "key"),
        CheckConstraint("forms BETWEEN 0 AND 7", name="forms_flags"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    # Column name in exports and imports, placeholder in mails ({q_<key>}), API field.
    key: Mapped[str] = mapped_column(String(40))
    type: Mapped[QuestionType] = mapped_column(enum_column(QuestionType, "question_type"))
    label_en: Mapped[str] = mapped_column(String(500))
    label_es: Mapped[str] = mapped_column(String(500), default="")
    help_en: Mapped[str] = mapped_column(Text, default="")
    help_es: Mapped[str] = mapped_column(Text, default="")
    required: Mapped[bool] = mapped_column(default=False)
    # Space-separated RegistrationRole values the question is for; empty: every role.
    roles: Mapped[str] = mapped_column(String(200), default="")
    # QuestionForm flags, stored as their integer value.
    forms: Mapped[int] = mapped_column(default=ALL_FORMS.value)
    position: Mapped[int] = mapped_column(default=0)
    # Asked only when another question of the event has this answer (its canonical value:
    # an option id as text for a choice, "yes"/"no" for yes/no, the exact text otherwise).
    show_if_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL")
    )
    show_if_value: Mapped[str] = mapped_column(String(200), default="")
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[Event] = relationship()
    options: Mapped[list[QuestionOption]] = relationship(
        back_populates="question",
        order_by="QuestionOption.position, QuestionOption.id",
        cascade="all, delete-orphan",
    )
    show_if_question: Mapped[Question | None] = relationship(remote_side=[id])

    @property
    def form_flags(self) -> QuestionForm:
        return QuestionForm(self.forms)

    @property
    def role_values(self) -> set[str]:
        return set(self.roles.split())

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    def label(self, lang: str) -> str:
        return (self.label_es if lang == "es" else "") or self.label_en

    def help(self, lang: str) -> str:
        return (self.help_es if lang == "es" else "") or self.help_en


class QuestionOption(Model):
    __tablename__ = "question_options"
    __table_args__ = (CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    label_en: Mapped[str] = mapped_column(String(300))
    label_es: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(default=0)
    # Places (the site visit with 40 places); None: unlimited. Held under a lock on this
    # row, with a waiting list of its own numbered 1..n (AnswerChoice.waitlist_position).
    capacity: Mapped[int | None]
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    question: Mapped[Question] = relationship(back_populates="options")

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    def label(self, lang: str) -> str:
        return (self.label_es if lang == "es" else "") or self.label_en


class Answer(Model):
    __tablename__ = "answers"
    __table_args__ = (
        UniqueConstraint("registration_id", "question_id"),
        # Not on ``value``: a long-text answer can pass PostgreSQL's b-tree row limit.
        Index("ix_answers_question_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    # The canonical text (eventsapp.questions.values); empty for a choice question, whose
    # options are its ``choices``.
    value: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    question: Mapped[Question] = relationship()
    # upward link: Registration
    registration: Mapped[Any] = relationship("Registration")
    choices: Mapped[list[AnswerChoice]] = relationship(
        back_populates="answer", cascade="all, delete-orphan", order_by="AnswerChoice.id"
    )


class AnswerChoice(Model):
    """One chosen option of a choice answer. ``waitlist_position`` is None when the choice
    holds its place (or the option has no capacity), else its place in the option's
    waiting list (1..n per option, without gaps)."""

    __tablename__ = "answer_choices"
    __table_args__ = (
        UniqueConstraint("answer_id", "option_id"),
        Index("ix_answer_choices_option_waitlist", "option_id", "waitlist_position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"))
    option_id: Mapped[int] = mapped_column(ForeignKey("question_options.id", ondelete="RESTRICT"))
    waitlist_position: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    answer: Mapped[Answer] = relationship(back_populates="choices")
    option: Mapped[QuestionOption] = relationship()

    @property
    def holds_place(self) -> bool:
        return self.waitlist_position is None
