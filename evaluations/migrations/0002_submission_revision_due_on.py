"""The revision deadline an evaluator sets when asking for a revision (used by the revision reminders)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('evaluations', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='submission',
            name='revision_due_on',
            field=models.DateField(blank=True, help_text='Set when an evaluator requests a revision; the region is reminded before it.', null=True, verbose_name='revision due on'),
        ),
    ]
