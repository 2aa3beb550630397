"""Actuals: the attendance pay list that exists (verified attendance, completion rule) plus the entered costs."""

import uuid

import pytest

from bimtek.accounts.scoping import Scope
from bimtek.budget.core import Item
from bimtek.budget.selectors import Focus, budget_of
from bimtek.budget.services import actual_cost_record
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.delivery.models import Attendance
from bimtek.delivery.tests.helpers import GANTUNG, Setup, gantung_session, on_the_day
from bimtek.elections.models import Election
from bimtek.workforce.models import Appointment

pytestmark = pytest.mark.django_db
ALL = Scope(None, None)


def _attend(setup: Setup, people: list[Appointment], parts: tuple[str, ...]) -> None:
    for appointment in people:
        for part in parts:
            Attendance.objects.create(
                session=setup.session,
                person=appointment.person,
                region_code=LENGGANG,
                part=part,
                checked_in_at=on_the_day(setup.session),
                method="qr",
                key=uuid.uuid4().hex,
            )


def test_transport_actual_is_the_pay_list_of_those_who_completed(beltim_tps: Election) -> None:
    setup = gantung_session(beltim_tps)
    _attend(setup, setup.lenggang[:7], ("pagi", "siang"))
    _attend(setup, setup.lenggang[7:9], ("pagi",))  # left at noon: not on the pay list
    budget = budget_of(election=beltim_tps, scope=ALL, focus=Focus(BELTIM, tier="bimtek"))
    transport = next(r for r in budget.rows if r.item == Item.TRANSPORT)
    assert budget.pay.people == 7
    assert transport.actual == 7 * 100_000  # documents' default KPPS transport, one day


def test_entered_costs_add_to_their_item_and_region(beltim_tps: Election) -> None:
    setup = gantung_session(beltim_tps)
    actual_cost_record(election=beltim_tps, region_code=GANTUNG, item="sewa_tempat", amount=1_250_000,
                       akun="522141", note="kuitansi balai", session=setup.session, actor="test")  # fmt: skip
    actual_cost_record(election=beltim_tps, region_code=GANTUNG, item="konsumsi", amount=600_000,
                       akun="521211", tier="tot", actor="test")  # fmt: skip
    bimtek = budget_of(election=beltim_tps, scope=ALL, focus=Focus(BELTIM, tier="bimtek"))
    venue = next(r for r in bimtek.rows if r.item == Item.VENUE)
    assert venue.actual == 1_250_000 and bimtek.totals.actual == 1_250_000  # the ToT's catering is not here
    assert [(c.code, c.actual) for c in bimtek.children] == [(GANTUNG, 1_250_000)]
    session_only = budget_of(election=beltim_tps, scope=ALL, focus=Focus(BELTIM, session_id=setup.session.pk))
    assert session_only.totals.actual == 1_250_000
    everything = budget_of(election=beltim_tps, scope=ALL, focus=Focus(BELTIM))
    assert everything.totals.actual == 1_850_000


def test_a_pps_sees_only_its_own_desa(beltim_tps: Election) -> None:
    gantung_session(beltim_tps)
    actual_cost_record(election=beltim_tps, region_code=GANTUNG, item="konsumsi", amount=600_000,
                       akun="521211", actor="test")  # fmt: skip
    lenggang = Scope(LENGGANG, None)
    budget = budget_of(election=beltim_tps, scope=lenggang, focus=Focus(LENGGANG))
    assert budget.sessions == 0 and budget.totals.actual == 0  # the session is at the kecamatan's hall
