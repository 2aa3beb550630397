"""Reading regions for people: find one by name or code, and say where it lies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Value, When
from django.http import Http404

from bimtek.accounts.scoping import Scope, scope_of
from bimtek.lib.commands import UsageError
from bimtek.regions.models import Level, Region

SEARCH_LIMIT = 20
CODE_RE = re.compile(r"^\d{2}(?:\.\d{2}){0,2}(?:\.\d{4})?$")
# "Lenggang — Kec. Gantung, Kab. Belitung Timur (19.06.02.2003)": a picked suggestion carries its code.
CODE_IN_TEXT_RE = re.compile(r"\((\d{2}(?:\.\d{2}){0,2}(?:\.\d{4})?)\)\s*$")


@dataclass(frozen=True)
class Found:
    code: str
    name: str  # the region's own name, e.g. "Kec. Gantung"
    level: int
    where: str  # its ancestors below the province, nearest first, e.g. "Kab. Belitung Timur, Kepulauan Bangka Belitung"

    @property
    def label(self) -> str:
        return f"{self.name} — {self.where}" if self.where else self.name

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "level_name": str(Level(self.level).label),
            "where": self.where,
            "label": self.label,
        }


def search(
    queryset: Any, text: str, *, levels: tuple[int, ...] = (), limit: int = SEARCH_LIMIT
) -> list[Found]:
    """Regions of `queryset` (already scoped) whose name contains `text` or whose code starts with it.

    The exact name first, then names that begin with the text; within each, higher levels first
    (a kabupaten before a desa of the same name), then by name.
    """
    text = " ".join(text.split())
    if not text:
        return []
    qs = queryset
    if levels:
        qs = qs.filter(level__in=levels)
    if text.replace(".", "").isdigit():
        qs = qs.filter(code__startswith=text)
    else:
        # The name itself first, then names that start with it, then the rest that contain it.
        rank = Case(
            When(name__iexact=text, then=Value(0)),
            When(name__istartswith=text, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        qs = qs.filter(name__icontains=text).annotate(rank=rank).order_by("rank", "level", "name", "code")
        rows = list(qs.values_list("code", "name", "kind", "level")[:limit])
        return described(rows)
    rows = list(qs.order_by("level", "name", "code").values_list("code", "name", "kind", "level")[:limit])
    return described(rows)


def described(rows: list[tuple[str, str, str, int]]) -> list[Found]:
    """(code, name, kind, level) rows with their ancestors' names, in one more query."""
    ancestor_codes = {a for code, *_ in rows for a in Region(code=code).ancestors_codes()}
    names = {
        r.code: r.display_name
        for r in Region.objects.filter(code__in=ancestor_codes).only("code", "name", "kind")
    }
    found = []
    for code, name, kind, level in rows:
        ancestors = list(reversed(Region(code=code).ancestors_codes()))
        found.append(
            Found(
                code=code,
                name=Region(code=code, name=name, kind=kind).display_name,
                level=level,
                where=", ".join(names.get(a, a) for a in ancestors),
            )
        )
    return found


class Ambiguous(ValueError):
    def __init__(self, text: str, matches: list[Found]) -> None:
        super().__init__(text)
        self.matches = matches


def resolve(queryset: Any, text: str, *, levels: tuple[int, ...] = ()) -> str | None:
    """The code meant by what a person typed: a code, a picked suggestion, or a name that is unique.

    Returns None when nothing matches; raises Ambiguous when a name fits several regions.
    A code is returned as typed (the caller checks that it exists and is in scope, as before).
    """
    text = " ".join(text.split())
    if not text:
        return ""
    if CODE_RE.match(text):
        return text
    picked = CODE_IN_TEXT_RE.search(text)
    if picked:
        return picked.group(1)
    qs = queryset.filter(level__in=levels) if levels else queryset
    exact = list(qs.filter(name__iexact=text).values_list("code", "name", "kind", "level")[:SEARCH_LIMIT])
    if len(exact) == 1:
        return exact[0][0]
    if len(exact) > 1:
        raise Ambiguous(text, described(exact))
    return None


def typed_code(queryset: Any, text: str, *, levels: tuple[int, ...] = ()) -> str:
    """For a plain region box read by a view: the code meant, or the text as typed when it names no one region."""
    try:
        code = resolve(queryset, text, levels=levels)
    except Ambiguous:
        return text.strip()
    return text.strip() if code is None else code


def region_for_command(code: str, *, min_level: int = 0, what: str = "") -> Region:
    """The region a command names with --region (a Kemendagri code), or the usage error every command gives.
    `min_level` refuses regions above a level (e.g. 2: a kabupaten/kota or below); `what` says which in words."""
    region = Region.objects.filter(code=code, level__gte=min_level).first()
    if region is None:
        above = f" atau di atas {what}" if min_level and what else ""
        raise UsageError(
            f"Kode wilayah {code!r} tidak ada{above} (kode Kemendagri, mis. 19.06 atau 19.06.01.2001)"
        )
    return region


def region_or_404(user: Any, code: str) -> tuple[Scope, Region | None]:
    """The user's scope and the region of a URL's code (None for "": the country) when that scope covers it;
    otherwise 404, as if the region did not exist. The one region guard of the region pages, the budget and
    the API (`accounts.access` has the ability half, and cannot read regions: it sits below them)."""
    scope = scope_of(user)
    if not code:
        if not scope.is_national:
            raise Http404
        return scope, None
    region = Region.objects.in_scope(scope).filter(code=code).first()
    if region is None:
        raise Http404
    return scope, region
