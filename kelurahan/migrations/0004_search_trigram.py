"""Trigram indexes for case/accent-insensitive search of area names (PostgreSQL only; see smartcity.trigram)."""

from django.db import migrations

from smartcity.trigram import add_trigram_indexes, drop_trigram_indexes

TABLES = ["kelurahan_regency", "kelurahan_district", "kelurahan_village"]


class Migration(migrations.Migration):
    dependencies = [("kelurahan", "0003_search_name")]

    operations = [migrations.RunPython(add_trigram_indexes(TABLES), drop_trigram_indexes(TABLES))]
