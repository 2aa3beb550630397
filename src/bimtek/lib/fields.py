"""Model fields shared by the apps."""

from typing import Any

from django.db import models


class CodeField(models.CharField):
    """A region code ('32.01.01.2001'): ASCII digits and dots, compared byte by byte.

    On PostgreSQL the column's collation is "C" whatever the database's locale, so a prefix filter
    (`region_code LIKE '32.%'`) is a range of any plain b-tree index that holds the column, and
    `ORDER BY region_code` is code order straight from that index. Under a locale collation (en_US,
    or even C.UTF-8 before PostgreSQL 17) the planner cannot turn LIKE into an index range: a province's
    list of TPS at risk read every such TPS of the country. SQLite compares bytes already.
    """

    def db_parameters(self, connection: Any) -> dict[str, Any]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql" and not self.db_collation:
            params["collation"] = "C"
        return params
