"""The router every plans API module registers on, and checks they share."""

from __future__ import annotations

from ninja import Router
from ninja.files import UploadedFile

from cchc.common.errors import ValidationFailed

router = Router(tags=["kế hoạch"])


def require_file(file: UploadedFile | None, *, allow_empty: bool = False) -> None:
    """A missing (or empty) file is the client's to fix, with its own code.

    Some multipart encoders drop an empty part altogether, so upload schemas mark the file optional
    and this check says what is wrong instead of a generic validation error.
    """
    if file is None or (not allow_empty and not file.size):
        raise ValidationFailed("Chưa có tệp tải lên, hoặc tệp rỗng.", code="file_required")
