"""A row's cells by field, and the formula check over a whole row, read as the cell-by-cell reads do."""

from bimtek.lib.cells import Column, first_formula, formula_problem, match_headers

COLUMNS = [Column("nik", ["NIK"], required=True), Column("name", ["Nama"]), Column("phone", ["No HP"])]


def test_a_rows_values_name_each_matched_column_and_a_short_row_reads_none() -> None:
    match = match_headers(["Nama", "Catatan", "NIK", "No HP"], COLUMNS)
    assert match.values(["Siti", "x", "1906", "0812"]) == {"nik": "1906", "name": "Siti", "phone": "0812"}
    short = ["Siti", "x", "1906"]
    assert match.values(short) == {name: match.get(short, name) for name in match.index}
    assert match.values(short)["phone"] is None


def test_the_first_formula_of_a_row_is_the_one_the_cell_by_cell_check_finds() -> None:
    match = match_headers(["NIK", "Nama", "No HP"], COLUMNS)
    rows = [
        ["1906", "Siti", "+62 812-3456-7890"],  # a signed number is not a formula
        ["1906", "-Siti", "=1+1"],
        ["@SUM(A1)", "\tSiti", "0812"],
        ["1906", 12.0, None],
        ["", "Siti", "\rx"],
    ]
    for row in rows:
        values = match.values(row)
        expected = next(((f, p) for f in match.index if (p := formula_problem(match.get(row, f)))), None)
        assert first_formula(values) == expected
    assert [first_formula(match.values(r)) is None for r in rows] == [True, False, False, True, False]
    assert first_formula(match.values(rows[1]))[0] == "name"  # type: ignore[index]  # a formula is found
