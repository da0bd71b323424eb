"""Refusals of the plan importer: each has its own stable code and a Vietnamese message.

Every refusal is raised before anything is written, so the caller (command line, web upload,
API) only has to render it: ``err.as_dict()`` gives ``{"error": {"code", "message", "details"}}``.
"""

from __future__ import annotations

from typing import Any

from cchc.common.errors import DomainError


class ImportRefused(DomainError):
    """Base class: the uploaded document cannot be imported as a plan."""

    status = 422
    default_code = "import_refused"
    default_message = "Không nhập được văn bản."

    def __init__(self, message: str | None = None, *, details: Any = None) -> None:
        super().__init__(message or self.default_message, code=self.default_code, details=details)


class EmptyFile(ImportRefused):
    default_code = "empty_file"
    default_message = "Tệp rỗng: không có nội dung để nhập."


class FileTooLarge(ImportRefused):
    status = 413
    default_code = "file_too_large"
    default_message = "Tệp quá lớn so với giới hạn cho phép."

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"Tệp quá lớn: {_mb(size)} MB, vượt giới hạn {_mb(limit)} MB.",
            details={"size": size, "limit": limit},
        )


class BinaryFile(ImportRefused):
    status = 415
    default_code = "binary_file"
    default_message = (
        "Tệp không phải là văn bản (dữ liệu nhị phân hoặc định dạng không hỗ trợ). "
        "Hãy tải lên tệp .txt, .html, .docx hoặc .pdf."
    )


class NotAWordFile(ImportRefused):
    status = 415
    default_code = "not_a_word_file"
    default_message = "Tệp .docx không phải là tệp Word hợp lệ (tệp hỏng hoặc sai định dạng)."


class LegacyWordFile(ImportRefused):
    status = 415
    default_code = "legacy_word_file"
    default_message = (
        "Tệp Word 97-2003 (.doc) chưa được hỗ trợ: hãy mở bằng Word và lưu lại dưới dạng .docx."
    )


class UndecodableText(ImportRefused):
    default_code = "undecodable_encoding"
    default_message = (
        "Không giải mã được bảng mã ký tự của tệp: không phải UTF-8, UTF-16 có BOM "
        "hay Windows-1258 (có thể là TCVN3/VNI). Hãy lưu lại tệp với bảng mã Unicode UTF-8."
    )


class PdfWithoutText(ImportRefused):
    default_code = "pdf_without_text"
    default_message = (
        "Tệp PDF không có lớp văn bản (bản chụp/quét): hãy dùng bản .docx hoặc PDF xuất trực tiếp từ Word."
    )


class PdfUnreadable(ImportRefused):
    default_code = "pdf_unreadable"
    default_message = "Không đọc được tệp PDF (tệp hỏng hoặc được mã hóa bằng mật khẩu)."


class NotAPlan(ImportRefused):
    default_code = "not_a_plan"
    default_message = (
        "Văn bản không phải là kế hoạch: không tìm thấy tiêu đề kế hoạch, các phần I, II… "
        "hay bảng danh mục nhiệm vụ."
    )


class TableCutOff(ImportRefused):
    default_code = "table_cut_off"
    default_message = "Bảng nhiệm vụ bị cắt ngang giữa một dòng: tệp có thể bị thiếu phần cuối."

    def __init__(self, row_no: str | None = None) -> None:
        where = f" (dòng số {row_no})" if row_no else ""
        super().__init__(
            f"Bảng nhiệm vụ bị cắt ngang giữa một dòng{where}: tệp có thể bị thiếu phần cuối.",
            details={"row": row_no},
        )


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
