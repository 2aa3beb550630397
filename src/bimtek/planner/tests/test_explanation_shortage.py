"""A window too short for its people is explained with the window's numbers: sessions and seats needed against
what the window holds, the shortfall, and remedies sized to cover it. Words for people, codes only in data."""

from dataclasses import replace
from datetime import date

from bimtek.planner.core.bounds import window_shortage
from bimtek.planner.core.explain import explain_infeasibility
from bimtek.planner.core.io import result_to_dict
from bimtek.planner.core.rules import all_rules
from bimtek.planner.core.schema import Instance, Rules, Venue
from bimtek.planner.core.solver import solve
from bimtek.planner.examples import tot_instance

from .helpers import crews, days, hall, instance

JAN_22 = date(2024, 1, 22)
CODES = {rule.code for rule in all_rules()}


def shows_a_code(line: str) -> bool:
    """A code as a prefix ("kapasitas: ..."), or one that is no Indonesian word ("semua_terjadwal")."""
    return any(line.startswith(f"{code}:") or ("_" in code and code in line) for code in CODES)


SENTENCE = (
    "Butuh 3 sesi (807 peserta, 300 kursi per sesi), jendela 2 hari (22-23 Januari 2024) di 1 tempat dengan "
    "1 sesi per hari hanya memuat 2 sesi (600 kursi): kurang 207 kursi."
)


def purbalingga_tot(day_count: int = 2) -> Instance:
    """807 PPK and PPS, one hall of 300, one session a day."""
    return tot_instance("33.03", start=JAN_22, day_count=day_count, capacity=300)


def test_it_counts_sessions_and_seats_needed_against_the_window() -> None:
    shortage = window_shortage(purbalingga_tot())

    assert shortage is not None
    assert (shortage.sessions_needed, shortage.sessions_available) == (3, 2)
    assert (shortage.seats_needed, shortage.seats_available, shortage.shortfall) == (807, 600, 207)
    assert (shortage.seats_per_session, shortage.groups) == (300, 257)
    assert (shortage.days, shortage.venues, shortage.sessions_per_day) == (2, 1, 1)


def test_it_finds_no_shortage_when_the_window_holds_everyone() -> None:
    assert window_shortage(purbalingga_tot(day_count=3)) is None


def test_it_states_the_numbers_in_words_without_rule_codes() -> None:
    explanation = explain_infeasibility(purbalingga_tot(), relaxations=False)

    assert explanation is not None
    assert explanation.message == SENTENCE
    assert set(explanation.rules) == {"semua_terjadwal", "kapasitas"}  # the codes stay, for programs
    for line in (explanation.message, *explanation.details):
        assert not shows_a_code(line), line


def test_it_carries_the_numbers_in_the_json() -> None:
    result = solve(purbalingga_tot(), time_limit=2)

    shortage = result_to_dict(result, [])["explanation"]["shortage"]

    assert shortage == {
        "sessions_needed": 3, "sessions_available": 2, "seats_needed": 807, "seats_available": 600,
        "shortfall": 207, "seats_per_session": 300, "groups": 257, "venues": 1, "days": 2, "sessions_per_day": 1,
    }  # fmt: skip


def test_it_offers_days_venues_and_sessions_a_day_that_work() -> None:
    explanation = explain_infeasibility(purbalingga_tot())

    assert explanation is not None
    offered = {r.code: (r.description, r.works) for r in explanation.relaxations}
    assert offered == {
        "tambah_hari": ("tambah satu hari (24 Januari 2024)", True),
        "tempat_kedua": ("tempat kedua berkapasitas 300 pada hari yang sama", True),
        "kapasitas_lebih_besar": ("kapasitas tiap tempat 404 kursi", True),
        "sesi_per_hari_lebih_banyak": ("2 sesi per hari di tiap tempat", True),
    }


def test_it_sizes_the_remedies_to_a_shortfall_larger_than_one_step() -> None:
    """One day of 300 for 807: 507 seats short, so two more days, two more halls or three sessions a day."""
    explanation = explain_infeasibility(purbalingga_tot(day_count=1))

    assert explanation is not None and explanation.shortage is not None
    assert (explanation.shortage.sessions_needed, explanation.shortage.sessions_available) == (3, 1)
    assert explanation.shortage.shortfall == 507
    offered = {r.code: (r.description, r.works) for r in explanation.relaxations}
    assert offered["tambah_hari"] == ("tambah 2 hari (23-24 Januari 2024)", True)
    assert offered["tempat_kedua"] == ("2 tempat lagi berkapasitas 300 pada hari yang sama", True)
    assert offered["sesi_per_hari_lebih_banyak"] == ("3 sesi per hari di tiap tempat", True)


def test_it_says_at_most_when_venues_differ() -> None:
    # 28 people; halls of 14 and 7 seats, one session a day, one day: 21 seats.
    inst = instance(
        crews(4), (hall("balai", capacity=14, n_days=1), hall("aula", capacity=7, n_days=1)), n_days=1
    )

    explanation = explain_infeasibility(inst, relaxations=False)

    assert explanation is not None
    assert explanation.message == (
        "Butuh 2 sesi (28 peserta, paling banyak 14 kursi per sesi), jendela 1 hari (22 Januari 2024) di 2 tempat "
        "dengan 1 sesi per hari hanya memuat 2 sesi (21 kursi): kurang 7 kursi."
    )


def test_it_keeps_the_rules_in_words_when_seats_are_not_what_is_short() -> None:
    # Two days of 21 seats hold the 5 crews (35 people); the deadline leaves one day.
    inst = instance(crews(5), (hall(capacity=21, n_days=2),), rules=Rules(deadline=JAN_22))

    explanation = explain_infeasibility(inst, relaxations=False)

    assert explanation is not None and explanation.shortage is None
    assert explanation.message.startswith("Tidak semua peserta dapat dijadwalkan")
    assert "batas_akhir" in explanation.rules
    assert not any(shows_a_code(line) for line in (explanation.message, *explanation.details))


def test_it_says_so_when_no_venue_opens_in_the_window() -> None:
    later = Venue("aula", "33.03.01", 30, 1, days(1, start=date(2024, 2, 1)))
    inst = replace(instance(crews(2), (later,), n_days=1), rules=Rules())

    explanation = explain_infeasibility(inst, relaxations=False)

    assert explanation is not None and explanation.shortage is not None
    assert explanation.shortage.seats_available == 0 and explanation.shortage.shortfall == 14
    assert explanation.message == (
        "14 peserta butuh tempat, tetapi jendela 1 hari (22 Januari 2024) tidak memuat satu sesi pun: "
        "tidak ada tempat yang dipakai pada tanggal itu."
    )
