"""Print the URLs of every load scenario (run by bench/load/run.py with the server's environment)."""

# ruff: noqa: E402
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
import json
import random

import django

django.setup()
from django.urls import NoReverseMatch, reverse

from dimensions.models import Innovation
from kelurahan.models import Regency, Village

rng = random.Random(7)


def rev(names, **kwargs):
    for name in names:
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    return None


regencies = list(
    Regency.objects.filter(programme__is_published=True).order_by("code").values_list("slug", "code", "name")
)
villages = list(Village.objects.filter(regency__programme__is_published=True).values_list("code", "name"))
innovations = list(Innovation.objects.filter(is_published=True).order_by("pk").values_list("slug", "pk")[::997])
rng.shuffle(regencies)
rng.shuffle(villages)
out = {"trivial": ["/bench/trivial/"], "home": ["/", "/en/"]}
out["lists"] = [
    rev([name])
    for name in ("kelurahan:regions", "dimensions:innovations", "dimensions:dimensions", "results:index", "portal:data")
]
out["region"] = [rev(["kelurahan:region"], slug=s) for s, c, n in regencies]
out["kelurahan"] = [rev(["kelurahan:village"], code=c) for c, n in villages[:5000]]
search = rev(["portal:search", "search", "kelurahan:search", "dimensions:search"])
words = ["pekalongan", "kota", "batik", "parkir", "sungai", "jaya", "kabupaten", "makmur", "banjir", "pasar"]
out["search"] = (
    [f"{search}?q={w}" for w in words] + [f"{search}?q={n.split()[-1].lower()}" for s, c, n in regencies[:40]]
    if search
    else []
)
innovation_pages = []
for slug, pk in innovations:
    url = rev(
        ["dimensions:innovation", "dimensions:innovation_detail", "dimensions:detail", "portal:innovation"], slug=slug
    )
    if url is None:
        url = rev(["dimensions:innovation", "dimensions:innovation_detail", "portal:innovation"], pk=pk)
    if url:
        innovation_pages.append(url)
out["innovation"] = innovation_pages
api = ["/api/v1/regencies/", "/api/v1/programmes/", "/api/v1/provinces/"]
api += [f"/api/v1/villages/?regency={c}" for s, c, n in regencies[:30]]
api += [f"/api/v1/agencies/?regency={c}" for s, c, n in regencies[:30]]
for name in ("innovations", "evaluation-results", "kelurahan-pintar", "dimensions", "masterplans"):
    api.append(f"/api/v1/{name}/")
api += [f"/api/v1/innovations/?regency={c}" for s, c, n in regencies[:30]]
out["api"] = api
# 90 % down the village list (75,000th of 83,762 nationally), as a hand-made cursor position.
deep = Village.objects.order_by("code").values_list("code", flat=True)[Village.objects.count() * 9 // 10]
out["api-cursor-first"] = ["/api/v1/villages/"]
out["api-cursor-deep"] = ["/api/v1/villages/?cursor=" + __import__("base64").b64encode(("p=" + deep).encode()).decode()]
staff = [
    "/admin/",
    "/admin/dimensions/innovation/",
    "/admin/kelurahan/village/?q=kauman",
    "/admin/evaluations/submission/",
]
for name in ("evaluations:list", "reminders:list", "staff:dashboard", "staff:home"):
    url = rev([name])
    if url:
        staff.append(url)
from evaluations.models import Submission

for pk in Submission.objects.order_by("-pk").values_list("pk", flat=True)[:20]:
    url = rev(["evaluations:detail"], pk=pk)
    if url:
        staff.append(url)
out["staff"] = staff
print("PATHS " + json.dumps({k: [p for p in v if p] for k, v in out.items()}))
