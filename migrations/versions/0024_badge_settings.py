"""badge settings per event: the optional line printed from an answer to a question

Revision ID: 0024
Revises: 0022
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0024"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "badge_settings",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("caption_en", sa.String(length=60), nullable=False),
        sa.Column("caption_es", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_badge_settings_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_badge_settings_question_id_questions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_badge_settings")),
    )
    with op.batch_alter_table("badge_settings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_badge_settings_question_id"), ["question_id"], unique=False
        )


def downgrade():
    op.drop_table("badge_settings")
