"""PostgreSQL needs pattern-ops indexes for the code-prefix queries every roll-up and scope makes."""

import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only: set DATABASE_URL to a PostgreSQL server")


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("regions_region", "code"),
        ("elections_tps", "village_code"),
        ("workforce_appointment", "region_code"),
        ("workforce_person", "region_code"),
    ],
)
def test_it_has_a_prefix_index_for_region_codes(table: str, column: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [table])
        definitions = [row[0] for row in cursor.fetchall()]
    assert any(f"({column} varchar_pattern_ops)" in d for d in definitions), definitions


def test_it_uses_the_index_for_a_prefix_query() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT count(*) FROM regions_region WHERE code LIKE '19.06.%'")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index" in plan, plan
