"""Writes of the budget: set a unit cost, record and delete an actual cost. Each one durable transaction and
one audit entry; bad input is refused with a `BudgetInvalid` that names the field and carries a stable code."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from bimtek.accounts.access import Ability, may
from bimtek.audit.services import log_action
from bimtek.budget.core import MAX_ACTUAL, MAX_UNIT_COST, Item
from bimtek.budget.models import ActualCost, UnitCost
from bimtek.lib.errors import DomainError

ERR_NOT_WRITER = "Hanya KPU yang dapat mengubah anggaran"
ERR_ITEM = "Komponen biaya tidak dikenal"
ERR_NEGATIVE = "Jumlah tidak boleh negatif"
ERR_ZERO = "Jumlah harus lebih dari 0"
ERR_TOO_LARGE = "Jumlah terlalu besar (lebih dari Rp{limit}); periksa angkanya"
ERR_AKUN = "Akun belanja berupa 6 angka, mis. 521211"
ERR_SESSION = "Sesi ini bukan dari pemilihan dan wilayah ini"
ERR_SOURCE = "Sumber paling banyak 255 huruf"
AKUN = re.compile(r"^[0-9]{6}$")


class BudgetInvalid(DomainError):
    """A refused value: `code` is stable, `field` names the form field, `message` is for people."""

    def __init__(self, code: str, field_name: str, message: str) -> None:
        super().__init__(code, message)
        self.field = field_name


def can_write(user: Any) -> bool:
    return may(user, Ability.OPERATE)


def _item(value: str) -> Item:
    try:
        return Item(value)
    except ValueError:
        raise BudgetInvalid("item_unknown", "item", ERR_ITEM) from None


def _amount(value: int, *, limit: int, positive: bool) -> int:
    if value < 0:
        raise BudgetInvalid("amount_negative", "amount", ERR_NEGATIVE)
    if positive and value == 0:
        raise BudgetInvalid("amount_zero", "amount", ERR_ZERO)
    if value > limit:
        raise BudgetInvalid(
            "amount_too_large", "amount", ERR_TOO_LARGE.format(limit=f"{limit:,}".replace(",", "."))
        )
    return value


def _akun(value: str) -> str:
    value = value.strip()
    if not AKUN.match(value):
        raise BudgetInvalid("akun_invalid", "akun", ERR_AKUN)
    return value


def unit_cost_set(
    *, election: Any, region_code: str, item: str, amount: int, akun: str, source: str = "", actor: Any
) -> UnitCost:
    """Set the unit cost of an item for a region ('' national); its children inherit it unless they set their own."""
    chosen = _item(item)
    _amount(amount, limit=MAX_UNIT_COST, positive=False)
    akun = _akun(akun)
    if len(source) > 255:
        raise BudgetInvalid("source_too_long", "source", ERR_SOURCE)
    with transaction.atomic(durable=True):
        before = UnitCost.objects.filter(election=election, region_code=region_code, item=chosen).first()
        row, _ = UnitCost.objects.update_or_create(
            election=election, region_code=region_code, item=chosen,
            defaults={"amount": amount, "akun": akun, "source": source.strip(),
                      "updated_by": actor if not isinstance(actor, str) else None},
        )  # fmt: skip
        log_action(
            actor=actor,
            action="budget.unit_cost.set",
            object_type="unit_cost",
            object_id=row.pk,
            region_code=region_code,
            before={"amount": before.amount, "akun": before.akun} if before else None,
            after={"item": chosen.value, "amount": amount, "akun": akun, "source": row.source},
        )
    return row


def actual_cost_record(
    *,
    election: Any,
    region_code: str,
    item: str,
    amount: int,
    akun: str,
    note: str = "",
    tier: str = "",
    session: Any = None,
    actor: Any,
) -> ActualCost:
    """Enter a cost that happened (an invoice, a receipt) for a region, and optionally one session."""
    chosen = _item(item)
    _amount(amount, limit=MAX_ACTUAL, positive=True)
    akun = _akun(akun)
    if session is not None:
        if session.plan.election_id != election.pk or not (
            session.region_code == region_code or session.region_code.startswith(f"{region_code}.")
        ):
            raise BudgetInvalid("session_elsewhere", "session", ERR_SESSION)
        tier = session.plan.tier
    with transaction.atomic(durable=True):
        row = ActualCost.objects.create(
            election=election, region_code=region_code, session=session, tier=tier, item=chosen,
            akun=akun, amount=amount, note=note.strip()[:255],
            recorded_by=actor if not isinstance(actor, str) else None,
        )  # fmt: skip
        log_action(
            actor=actor,
            action="budget.actual_cost.record",
            object_type="actual_cost",
            object_id=row.pk,
            region_code=region_code,
            after={"item": chosen.value, "amount": amount, "akun": akun, "tier": tier, "note": row.note},
        )
    return row


def actual_cost_delete(*, cost: ActualCost, actor: Any) -> None:
    with transaction.atomic(durable=True):
        before = {"item": cost.item, "amount": cost.amount, "akun": cost.akun, "note": cost.note}
        pk, region_code = cost.pk, cost.region_code
        cost.delete()
        log_action(
            actor=actor,
            action="budget.actual_cost.delete",
            object_type="actual_cost",
            object_id=pk,
            region_code=region_code,
            before=before,
        )
