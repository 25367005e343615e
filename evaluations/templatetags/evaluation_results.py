"""`{% region_evaluation_results regency %}`: a region's published scores, for its public page."""

from __future__ import annotations

from typing import Any

from django import template

from evaluations import selectors
from kelurahan.models import Regency

register = template.Library()


@register.inclusion_tag("evaluations/_region_results.html")
def region_evaluation_results(regency: Regency) -> dict[str, Any]:
    """The latest published result with a bar per dimension and the change against the previous one (3 queries)."""
    results = selectors.region_results(regency)
    latest = results[0] if results else None
    dimensions = selectors.result_dimensions(results) if results else []
    rows = latest.dimension_rows(dimensions) if latest else []
    for index, row in enumerate(rows):
        # Chart geometry (SVG user units): labels left, a 0–5 axis 300 units long.
        row["y"] = 8 + index * 26
        row["bar"] = row["percent"] * 3
        row["value_x"] = 176 + row["bar"]
    return {
        "regency": regency,
        "latest": latest,
        "rows": rows,
        "chart_height": 16 + 26 * len(rows),
        "history": results,
    }
