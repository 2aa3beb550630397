"""A speaker is never in two sessions at the same time: feasible and infeasible pairs for the pure rule."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bimtek.planner.core.speakers import SpeakerSession, cells, speaker_clashes

MONDAY = date(2024, 1, 22)
TUESDAY = date(2024, 1, 23)
ANI = "Ani Suryani (KPU Belitung Timur)"


def session(
    ident: str, day: date, slot: int, *, slots: int = 1, days: int = 1, speakers=(ANI,)
) -> SpeakerSession:
    return SpeakerSession(ident, f"Aula {ident}, sesi {slot}", day, slot, slots, days, tuple(speakers))


def test_it_lets_a_speaker_take_two_slots_of_one_day() -> None:
    assert speaker_clashes([session("a", MONDAY, 1), session("b", MONDAY, 2)]) == []


def test_it_lets_two_speakers_share_a_slot() -> None:
    other = session("b", MONDAY, 1, speakers=("Budi",))
    assert speaker_clashes([session("a", MONDAY, 1), other]) == []


def test_it_refuses_one_speaker_in_two_sessions_of_the_same_slot() -> None:
    found = speaker_clashes([session("a", MONDAY, 1), session("b", MONDAY, 1)])
    assert [v.code for v in found] == ["speaker_clash"]
    assert ANI in found[0].message and "Aula a" in found[0].message and "Aula b" in found[0].message
    assert "22 Januari 2024" in found[0].message


def test_it_refuses_a_two_day_session_overlapping_a_one_day_session_on_its_second_day() -> None:
    two_days = session("a", MONDAY, 1, slots=2, days=2)
    assert [v.code for v in speaker_clashes([two_days, session("b", TUESDAY, 2)])] == ["speaker_clash"]
    assert "23 Januari 2024" in speaker_clashes([two_days, session("b", TUESDAY, 2)])[0].message


def test_it_lets_the_evening_follow_a_full_day() -> None:
    full_day = session("a", MONDAY, 1, slots=2)
    assert speaker_clashes([full_day, session("b", MONDAY, 3)]) == []


@given(
    st.integers(0, 5), st.integers(1, 3), st.integers(1, 2), st.integers(1, 3),
    st.integers(0, 5), st.integers(1, 3), st.integers(1, 2), st.integers(1, 3),
)  # fmt: skip
def test_it_clashes_exactly_when_the_cells_meet(d1, s1, n1, k1, d2, s2, n2, k2) -> None:  # type: ignore[no-untyped-def]  # hypothesis fills them
    a = session("a", date(2024, 1, 1 + d1), s1, slots=n1, days=k1)
    b = session("b", date(2024, 1, 1 + d2), s2, slots=n2, days=k2)
    assert bool(speaker_clashes([a, b])) == bool(cells(a) & cells(b))
