"""Cache invalidation: any change to public content bumps the content version (`portal.cache`)."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from evaluations.signals import submission_published
from kelurahan.signals import areas_imported

from .cache import bump_content_version

CONTENT_APPS = {"kelurahan", "dimensions", "masterplan", "evaluations"}
# Written often and shown on no public page. Answers, evidence, findings and status changes are the draft and the
# review of a submission: public pages show a submission only once it is published, and then they no longer
# change. Publishing itself bumps the version through `submission_published` (the workflow changes the status
# with QuerySet.update(), which sends no post_save).
NOT_CONTENT = {
    ("evaluations", "reminder"),
    ("evaluations", "answer"),
    ("evaluations", "answerevidence"),
    ("evaluations", "finding"),
    ("evaluations", "submissiontransition"),
}


def _content_changed(sender: type, **kwargs: object) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in CONTENT_APPS or (meta.app_label, meta.model_name) in NOT_CONTENT:
        return
    if meta.model_name.startswith("historical"):
        return
    bump_content_version()


def _m2m_changed(sender: type, action: str, **kwargs: object) -> None:
    if action.startswith("post_"):
        _content_changed(sender)


def connect() -> None:
    post_save.connect(_content_changed, dispatch_uid="portal-content-saved")
    post_delete.connect(_content_changed, dispatch_uid="portal-content-deleted")
    m2m_changed.connect(_m2m_changed, dispatch_uid="portal-content-m2m")
    areas_imported.connect(bump_content_version, dispatch_uid="portal-areas-imported")
    submission_published.connect(bump_content_version, dispatch_uid="portal-submission-published")
