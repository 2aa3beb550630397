"""When nothing fits, the planner names the conflicting rules with their numbers and what would help."""

from datetime import date

from bimtek.planner.core.schema import Rules, Venue, Window
from bimtek.planner.core.solver import solve
from bimtek.planner.examples import days, tot_instance

from .helpers import assert_valid


def short_purbalingga():
    full = tot_instance("33.03", start=date(2024, 1, 22), day_count=3, capacity=300)
    return full.__class__(
        Window(date(2024, 1, 22), date(2024, 1, 23)), full.venues, full.groups, full.facilitators, full.rules
    )


def test_it_explains_a_window_too_short_with_the_numbers() -> None:
    inst = short_purbalingga()

    result = solve(inst, time_limit=5)

    assert result.status == "INFEASIBLE"
    assert result.explanation is not None
    assert result.explanation.message == (
        "Butuh 3 sesi (807 peserta, 300 kursi per sesi), jendela 2 hari (22-23 Januari 2024) di 1 tempat dengan "
        "1 sesi per hari hanya memuat 2 sesi (600 kursi): kurang 207 kursi."
    )
    assert set(result.explanation.rules) == {"semua_terjadwal", "kapasitas", "jendela"}
    assert result.score.unplanned > 0
    assert_valid(inst, result.plan)


def test_it_reports_which_relaxations_make_it_fit() -> None:
    result = solve(short_purbalingga(), time_limit=5)

    assert result.explanation is not None
    works = {r.code: r.works for r in result.explanation.relaxations}
    assert works == {
        "tambah_hari": True, "tempat_kedua": True, "kapasitas_lebih_besar": True, "sesi_per_hari_lebih_banyak": True,
    }  # fmt: skip


def test_it_reports_a_relaxation_that_does_not_help() -> None:
    """A deadline on the last day: one more day is no help, a second hall is."""
    venue = Venue("aula", "33.03", 300, 1, days(date(2024, 1, 22), 3))
    base = short_purbalingga()
    inst = base.__class__(base.window, (venue,), base.groups, (), Rules(deadline=date(2024, 1, 23)))

    result = solve(inst, time_limit=5)

    assert result.explanation is not None
    works = {r.code: r.works for r in result.explanation.relaxations}
    assert works["tambah_hari"] is False
    assert works["tempat_kedua"] is True
    assert_valid(inst, result.plan)
