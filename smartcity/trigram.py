"""Trigram (pg_trgm) GIN indexes for the `search_name` columns, on PostgreSQL only.

Search is `search_name LIKE '%words%'`: a B-tree index cannot serve a pattern that starts with a wildcard, a
trigram index can (for three characters or more). SQLite has neither and does not need them at this size; where
the database user may not create the extension, the index is left out and search still works, by a scan.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)


def add_trigram_indexes(tables: list[str]):
    def forwards(apps, schema_editor) -> None:
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:
            logger.warning("pg_trgm not available: search runs without trigram indexes")
            return
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {table}_search_trgm ON {table} USING gin (search_name gin_trgm_ops)"
                )

    return forwards


def drop_trigram_indexes(tables: list[str]):
    def backwards(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"DROP INDEX IF EXISTS {table}_search_trgm")

    return backwards
