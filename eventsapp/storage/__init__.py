"""Files every host reads (uploads, finished documents): ``put``, ``get``, ``delete``, ``send``.

Stored in the database by default (eventsapp/storage/files.py), or in an S3-compatible
bucket (eventsapp/storage/s3.py); nothing is kept on one host's
disk.
"""

from eventsapp.storage.files import KEY_PATTERN, contents, delete, get, key_for, put, read, send

__all__ = ["KEY_PATTERN", "contents", "delete", "get", "key_for", "put", "read", "send"]
