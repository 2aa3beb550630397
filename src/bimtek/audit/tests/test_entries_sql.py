"""The audit log written from SQL (a hot write's own statement) refuses what it could not mask."""

import pytest

from bimtek.audit.services import entries_from_rows_sql


@pytest.mark.parametrize(
    ("after", "columns"),
    [
        ({"nik": "nik"}, {}),
        ({"systolic": "systolic"}, {}),
        ({"part": "part; DROP TABLE x"}, {}),
        ({}, {"source": "a b"}),
    ],
)
def test_personal_data_and_odd_names_are_refused(after: dict[str, str], columns: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        entries_from_rows_sql(
            actor="cli:root",
            action="attendance.check_in",
            object_type="attendance",
            source=columns.get("source", "stored"),
            object_id="key",
            region_code="region_code",
            after=after,
        )
