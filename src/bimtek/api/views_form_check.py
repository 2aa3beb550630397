"""The HTTP API, version 1: the C.Hasil form checker, which stores nothing.

`FormCheckView` reads one form or a list of forms (Bimtek or Sirekap JSON) with the CLI's own reader
and limits (the body read no further than `body_limit`, by `RawJSONParser`), checks them as
`bimtek form check FILE --json` does, and answers the results, or a 400 with the field and the code.
"""

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bimtek.accounts.access import Ability
from bimtek.api.serializers import FormCheckSerializer, FormDataErrorSerializer
from bimtek.drill.core.report import result_json
from bimtek.drill.core.schema import FormDataError
from bimtek.drill.form_check import MAX_ROWS, check_forms
from bimtek.drill.services import forms_from_bytes

ERR_TOO_LARGE = "Isi permintaan lebih dari {mb} MB; periksa berkas sebesar itu dengan `bimtek form check`"
ERR_TOO_MANY = "Paling banyak {n} formulir per permintaan; periksa lebih banyak dengan `bimtek form check`"


class RawJSONParser(BaseParser):
    """The body as bytes, read no further than the limit: the form reader parses it with its own limits."""

    media_type = "application/json"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> bytes:
        data: bytes = stream.read(body_limit() + 1)
        return data


def body_limit() -> int:
    """A request body holds at most Django's in-memory limit (5 MB), or the import limit when lower."""
    return min(settings.IMPORT_MAX_BYTES, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def _content_length(request: Request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # a broken header: the read below is bounded all the same


class FormCheckView(APIView):
    required_ability = Ability.PARTICIPATE
    parser_classes = [RawJSONParser]

    @staticmethod
    def refuse(field: str, detail: str, code: str) -> Response:
        return Response({"field": field, "detail": detail, "code": code}, status=400)

    @extend_schema(
        request={
            "application/json": {
                "oneOf": [{"type": "object"}, {"type": "array", "items": {"type": "object"}}]
            }
        },
        responses={200: FormCheckSerializer, 400: FormDataErrorSerializer},
        description="Periksa satu formulir C.Hasil atau daftar formulir (JSON Bimtek atau Sirekap, docs/form.md), "
        "seperti `bimtek form check FILE --json`. Tidak ada yang disimpan. Isi yang tidak bisa dibaca: 400 "
        "dengan jalur isiannya di `field` dan alasannya di `code`.",
    )
    def post(self, request: Request) -> Response:
        limit = body_limit()
        too_large = ERR_TOO_LARGE.format(mb=max(1, limit // (1024 * 1024)))
        if _content_length(request) > limit:
            return self.refuse("", too_large, "body_too_large")
        raw = request.data if isinstance(request.data, bytes) else b""  # an empty body parses to {}
        try:
            # The CLI's own reader: the same limits, the same paths in errors, the same forms.
            forms = forms_from_bytes(raw, max_bytes=limit)
        except FormDataError as exc:
            detail = too_large if exc.code == "body_too_large" else exc.message
            return self.refuse(exc.path, detail, exc.code)
        if len(forms) > MAX_ROWS:
            return self.refuse("", ERR_TOO_MANY.format(n=MAX_ROWS), "too_many_forms")
        outcome = check_forms(forms)
        return Response(
            {
                "forms": [result_json(r.form, r.result) for r in outcome.results],
                "summary": {"forms": len(outcome.results), "with_errors": outcome.with_errors},
            }
        )
