from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Site-wide public pages: home, search, open data, sitemap, error pages."""

    name = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from . import signals

        signals.connect()
