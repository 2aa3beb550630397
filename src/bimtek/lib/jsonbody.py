"""Read untrusted JSON (a request body, an uploaded file) with limits, so bad input is refused, never a crash.

`json.loads` alone accepts what later breaks: nesting deep enough to exhaust the recursion limit, lone
surrogates (`"\\ud800"`) that cannot be written back as UTF-8, `NaN` that is not JSON at all. Every refusal
is a `JsonBodyError` with a stable code, an Indonesian message and the path of the offending field.
"""

import json
from typing import Any

MAX_DEPTH = 32  # objects and lists inside each other; a C.Hasil form needs 4

ERR_EMPTY = "berkas tidak berisi formulir"
ERR_TOO_LARGE = "Isi lebih dari {limit}"
ERR_NOT_UTF8 = "Isi harus teks UTF-8"
ERR_NOT_JSON = "bukan JSON yang sah (baris {line}, kolom {column}): {why}"
ERR_TOO_DEEP = "JSON bersarang lebih dari {depth} tingkat"
ERR_UNENCODABLE = "Teks berisi karakter yang tidak sah (surrogate tunggal)"
ERR_CONSTANT = "{name} bukan bilangan JSON yang sah"
ERR_NUMBER = "Bilangan terlalu panjang"


class JsonBodyError(ValueError):
    def __init__(self, code: str, message: str, path: str = "") -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.code = code
        self.message = message
        self.path = path


def _refuse_constant(name: str) -> Any:
    raise JsonBodyError("json_invalid", ERR_CONSTANT.format(name=name))


def _limit_text(max_bytes: int) -> str:
    return f"{max_bytes // (1024 * 1024)} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes} bita"


def parse_json(data: bytes, *, max_bytes: int, max_depth: int = MAX_DEPTH) -> Any:
    """The parsed value of `data`, or JsonBodyError: too large, not UTF-8, not JSON, too deep, bad text."""
    if len(data) > max_bytes:
        raise JsonBodyError("body_too_large", ERR_TOO_LARGE.format(limit=_limit_text(max_bytes)))
    if not data.strip():
        raise JsonBodyError("body_empty", ERR_EMPTY)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise JsonBodyError("body_not_utf8", ERR_NOT_UTF8) from None
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        why = ERR_NOT_JSON.format(line=exc.lineno, column=exc.colno, why=exc.msg)
        raise JsonBodyError("json_invalid", why) from None
    except RecursionError:
        raise JsonBodyError("json_too_deep", ERR_TOO_DEEP.format(depth=max_depth)) from None
    except ValueError:  # an integer beyond Python's digit limit
        raise JsonBodyError("json_invalid", ERR_NUMBER) from None
    check_value(value, max_depth=max_depth)
    return value


def _key_path(prefix: str, key: object) -> str:
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    return f"{prefix}.{key}" if prefix else str(key)


def check_value(value: Any, *, max_depth: int = MAX_DEPTH) -> None:
    """Refuse nesting beyond `max_depth` and text that cannot be encoded; iterative, so it cannot overflow."""
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, str):
            _encodable(item, path)
        elif isinstance(item, dict | list):
            if depth >= max_depth:
                raise JsonBodyError("json_too_deep", ERR_TOO_DEEP.format(depth=max_depth), path)
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in pairs:
                if isinstance(key, str):
                    _encodable(key, path)
                stack.append((child, _key_path(path, key), depth + 1))


def _encodable(text: str, path: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise JsonBodyError("text_unencodable", ERR_UNENCODABLE, path) from None
