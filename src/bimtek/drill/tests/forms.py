"""Named forms the tests share.

`tps_004_sukamaju` is a clean count: every rule holds, so a test can break exactly one thing in it.
"""

from bimtek.drill.core.form import LP, Ballots, CountForm, Turnout


def blank(**fields: object) -> CountForm:
    """A form with only the given sections filled; every other box is empty, so no other rule runs."""
    return CountForm(id="t", kind="pemilu", contest="ppwp", **fields)  # type: ignore[arg-type]  # test kwargs of CountForm


def tps_004_sukamaju() -> CountForm:
    return CountForm(
        id="tps-004-sukamaju",
        kind="pemilu",
        contest="ppwp",
        dpt=LP(100, 110, 210),
        turnout=Turnout(dpt=LP(80, 90, 170), dptb=LP(2, 1, 3), dpk=LP(1, 0, 1), total=LP(83, 91, 174)),
        # 210 + ceil(2% x 210 = 4.2) = 215 received; one voter swapped a mis-marked ballot.
        ballots=Ballots(received=215, used=174, damaged=1, unused=40),
        disabled=LP(2, 1, 3),
        votes={"1": 70, "2": 60, "3": 40},
        valid=170,
        invalid=4,
        total=174,
        words={"V.A": "seratus tujuh puluh", "IV.1": "Tujuh-puluh"},
        tally={"IV.1": 70, "IV.2": 60},
    )
