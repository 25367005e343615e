"""Questionnaire and period admin: inlines, frozen versions, copy into a new version, close and reopen."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.models import EvaluationPeriod, Questionnaire
from tests.evaluations.conftest import EvalWorld

pytestmark = pytest.mark.django_db


def test_the_questionnaire_page_edits_levels_and_questions_inline(client, ev: EvalWorld):
    client.force_login(ev.users["nasional"])
    page = client.get(reverse("admin:evaluations_questionnaire_change", args=[ev.questionnaire.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "scale_levels-TOTAL_FORMS" in html
    assert "questions-TOTAL_FORMS" in html


def test_a_questionnaire_used_by_a_closed_period_is_frozen_and_copied_into_a_new_version(client, ev: EvalWorld):
    client.force_login(ev.users["nasional"])
    ev.period.closed_at = timezone.now()
    ev.period.save()
    change = reverse("admin:evaluations_questionnaire_change", args=[ev.questionnaire.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = client.post(change, {"title": "Diubah", "version": 1})
    assert response.status_code == 403
    assert Questionnaire.objects.get(pk=ev.questionnaire.pk).title == "Kuesioner Uji"

    changelist = reverse("admin:evaluations_questionnaire_changelist")
    response = client.post(changelist, {"action": "copy_into_new_version", "_selected_action": [ev.questionnaire.pk]})
    assert response.status_code == 302
    copy = Questionnaire.objects.get(title="Kuesioner Uji", version=2)
    assert copy.based_on == ev.questionnaire
    assert copy.questions.count() == ev.questionnaire.questions.count()
    assert copy.scale_levels.count() == 5
    assert client.get(reverse("admin:evaluations_questionnaire_change", args=[copy.pk])).status_code == 200


def test_periods_show_regions_with_evaluators_and_close_and_reopen(client, ev: EvalWorld):
    client.force_login(ev.users["nasional"])
    page = client.get(reverse("admin:evaluations_evaluationperiod_change", args=[ev.period.pk]))
    assert page.status_code == 200
    assert "submissions-TOTAL_FORMS" in page.content.decode()
    changelist = reverse("admin:evaluations_evaluationperiod_changelist")
    client.post(changelist, {"action": "close_periods", "_selected_action": [ev.period.pk]})
    assert EvaluationPeriod.objects.get(pk=ev.period.pk).closed_at is not None
    client.post(changelist, {"action": "reopen_periods", "_selected_action": [ev.period.pk]})
    assert EvaluationPeriod.objects.get(pk=ev.period.pk).closed_at is None


def test_evaluators_cannot_change_periods_or_questionnaires(client, ev: EvalWorld):
    client.force_login(ev.users["evaluator"])
    changelist = reverse("admin:evaluations_evaluationperiod_changelist")
    client.post(changelist, {"action": "close_periods", "_selected_action": [ev.period.pk]})
    assert EvaluationPeriod.objects.get(pk=ev.period.pk).closed_at is None
    response = client.post(
        reverse("admin:evaluations_questionnaire_changelist"),
        {"action": "copy_into_new_version", "_selected_action": [ev.questionnaire.pk]},
    )
    assert response.status_code in (200, 302, 403)
    assert Questionnaire.objects.count() == 1
