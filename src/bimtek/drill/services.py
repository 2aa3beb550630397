"""Read form files for the CLI (and later the web pages): our JSON schema or Sirekap's, one or a list."""

import json
from pathlib import Path
from typing import Any

from bimtek.drill.core.form import CountForm
from bimtek.drill.core.schema import FormDataError, form_from_json
from bimtek.drill.core.sirekap import form_from_sirekap, is_sirekap


def forms_from_file(path: Path) -> list[CountForm]:
    """Every form in the file; FormDataError names the field (with `[i]` when the file holds a list)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise FormDataError(
            "", f"bukan JSON yang sah (baris {exc.lineno}, kolom {exc.colno}): {exc.msg}"
        ) from None
    except UnicodeDecodeError:
        raise FormDataError("", "berkas harus teks UTF-8") from None
    if data == []:
        raise FormDataError("", "berkas tidak berisi formulir")
    if isinstance(data, list):
        return [_form(item, f"[{i}]", f"form-{i + 1}") for i, item in enumerate(data)]
    return [_form(data, "", "form-1")]


def _form(data: Any, prefix: str, default_id: str) -> CountForm:
    try:
        if is_sirekap(data):
            return form_from_sirekap(data, form_id=default_id)
        return form_from_json(data, default_id=default_id)
    except FormDataError as exc:
        path = f"{prefix}.{exc.path}" if prefix and exc.path else prefix or exc.path
        raise FormDataError(path, exc.message) from None
