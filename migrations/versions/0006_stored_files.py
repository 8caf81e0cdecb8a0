"""files every host reads: uploads and finished documents in the database

Creates stored_files and moves the speaker photos found in UPLOAD_FOLDER/speakers into it
(their keys become the SHA-256 of the event's id and the bytes, as eventsapp.storage.put makes
them). Best effort: a photo whose file is missing is
logged and left as it is.

Revision ID: 0006
Revises: 0005
"""
import hashlib
import logging
import os
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import eventsapp.db

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")


def upgrade():
    op.create_table('stored_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', eventsapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_stored_files_event_id_events'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stored_files')),
    sa.UniqueConstraint('key', name=op.f('uq_stored_files_key'))
    )
    with op.batch_alter_table('stored_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stored_files_event_id'), ['event_id'], unique=False)
    _move_speaker_photos()


def downgrade():
    with op.batch_alter_table('stored_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stored_files_event_id'))
    op.drop_table('stored_files')


def _upload_folder() -> str:
    try:
        from flask import current_app

        folder = current_app.config.get("UPLOAD_FOLDER")
        if folder:
            return folder
        return os.path.join(current_app.instance_path, "uploads")
    except RuntimeError:  # outside an app (plain alembic)
        return os.environ.get("UPLOAD_FOLDER") or os.path.join("instance", "uploads")


def _move_speaker_photos() -> None:
    connection = op.get_bind()
    speakers = sa.table('speakers', sa.column('id', sa.Integer), sa.column('event_id', sa.Integer),
                        sa.column('photo_filename', sa.String))
    files = sa.table('stored_files', sa.column('key', sa.String), sa.column('content', sa.LargeBinary),
                     sa.column('content_type', sa.String), sa.column('size', sa.Integer),
                     sa.column('sha256', sa.String),
                     sa.column('created_at', eventsapp.db.UTCDateTime(timezone=True)),
                     sa.column('event_id', sa.Integer))
    rows = connection.execute(
        sa.select(speakers.c.id, speakers.c.event_id, speakers.c.photo_filename)
        .where(speakers.c.photo_filename.is_not(None))
    ).all()
    folder = os.path.join(_upload_folder(), "speakers")
    stored = set()
    for speaker_id, event_id, name in rows:
        path = os.path.join(folder, os.path.basename(name))
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            log.warning("speaker %s: photo %s not moved (%s)", speaker_id, path, error.strerror)
            continue
        digest = hashlib.sha256(data).hexdigest()
        key = hashlib.sha256(f"event:{event_id}\n".encode() + data).hexdigest() + ".jpg"
        if key not in stored and connection.scalar(
            sa.select(sa.func.count()).select_from(files).where(files.c.key == key)
        ) == 0:
            connection.execute(files.insert().values(
                key=key, content=data, content_type="image/jpeg", size=len(data), sha256=digest,
                created_at=datetime.now(UTC), event_id=event_id,
            ))
        stored.add(key)
        connection.execute(
            speakers.update().where(speakers.c.id == speaker_id).values(photo_filename=key)
        )
    if rows:
        log.info("speaker photos moved into stored_files: %d of %d", len(stored), len(rows))
