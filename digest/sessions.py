"""Sessions in the database (the engine without Redis): Django's, each request's read in SQL
written once.

Every page of a logged-in person reads their session first; Django's engine builds that query with
the ORM each time (~0.5 ms, as much as the rest of the read). The rows, their expiry and their
signed data are Django's: the class keeps Django's name, so the data's signature (salted with it)
stays valid, and a session written by Django's engine reads here, and the other way round.
"""

from functools import cache

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


@cache
def _session_sql(model):
    meta = model._meta
    data, key, expiry = (meta.get_field(name).column for name in ("session_data", "session_key", "expire_date"))
    return f"SELECT {data} FROM {meta.db_table} WHERE {key} = %s AND {expiry} > %s"


class SessionStore(db.SessionStore):
    def load(self):
        connection = connections[router.db_for_read(self.model)]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_session_sql(self.model), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:  # no such session, or expired: a new one is made if anything is stored
            self._session_key = None
            return {}
        return self.decode(row[0])
