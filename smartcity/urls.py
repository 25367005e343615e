"""Root URL configuration.

Public pages and the admin live under `i18n_patterns` without a prefix for the
default language: Indonesian at `/…`, English at `/en/…`. Every language has its
own URL, so pages can be cached by URL alone.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.i18n import set_language

from api.exceptions import not_found
from portal.cache import public_page
from portal.health import healthz
from portal.sitemaps import SITEMAPS
from portal.views import robots_txt
from smartcity import files

# A lost database connection answers 503 + Retry-After (smartcity/security.py); anything else the usual 500.
handler500 = "smartcity.security.server_error"

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", healthz, name="healthz"),
    # The API negotiates its language from Accept-Language (Indonesian by default), not the URL.
    path("api/v1/", include("api.urls")),
    re_path(r"^api/", not_found),
    path("robots.txt", robots_txt, name="robots"),
    # Uploaded files, to those allowed (smartcity/files.py).
    path("berkas/buku/<int:pk>/", files.book_file, name="book_file"),
    path("berkas/bukti/<int:pk>/", files.evidence_file, name="evidence_file"),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("notifikasi/", include("evaluations.reminders.urls")),
    path("", include("portal.urls")),
    path("", include("kelurahan.urls")),
    path("", include("dimensions.urls")),
    path("", include("masterplan.urls")),
    path("evaluasi/", include("evaluations.urls")),
    path("hasil-evaluasi/", include("evaluations.public_urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if getattr(settings, "BENCH_TRIVIAL_VIEW", False):
    from smartcity.bench_views import trivial

    urlpatterns.insert(0, path("bench/trivial/", trivial, name="bench_trivial"))
