"""Sirekap's public per-TPS JSON (the PPWP 2024 shape) as a form.

Sirekap publishes the digits it read from sections I and V and the votes per pair; it has no ballot
(II) or disability (III) section, so those boxes stay empty and their rules are skipped.
"""

from collections.abc import Mapping
from typing import Any

from bimtek.drill.core.form import LP, CountForm, Turnout
from bimtek.drill.core.schema import FormDataError, mapping, number

# Sirekap keys the chart by candidate id; the 2024 presidential ids map to the ballot numbers 1-3.
PPWP_2024_PAIRS: Mapping[str, str] = {"100025": "1", "100026": "2", "100027": "3"}


def is_sirekap(data: Any) -> bool:
    return isinstance(data, dict) and "kind" not in data and ("administrasi" in data or "chart" in data)


def _lp(admin: Mapping[str, Any], prefix: str) -> LP:
    def get(suffix: str) -> int | None:
        key = f"{prefix}_{suffix}"
        return number(admin.get(key), f"administrasi.{key}")

    return LP(male=get("l"), female=get("p"), total=get("j"))


def _pair_numbers(chart: Mapping[str, Any]) -> dict[str, str]:
    """Ballot number per chart key: the known 2024 ids, otherwise the ids' numeric order."""
    ids = [key for key in chart if key != "null"]
    if all(key in PPWP_2024_PAIRS for key in ids):
        return {key: PPWP_2024_PAIRS[key] for key in ids}
    for key in ids:
        if not key.isdigit():
            raise FormDataError(f"chart.{key}", "kunci chart harus id calon berupa angka")
    return {key: str(rank) for rank, key in enumerate(sorted(ids, key=int), start=1)}


def form_from_sirekap(data: Any, *, form_id: str) -> CountForm:
    data = mapping(data, "")
    admin = mapping(data.get("administrasi"), "administrasi")
    chart = mapping(data.get("chart"), "chart")
    pairs = _pair_numbers(chart)
    votes = {pairs[key]: number(chart[key], f"chart.{key}") for key in pairs}
    return CountForm(
        id=str(data.get("id", form_id)),
        kind="pemilu",
        contest="ppwp",
        dpt=_lp(admin, "pemilih_dpt"),
        turnout=Turnout(
            dpt=_lp(admin, "pengguna_dpt"),
            dptb=_lp(admin, "pengguna_dptb"),
            dpk=_lp(admin, "pengguna_non_dpt"),
            total=_lp(admin, "pengguna_total"),
        ),
        votes=dict(sorted(votes.items(), key=lambda item: int(item[0]))),
        valid=number(admin.get("suara_sah"), "administrasi.suara_sah"),
        invalid=number(admin.get("suara_tidak_sah"), "administrasi.suara_tidak_sah"),
        total=number(admin.get("suara_total"), "administrasi.suara_total"),
    )
