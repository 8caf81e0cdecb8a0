"""questions of the organizer's own: questions, options, answers, chosen options

Also events.answers_editable_until, the cut-off for changing answers through a personal
link (eventsapp.questions.models).

Revision ID: 0021
Revises: 0012
"""

from alembic import op
import sqlalchemy as sa

import eventsapp.db


# revision identifiers, used by Alembic.
revision = "0021"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "short_text",
                "long_text",
                "single_choice",
                "multiple_choice",
                "yes_no",
                "number",
                "date",
                "time",
                "country",
                "email",
                "phone",
                "consent",
                name="question_type",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("label_en", sa.String(length=500), nullable=False),
        sa.Column("label_es", sa.String(length=500), nullable=False),
        sa.Column("help_en", sa.Text(), nullable=False),
        sa.Column("help_es", sa.Text(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("roles", sa.String(length=200), nullable=False),
        sa.Column("forms", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("show_if_question_id", sa.Integer(), nullable=True),
        sa.Column("show_if_value", sa.String(length=200), nullable=False),
        sa.Column("retired_at", eventsapp.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", eventsapp.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("forms BETWEEN 0 AND 7", name=op.f("ck_questions_forms_flags")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_questions_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["show_if_question_id"],
            ["questions.id"],
            name=op.f("fk_questions_show_if_question_id_questions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
        sa.UniqueConstraint("event_id", "key", name=op.f("uq_questions_event_id_key")),
    )
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_questions_event_id"), ["event_id"], unique=False)

    op.create_table(
        "question_options",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("label_en", sa.String(length=300), nullable=False),
        sa.Column("label_es", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("retired_at", eventsapp.db.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "capacity IS NULL OR capacity >= 0", name=op.f("ck_question_options_capacity")
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_question_options_question_id_questions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_options")),
    )
    with op.batch_alter_table("question_options", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_question_options_question_id"), ["question_id"], unique=False
        )

    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", eventsapp.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_answers_question_id_questions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_answers_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answers")),
        sa.UniqueConstraint(
            "registration_id", "question_id", name=op.f("uq_answers_registration_id_question_id")
        ),
    )
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.create_index("ix_answers_question_id", ["question_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_answers_registration_id"), ["registration_id"], unique=False
        )

    op.create_table(
        "answer_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("option_id", sa.Integer(), nullable=False),
        sa.Column("waitlist_position", sa.Integer(), nullable=True),
        sa.Column("created_at", eventsapp.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["answers.id"],
            name=op.f("fk_answer_choices_answer_id_answers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["option_id"],
            ["question_options.id"],
            name=op.f("fk_answer_choices_option_id_question_options"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer_choices")),
        sa.UniqueConstraint(
            "answer_id", "option_id", name=op.f("uq_answer_choices_answer_id_option_id")
        ),
    )
    with op.batch_alter_table("answer_choices", schema=None) as batch_op:
        batch_op.create_index(
            "ix_answer_choices_option_waitlist", ["option_id", "waitlist_position"], unique=False
        )

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "answers_editable_until", eventsapp.db.UTCDateTime(timezone=True), nullable=True
            )
        )


def downgrade():
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("answers_editable_until")

    with op.batch_alter_table("answer_choices", schema=None) as batch_op:
        batch_op.drop_index("ix_answer_choices_option_waitlist")

    op.drop_table("answer_choices")
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answers_registration_id"))
        batch_op.drop_index("ix_answers_question_id")

    op.drop_table("answers")
    with op.batch_alter_table("question_options", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_options_question_id"))

    op.drop_table("question_options")
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_questions_event_id"))

    op.drop_table("questions")
