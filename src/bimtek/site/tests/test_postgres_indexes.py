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
        ("planner_sessiongroup", "region_code"),  # the make-up rule reads a kecamatan's groups
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


@pytest.mark.parametrize("table", ["readiness_readinesstps", "readiness_readinessrollup"])
def test_readiness_region_codes_compare_byte_by_byte(table: str) -> None:
    """Under the database's locale (C.UTF-8 counts as one before PostgreSQL 17) LIKE '19.06.%' could not use
    the composite indexes: a province's list of TPS at risk read every such TPS of the country."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collation_name FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
            [table, "region_code"],
        )
        assert cursor.fetchone() == ("C",)


def test_a_regions_tps_at_risk_are_an_index_range() -> None:
    from bimtek.readiness.models import ReadinessTPS

    rows = ReadinessTPS.objects.filter(election_id=1, status="at_risk", region_code__startswith="19.06.")
    sql, params = rows.order_by("region_code", "tps_id").values_list("tps_id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_bitmapscan = off")
        # A plan without Sort exists only if the index gives code order.
        cursor.execute("SET enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Cond" in plan and ">= '19.06.'" in plan, plan
    assert "Sort" not in plan, plan
