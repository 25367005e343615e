"""The filter form of the public innovation lists."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelurahan.models import Regency

from .models import Dimension, InnovationKind, InnovationStatus


class InnovationFilterForm(forms.Form):
    """Filters given as a query string; bad values make the page answer 400 with the message."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    dimension = forms.ChoiceField(label=_("Dimension"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *InnovationKind.choices])
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *InnovationStatus.choices]
    )
    year = forms.IntegerField(label=_("Started in"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: object, with_dimension: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        regions = Regency.objects.filter(programme__is_published=True).order_by("name").values_list("slug", "name")
        self.fields["region"].choices = [("", _("All regions")), *regions]
        if with_dimension:
            self.fields["dimension"].choices = [
                ("", _("All dimensions")),
                *((d.code, d.display_name) for d in Dimension.objects.order_by("order")),
            ]
        else:
            del self.fields["dimension"]
