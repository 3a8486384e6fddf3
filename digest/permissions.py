"""Whose permissions are whose: Django's ModelBackend, reading a user's permissions in one query.

Every desk page asks for the user's permissions (the admin checks them for the page, its actions
and the nav sidebar). ModelBackend reads them afresh on each request, in two queries built by the
ORM (the user's own, their groups'): about 2 ms of building SQL, a sixth of an issue workspace's
time. Here both come in one query written once, still on each request, so a permission given or
taken away (to the user or to one of their groups) counts from the next request on, in every
worker. Superusers, inactive users and object permissions go the way ModelBackend takes.

Listed before ModelBackend (settings.AUTHENTICATION_BACKENDS), which still logs people in and
loads the user of a session that names it; asked for a permission this backend does not find,
ModelBackend answers from the same per-request cache (`_perm_cache`, which this class inherits)
without a query of its own.
"""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router


@cache
def _permissions_sql():
    """The query, from the models' own table and column names."""
    user_permissions = get_user_model().user_permissions.through._meta
    user_groups = get_user_model().groups.through._meta
    group_permissions = Group.permissions.through._meta
    permission, content_type = Permission._meta, ContentType._meta

    def column(meta, name):
        return meta.get_field(name).column

    return (
        f"SELECT ct.{column(content_type, 'app_label')}, p.{column(permission, 'codename')}"
        f" FROM {permission.db_table} p"
        f" JOIN {content_type.db_table} ct ON ct.{content_type.pk.column} = p.{column(permission, 'content_type')}"
        f" WHERE p.{permission.pk.column} IN ("
        f"SELECT {column(user_permissions, 'permission')} FROM {user_permissions.db_table}"
        f" WHERE {column(user_permissions, 'user')} = %s)"
        f" OR p.{permission.pk.column} IN ("
        f"SELECT gp.{column(group_permissions, 'permission')} FROM {group_permissions.db_table} gp"
        f" JOIN {user_groups.db_table} ug"
        f" ON ug.{column(user_groups, 'group')} = gp.{column(group_permissions, 'group')}"
        f" WHERE ug.{column(user_groups, 'user')} = %s)"
    )


class PermissionBackend(ModelBackend):
    def authenticate(self, request, **credentials):
        return None  # passwords are ModelBackend's: a wrong one is hashed once, not once per backend

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None or user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):  # ModelBackend's cache: once per request
            with connections[router.db_for_read(Permission)].cursor() as cursor:
                cursor.execute(_permissions_sql(), [user_obj.pk, user_obj.pk])
                user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in cursor.fetchall()}
        return user_obj._perm_cache
