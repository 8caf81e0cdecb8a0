"""personal link expiry and replacement; privacy notice, consent, retention

Events get a bilingual privacy notice (empty: the default text), a retention period for
private details (NULL: the RETENTION_DAYS_AFTER_EVENT setting) and the time their personal
data was purged; registrations record when consent to the notice was given (NULL for
registrations made before this revision).

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

import eventsapp.db

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('privacy_notice_en', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('privacy_notice_es', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('retention_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('personal_data_purged_at',
                                      eventsapp.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_check_constraint(
            'retention_positive', 'retention_days IS NULL OR retention_days >= 0'
        )

    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_at', eventsapp.db.UTCDateTime(timezone=True),
                                      nullable=True))


def downgrade():
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_column('consent_at')

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_events_retention_positive'), type_='check')
        batch_op.drop_column('personal_data_purged_at')
        batch_op.drop_column('retention_days')
        batch_op.drop_column('privacy_notice_es')
        batch_op.drop_column('privacy_notice_en')
