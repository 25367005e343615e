"""The public page cache: a region's draft and its review leave it alone; publishing invalidates it."""

from __future__ import annotations

import pytest

from evaluations import services
from evaluations.models import FindingKind, SubmissionStatus
from portal.cache import content_version
from tests.evaluations.conftest import EvalWorld
from tests.evaluations.flow import assess_all, walk

pytestmark = pytest.mark.django_db
S = SubmissionStatus


def test_saving_a_draft_answer_and_its_evidence_keeps_the_content_version(
    ev: EvalWorld, django_capture_on_commit_callbacks
):
    staff = ev.users["staf_pkl"]
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_save(user=staff, submission=ev.pekalongan, question=ev.questions[0], level=3)
        services.answer_save(user=staff, submission=ev.pekalongan, question=ev.questions[0], level=4)
        evidence = services.evidence_add(
            user=staff, submission=ev.pekalongan, question=ev.questions[1], title="Perwal", url="https://example.org/p"
        )
        services.evidence_remove(user=staff, evidence=evidence)
    assert content_version() == before


def test_the_review_keeps_the_content_version_and_publishing_changes_it(
    ev: EvalWorld, django_capture_on_commit_callbacks
):
    staff, evaluator, admin = ev.users["staf_pkl"], ev.users["evaluator"], ev.users["nasional"]
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        submission = walk(ev.pekalongan, staff, evaluator, admin, S.IN_REVIEW)
        finding = services.finding_add(
            user=evaluator,
            submission=submission,
            dimension=ev.questions[0].dimension,
            kind=FindingKind.STRENGTH,
            text="Regulasi ada",
        )
        services.finding_remove(user=evaluator, finding=finding)
        assess_all(submission, evaluator)
        services.accept(user=evaluator, submission=submission)
    assert content_version() == before

    with django_capture_on_commit_callbacks(execute=True):
        services.publish(user=admin, submission=submission)
    assert content_version() != before
