"""issued documents (verifiable references), branding, visa letter and certificate settings

Creates ``issued_documents`` (eventsapp/documents/models.py): one record per visa letter or
certificate issued, with its random reference, issue date and revocation; at most one valid
document per registration and kind (a partial unique index, SQLite and PostgreSQL).
Creates ``branding_settings`` (eventsapp/events/branding_models.py): the site's branding
and each event's override (names, colours, signatory, logo and signature in stored_files).
Adds the events' letter settings (language of letters and certificates, who bears the
costs, CLE provider and accreditation number) and the person's embassy or consulate.

Revision ID: 0010
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op

import eventsapp.db

revision = '0010'
down_revision = '0013'
branch_labels = None
depends_on = None

ACTIVE = sa.text('revoked_at IS NULL')


def upgrade():
    op.create_table('issued_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=24), nullable=False),
    sa.Column('kind', sa.Enum('visa_letter', 'certificate', name='document_kind', native_enum=False, create_constraint=True, length=11), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=True),
    sa.Column('issued_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('revoked_at', eventsapp.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoke_reason', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_issued_documents_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_issued_documents_issued_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_issued_documents_registration_id_registrations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_documents')),
    sa.UniqueConstraint('reference', name=op.f('uq_issued_documents_reference'))
    )
    with op.batch_alter_table('issued_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issued_documents_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issued_documents_registration_id'), ['registration_id'], unique=False)
        batch_op.create_index('uq_issued_documents_active', ['registration_id', 'kind'], unique=True, sqlite_where=ACTIVE, postgresql_where=ACTIVE)

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('letter_language', sa.Enum('en', 'es', 'both', name='letter_language', native_enum=False, create_constraint=True, length=4), nullable=False, server_default='both'))
        batch_op.add_column(sa.Column('visa_costs', sa.Enum('participant', 'organizers', 'shared', name='visa_costs', native_enum=False, create_constraint=True, length=11), nullable=False, server_default='participant'))
        batch_op.add_column(sa.Column('cle_provider', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('cle_accreditation', sa.String(length=100), nullable=False, server_default=''))

    op.create_table('branding_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('name_es', sa.String(length=200), nullable=False),
    sa.Column('logo_key', sa.String(length=80), nullable=True),
    sa.Column('signature_key', sa.String(length=80), nullable=True),
    sa.Column('primary_color', sa.String(length=7), nullable=False),
    sa.Column('accent_color', sa.String(length=7), nullable=False),
    sa.Column('signatory_name', sa.String(length=200), nullable=False),
    sa.Column('signatory_title', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_branding_settings_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_branding_settings')),
    sa.UniqueConstraint('event_id', name=op.f('uq_branding_settings_event_id'))
    )

    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('visa_consulate', sa.String(length=200), nullable=False, server_default=''))


def downgrade():
    op.drop_table('branding_settings')
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_column('visa_consulate')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('cle_accreditation')
        batch_op.drop_column('cle_provider')
        batch_op.drop_column('visa_costs')
        batch_op.drop_column('letter_language')
    with op.batch_alter_table('issued_documents', schema=None) as batch_op:
        batch_op.drop_index('uq_issued_documents_active')
        batch_op.drop_index(batch_op.f('ix_issued_documents_registration_id'))
        batch_op.drop_index(batch_op.f('ix_issued_documents_event_id'))
    op.drop_table('issued_documents')
