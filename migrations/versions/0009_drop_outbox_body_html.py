"""drop outbox_messages.body_html (never written but as '', never read)

Mail goes out as plain text only (templates/mail/*.txt); the HTML body column was dead.
Downgrade puts the column back, empty.

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_messages') as batch_op:
        batch_op.drop_column('body_html')


def downgrade():
    with op.batch_alter_table('outbox_messages') as batch_op:
        batch_op.add_column(sa.Column('body_html', sa.Text(), server_default='', nullable=False))
