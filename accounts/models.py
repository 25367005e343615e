"""Portal users and the area of work they belong to."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The portal's roles; each is also a permission group of the same name."""

    NATIONAL_ADMIN = "national_admin", _("National programme admin")
    REGENCY_STAFF = "regency_staff", _("Regency staff (Dinkominfo)")
    AGENCY_STAFF = "agency_staff", _("Agency staff (OPD pembina)")
    KELURAHAN_OPERATOR = "kelurahan_operator", _("Kelurahan operator")
    EVALUATOR = "evaluator", _("Ministry evaluator")


class User(AbstractUser):
    """A person who signs in: ministry, regency, agency or kelurahan staff.

    Where a user works is a foreign key, never free text, so the scoping policy
    can filter on it: regency staff have `regency`, agency staff have `agency`
    (and the agency's regency), kelurahan operators have `village`.
    """

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    regency = models.ForeignKey(
        "kelurahan.Regency",
        verbose_name=_("regency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    agency = models.ForeignKey(
        "kelurahan.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    village = models.ForeignKey(
        "kelurahan.Village",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="operators",
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="id",
        help_text=_("Language of the emails and notifications the portal sends to this person."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="regency_staff") | models.Q(regency__isnull=False),
                name="user_regency_staff_has_regency",
                violation_error_message=_("Regency staff must belong to a regency."),
            ),
            models.CheckConstraint(
                condition=~models.Q(role="agency_staff") | models.Q(agency__isnull=False),
                name="user_agency_staff_has_agency",
                violation_error_message=_("Agency staff must belong to an agency."),
            ),
            models.CheckConstraint(
                condition=~models.Q(role="kelurahan_operator") | models.Q(village__isnull=False),
                name="user_operator_has_village",
                violation_error_message=_("A kelurahan operator must belong to a kelurahan."),
            ),
        ]
