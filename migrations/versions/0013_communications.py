"""communications: editable mail texts, mail settings and opt-outs, group messages,
reminder records; outbox columns for headers and attachments (issue 15)

Revision ID: 0013
Revises: 0020
"""
from alembic import op
import sqlalchemy as sa

import eventsapp.db


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('mail_optouts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('created_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_mail_optouts_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_optouts')),
    sa.UniqueConstraint('event_id', 'email', name=op.f('uq_mail_optouts_event_id_email'))
    )
    with op.batch_alter_table('mail_optouts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_optouts_event_id'), ['event_id'], unique=False)

    op.create_table('mail_settings',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('reply_to', sa.String(length=254), nullable=False),
    sa.Column('closing_days', sa.Integer(), nullable=False),
    sa.Column('remind_closing', sa.Boolean(), nullable=False),
    sa.Column('remind_passport', sa.Boolean(), nullable=False),
    sa.Column('remind_day_before', sa.Boolean(), nullable=False),
    sa.Column('remind_after_event', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_mail_settings_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_mail_settings'))
    )
    op.create_table('mail_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_mail_templates_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_templates')),
    sa.UniqueConstraint('event_id', 'kind', 'language', name=op.f('uq_mail_templates_event_id_kind_language'))
    )
    with op.batch_alter_table('mail_templates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_templates_event_id'), ['event_id'], unique=False)

    op.create_table('group_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('subject_en', sa.String(length=300), nullable=False),
    sa.Column('body_en', sa.Text(), nullable=False),
    sa.Column('subject_es', sa.String(length=300), nullable=False),
    sa.Column('body_es', sa.Text(), nullable=False),
    sa.Column('filters', sa.JSON(), nullable=False),
    sa.Column('registration_ids', sa.JSON(), nullable=False),
    sa.Column('created_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_group_messages_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_group_messages_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_group_messages_job_id_jobs'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_messages'))
    )
    with op.batch_alter_table('group_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_messages_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_messages_event_id'), ['event_id'], unique=False)

    op.create_table('reminder_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('created_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_reminder_deliveries_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['message_id'], ['outbox_messages.id'], name=op.f('fk_reminder_deliveries_message_id_outbox_messages'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_reminder_deliveries_registration_id_registrations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_deliveries')),
    sa.UniqueConstraint('kind', 'registration_id', name=op.f('uq_reminder_deliveries_kind_registration_id'))
    )
    with op.batch_alter_table('reminder_deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_deliveries_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminder_deliveries_registration_id'), ['registration_id'], unique=False)

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reply_to', sa.String(length=254), server_default='', nullable=False))
        batch_op.add_column(sa.Column('automatic', sa.Boolean(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('unsubscribe_url', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('registration_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('group_message_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('attachment_kind', sa.String(length=30), server_default='', nullable=False))
        batch_op.add_column(sa.Column('attachment_key', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('attachment_name', sa.String(length=200), server_default='', nullable=False))
        batch_op.create_index(batch_op.f('ix_outbox_messages_group_message_id'), ['group_message_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_messages_registration_id'), ['registration_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_outbox_messages_group_message_id_group_messages'), 'group_messages', ['group_message_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_outbox_messages_registration_id_registrations'), 'registrations', ['registration_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_outbox_messages_registration_id_registrations'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_outbox_messages_group_message_id_group_messages'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_outbox_messages_registration_id'))
        batch_op.drop_index(batch_op.f('ix_outbox_messages_group_message_id'))
        batch_op.drop_column('attachment_name')
        batch_op.drop_column('attachment_key')
        batch_op.drop_column('attachment_kind')
        batch_op.drop_column('group_message_id')
        batch_op.drop_column('registration_id')
        batch_op.drop_column('unsubscribe_url')
        batch_op.drop_column('automatic')
        batch_op.drop_column('reply_to')

    with op.batch_alter_table('reminder_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_deliveries_registration_id'))
        batch_op.drop_index(batch_op.f('ix_reminder_deliveries_event_id'))

    op.drop_table('reminder_deliveries')
    with op.batch_alter_table('group_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_messages_event_id'))
        batch_op.drop_index(batch_op.f('ix_group_messages_created_by_id'))

    op.drop_table('group_messages')
    with op.batch_alter_table('mail_templates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_templates_event_id'))

    op.drop_table('mail_templates')
    op.drop_table('mail_settings')
    with op.batch_alter_table('mail_optouts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_optouts_event_id'))

    op.drop_table('mail_optouts')
