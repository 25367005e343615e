"""Trigram index for searching innovation names (PostgreSQL only; see smartcity.trigram)."""

from django.db import migrations

from smartcity.trigram import add_trigram_indexes, drop_trigram_indexes

TABLES = ["dimensions_innovation"]


class Migration(migrations.Migration):
    dependencies = [("dimensions", "0005_search_name")]

    operations = [migrations.RunPython(add_trigram_indexes(TABLES), drop_trigram_indexes(TABLES))]
