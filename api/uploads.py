"""Reading an uploaded file (multipart field ``file``) with a size cap, and a clear error when it is missing."""

from flask import request

from vaktaal.errors import Invalid


def uploaded_file(limit: int, missing: str) -> bytes:
    """At most ``limit + 1`` bytes of the upload (so the caller can tell "too big"), the file always closed."""
    upload = request.files.get("file")
    if upload is None:
        raise Invalid(missing, errors={"files": {"file": ["Dit veld is verplicht."]}})
    try:
        return upload.read(limit + 1)
    finally:
        upload.close()
