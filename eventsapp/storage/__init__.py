"""Files every host reads (uploads, finished documents): ``put``, ``get``, ``delete``, ``send``.

Stored in the database by default (eventsapp/storage/files.py); nothing is kept on one host's
disk.
"""

from eventsapp.storage.files import KEY_PATTERN, contents, delete, get, key_for, put, send

__all__ = ["KEY_PATTERN", "contents", "delete", "get", "key_for", "put", "send"]
