"""sitemap.xml: the public pages in both languages (hreflang alternates)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from dimensions.models import Dimension
from dimensions.selectors import public_innovations
from kelurahan.selectors import participating_regencies, published_kelurahan_pintar
from masterplan.selectors import published_versions


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPages(BilingualSitemap):
    priority = 0.8

    def items(self) -> list[str]:
        return ["portal:home", "kelurahan:regions", "dimensions:dimensions", "dimensions:innovations", "portal:data"]

    def location(self, item: str) -> str:
        return reverse(item)


class Regions(BilingualSitemap):
    priority = 0.7

    def items(self):
        return participating_regencies()


class Innovations(BilingualSitemap):
    def items(self):
        return public_innovations().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class Dimensions(BilingualSitemap):
    def items(self):
        return Dimension.objects.order_by("order")


class MasterplanVersions(BilingualSitemap):
    def items(self):
        return published_versions().order_by("pk")


class KelurahanPintar(BilingualSitemap):
    def items(self):
        return [enrolment.village for enrolment in published_kelurahan_pintar()]


SITEMAPS = {
    "pages": StaticPages,
    "regions": Regions,
    "dimensions": Dimensions,
    "innovations": Innovations,
    "masterplans": MasterplanVersions,
    "kelurahan": KelurahanPintar,
}
