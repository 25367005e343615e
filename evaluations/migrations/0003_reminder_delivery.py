"""Reminder delivery: rule choices, claim/lease/retry bookkeeping, skip reasons, in-app title, link and read time."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('evaluations', '0002_submission_revision_due_on'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='reminder',
            name='claim_token',
            field=models.UUIDField(blank=True, db_index=True, editable=False, null=True, verbose_name='claim'),
        ),
        migrations.AddField(
            model_name='reminder',
            name='claimed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='claimed at'),
        ),
        migrations.AddField(
            model_name='reminder',
            name='link',
            field=models.CharField(blank=True, max_length=500, verbose_name='link'),
        ),
        migrations.AddField(
            model_name='reminder',
            name='next_attempt_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='next attempt at'),
        ),
        migrations.AddField(
            model_name='reminder',
            name='offset_days',
            field=models.SmallIntegerField(blank=True, help_text='Which reminder of the rule this is, e.g. 7 for seven days before; negative after.', null=True, verbose_name='days before the deadline'),
        ),
        migrations.AddField(
            model_name='reminder',
            name='queued_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='queued at'),
        ),
        migrations.AddField(
            model_name='reminder',
            name='read_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='read at'),
        ),
        migrations.AddField(
            model_name='reminder',
            name='resend_count',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='sent again'),
        ),
        migrations.AddField(
            model_name='reminder',
            name='skip_reason',
            field=models.CharField(blank=True, choices=[('inactive', 'Recipient is inactive'), ('no_email', 'Recipient has no email address (shown in the portal only)'), ('subject_gone', 'The object it is about was deleted'), ('resolved', 'No longer needed')], max_length=16, verbose_name='skip reason'),
        ),
        migrations.AddField(
            model_name='reminder',
            name='title',
            field=models.CharField(blank=True, max_length=250, verbose_name='title'),
        ),
        migrations.AlterField(
            model_name='reminder',
            name='rule',
            field=models.CharField(choices=[('evaluation_due', 'Self-assessment due'), ('evaluation_overdue', 'Self-assessment overdue'), ('overdue_escalation', 'Overdue: escalation to the head of Dinkominfo'), ('revision_requested', 'Revision requested'), ('revision_due', 'Revision due'), ('review_due', 'Review due'), ('stale_innovation', 'Innovation not updated')], max_length=40, verbose_name='rule'),
        ),
        migrations.AddIndex(
            model_name='reminder',
            index=models.Index(fields=['status', 'send_on'], name='reminder_due'),
        ),
        migrations.AddIndex(
            model_name='reminder',
            index=models.Index(fields=['recipient', 'read_at'], name='reminder_inbox'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'sent'), _negated=True), ('sent_at__isnull', False), _connector='OR'), name='reminder_sent_has_time'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'sending'), _negated=True), models.Q(('claim_token__isnull', False), ('claimed_at__isnull', False)), _connector='OR'), name='reminder_sending_is_claimed'),
        ),
        ]
