"""Setting a unit cost and recording an actual cost: audited, and bad values refused with a code naming the field."""

import pytest

from bimtek.audit.models import AuditEntry
from bimtek.budget.models import ActualCost, UnitCost
from bimtek.budget.services import BudgetInvalid, actual_cost_delete, actual_cost_record, unit_cost_set
from bimtek.conftest import BELTIM
from bimtek.elections.models import Election

pytestmark = pytest.mark.django_db


def test_it_sets_a_unit_cost_and_audits_it(pemilu: Election) -> None:
    unit_cost_set(election=pemilu, region_code=BELTIM, item="konsumsi", amount=45_000, akun="521211",
                  source="SBM 2024", actor="test")  # fmt: skip
    unit_cost_set(
        election=pemilu, region_code=BELTIM, item="konsumsi", amount=50_000, akun="521211", actor="test"
    )
    row = UnitCost.objects.get(election=pemilu, region_code=BELTIM, item="konsumsi")
    assert row.amount == 50_000
    entries = AuditEntry.objects.filter(action="budget.unit_cost.set").order_by("pk")
    assert entries.count() == 2 and entries.last().before == {"amount": 45_000, "akun": "521211"}  # type: ignore[union-attr]  # two rows exist


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"amount": -1}, "amount_negative", "amount"),
        ({"amount": 100_000_001}, "amount_too_large", "amount"),
        ({"akun": "5212"}, "akun_invalid", "akun"),
        ({"akun": "52121A"}, "akun_invalid", "akun"),
        ({"item": "rokok"}, "item_unknown", "item"),
    ],
)
def test_it_refuses_a_bad_unit_cost_naming_the_field(
    pemilu: Election, changes: dict, code: str, field: str
) -> None:
    values = {"item": "konsumsi", "amount": 45_000, "akun": "521211", **changes}
    with pytest.raises(BudgetInvalid) as refused:
        unit_cost_set(election=pemilu, region_code=BELTIM, actor="test", **values)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert not UnitCost.objects.exists()


def test_a_zero_unit_cost_is_allowed_but_a_zero_actual_is_not(pemilu: Election) -> None:
    unit_cost_set(
        election=pemilu, region_code=BELTIM, item="sewa_tempat", amount=0, akun="522141", actor="test"
    )
    with pytest.raises(BudgetInvalid) as refused:
        actual_cost_record(election=pemilu, region_code=BELTIM, item="konsumsi", amount=0, akun="521211",
                           actor="test")  # fmt: skip
    assert refused.value.code == "amount_zero"
    with pytest.raises(BudgetInvalid) as refused:
        actual_cost_record(election=pemilu, region_code=BELTIM, item="konsumsi", amount=10_000_000_001,
                           akun="521211", actor="test")  # fmt: skip
    assert refused.value.code == "amount_too_large"


def test_it_records_and_deletes_an_actual_cost_with_audit(pemilu: Election) -> None:
    cost = actual_cost_record(election=pemilu, region_code=BELTIM, item="bahan", amount=900_000, akun="521211",
                              note="fotokopi modul", actor="test")  # fmt: skip
    actual_cost_delete(cost=cost, actor="test")
    assert not ActualCost.objects.exists()
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-2:] == ["budget.actual_cost.record", "budget.actual_cost.delete"]
