"""`POST forms/check/` and `bimtek form check` refuse malformed JSON with a coded 400 (exit 1), never a 500.

The bodies are those that crashed them: deep nesting (RecursionError), a lone surrogate (UnicodeEncodeError
while writing the answer), and the bodies that used to pass as a form with no boxes.
"""

import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from bimtek.accounts.models import User

pytestmark = pytest.mark.django_db

URL = "/api/v1/forms/check/"
BAD = {
    "deep_list": (b"[" * 5000, "json_too_deep"),
    "deep_list_closed": (b"[" * 5000 + b"]" * 5000, "json_too_deep"),
    "deep_dict": (b'{"a":' * 3000 + b"1" + b"}" * 3000, "json_too_deep"),
    "lone_surrogate": (b'{"id": "\\ud800"}', "text_unencodable"),
    "surrogate_key": (b'{"votes": {"\\udfff": 1}}', "text_unencodable"),
    "empty": (b"", "body_empty"),
    "blank": (b"  \n", "body_empty"),
    "null": (b"null", "form_empty"),
    "empty_object": (b"{}", "form_empty"),
    "list_of_null": (b"[null]", "form_empty"),
    "nan": (b'{"valid": NaN}', "json_invalid"),
    "not_utf8": (b'{"id": "\xff"}', "body_not_utf8"),
    "huge_number": (b'{"valid": ' + b"9" * 5000 + b"}", "json_invalid"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_the_api_answers_a_coded_400(
    case: str, pps_lenggang: User, client_for: Callable[[User | None], APIClient]
) -> None:
    body, code = BAD[case]
    response = client_for(pps_lenggang).post(URL, body, content_type="application/json")
    assert response.status_code == 400
    answer = response.json()
    assert set(answer) == {"field", "detail", "code"} and answer["code"] == code and answer["detail"]


@pytest.mark.parametrize("case", sorted(BAD))
def test_the_cli_rejects_the_same_file_with_exit_1(case: str, tmp_path: Path) -> None:
    body, code = BAD[case]
    path = tmp_path / "forms.json"
    path.write_bytes(body)
    out = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("form", "check", str(path), "--json", stdout=out, stderr=StringIO())
    assert refused.value.returncode == 1
    assert json.loads(out.getvalue())["error"]


def test_a_body_over_the_limit_answers_the_documented_json(
    pps_lenggang: User, client_for: Callable[[User | None], APIClient], settings: Any
) -> None:
    body = b'[{"id": "' + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + b'"}]'
    response = client_for(pps_lenggang).post(URL, body, content_type="application/json")
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert response.json()["code"] == "body_too_large" and "5 MB" in response.json()["detail"]
