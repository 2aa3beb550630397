"""Django's database sessions, with the read every signed-in request makes done by one plain statement.

The phone's scans are a request each and every one loads its session: through the ORM that is a model
instance built for a row of which only `session_data` is read. Here it is that column, by key and expiry,
as `django.contrib.sessions.backends.db` asks it; saving, expiry and logout are Django's own. A session
signed in through `ModelBackend` reads as signed in through `AccountBackend`, which is that backend.
`SESSION_ENGINE = "bimtek.accounts.sessions"`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from bimtek.accounts import backends
from bimtek.lib.prepared import preparing_cursor


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        key = self.session_key
        if not key:
            self._session_key = None
            return {}
        model = self.model
        connection = connections[router.db_for_read(model)]
        table = connection.ops.quote_name(model._meta.db_table)
        with preparing_cursor(connection) as cursor:
            cursor.execute(
                f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s",  # noqa: S608 (the table's own name)
                [key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        data = self.decode(row[0])
        if data.get(BACKEND_SESSION_KEY) == backends.LEGACY_PATH:  # signed in before AccountBackend
            data[BACKEND_SESSION_KEY] = backends.PATH
        return data
