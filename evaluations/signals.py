"""Signals of the evaluation workflow, so that other parts (reminders, caches) react without being imported by it.

Each is sent by the workflow service after the transaction that changed the submission has committed
(`transaction.on_commit`), with `sender=Submission` and `submission=` the submission, `actor=` the user who acted.
"""

from django.dispatch import Signal

# A region submitted (or resubmitted) its self-assessment.
submission_submitted = Signal()
# An evaluator sent the submission back to the region for revision (`submission.revision_due_on` is set).
revision_requested = Signal()
# An evaluator accepted the submission.
submission_accepted = Signal()
# The ministry published the submission's scores.
submission_published = Signal()
