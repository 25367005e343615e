"""Load the national dimension catalogue (six core dimensions, two extras)."""

from django.db import migrations


def load_catalogue(apps, schema_editor):
    from dimensions.catalogue import DIMENSIONS

    Dimension = apps.get_model("dimensions", "Dimension")
    SubDimension = apps.get_model("dimensions", "SubDimension")
    for code, name, name_en, description, description_en, order, is_core, subs in DIMENSIONS:
        dimension, _ = Dimension.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": description,
                "description_en": description_en,
                "order": order,
                "is_core": is_core,
            },
        )
        for position, (sub_code, sub_name, sub_name_en) in enumerate(subs, start=1):
            SubDimension.objects.update_or_create(
                dimension=dimension,
                code=sub_code,
                defaults={"name": sub_name, "name_en": sub_name_en, "order": position},
            )


class Migration(migrations.Migration):
    dependencies = [("dimensions", "0002_initial")]

    operations = [migrations.RunPython(load_catalogue, migrations.RunPython.noop)]
