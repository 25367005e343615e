"""Reminders send their reader to the page where they act."""

from django.urls import reverse

from evaluations.reminders.links import innovation_link, submission_link


def test_a_region_is_sent_to_its_self_assessment_and_an_evaluator_to_the_review():
    assert submission_link(7) == reverse("evaluations:fill", args=(7,))
    assert submission_link(7, evaluator=True) == reverse("evaluations:review", args=(7,))
    assert submission_link(7) != submission_link(7, evaluator=True)


def test_an_innovation_opens_in_the_admin():
    assert innovation_link(3) == reverse("admin:dimensions_innovation_change", args=(3,))
