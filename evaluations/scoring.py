"""Score arithmetic of the semester evaluation: pure functions, no database.

The model (issue 5, defaults of the ministry's practice):

- A question's score is its maturity level 1–5 (scale questions) or the level its answer maps to by the
  questionnaire's rules (yes/no: yes = 5, no = 1); number and text questions are not scored.
- Its weight inside a dimension is the period's weight of its **component** (baseline 10, output 20, outcome 30,
  impact 30, quick win 10 by default) times the question's own weight.
- A (sub-)dimension's score is the weighted mean of its scored questions; the overall index is the plain mean
  of the dimension scores (or a weighted mean when dimension weights are given).

Everything is computed with exact fractions, so a result does not depend on the order of the questions, and is
rounded only at the end (two decimals, half up), as the ministry reports it (e.g. 3.31).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .models.questionnaires import AnswerType

SCALE_MIN = 1
SCALE_MAX = 5
# How a yes/no answer maps to the maturity scale (the questionnaire's stated rule).
YES_NO_SCORES = {"yes": SCALE_MAX, "no": SCALE_MIN}
SCORED_TYPES = frozenset({AnswerType.SCALE, AnswerType.YES_NO})
TWO_PLACES = Decimal("0.01")

Number = int | Decimal | Fraction


@dataclass(frozen=True)
class Item:
    """One question's contribution: where it sits, how much it weighs, and its score (None: not scored)."""

    dimension: Hashable
    component: str
    score: int | None
    weight: Number = 1
    sub_dimension: Hashable | None = None


def is_scored(answer_type: str) -> bool:
    return answer_type in SCORED_TYPES


def self_score_for(answer_type: str, level: int | None, value: str) -> int | None:
    """The self-score an answer carries: the chosen level, or the level a yes/no answer maps to."""
    if answer_type == AnswerType.SCALE:
        return level if level is not None and SCALE_MIN <= level <= SCALE_MAX else None
    if answer_type == AnswerType.YES_NO:
        return YES_NO_SCORES.get((value or "").strip().lower())
    return None


def _weight(item: Item, component_weights: Mapping[str, Number]) -> Fraction:
    return Fraction(component_weights.get(item.component, 0)) * Fraction(item.weight)


def weighted_mean(pairs: Iterable[tuple[Number, Number]]) -> Fraction | None:
    """Σ w·s / Σ w over (score, weight) pairs with positive weight; None when nothing weighs."""
    total = Fraction(0)
    weights = Fraction(0)
    for score, weight in pairs:
        weight = Fraction(weight)
        if weight <= 0:
            continue
        total += Fraction(score) * weight
        weights += weight
    return total / weights if weights else None


def _group_scores(
    items: Iterable[Item], component_weights: Mapping[str, Number], key: str
) -> dict[Hashable, Fraction | None]:
    groups: dict[Hashable, list[tuple[Number, Fraction]]] = defaultdict(list)
    seen: set[Hashable] = set()
    for item in items:
        group = getattr(item, key)
        if group is None:
            continue
        seen.add(group)
        if item.score is not None:
            groups[group].append((item.score, _weight(item, component_weights)))
    return {group: weighted_mean(groups.get(group, ())) for group in seen}


def dimension_scores(items: Iterable[Item], component_weights: Mapping[str, Number]) -> dict[Hashable, Fraction | None]:
    """Per dimension: the component-weighted mean of its scored questions (None: nothing scored yet)."""
    return _group_scores(items, component_weights, "dimension")


def sub_dimension_scores(
    items: Iterable[Item], component_weights: Mapping[str, Number]
) -> dict[Hashable, Fraction | None]:
    """Per sub-dimension, the same weighted mean over the questions placed in it."""
    return _group_scores(items, component_weights, "sub_dimension")


def overall_score(
    scores: Mapping[Hashable, Fraction | None], dimension_weights: Mapping[Hashable, Number] | None = None
) -> Fraction | None:
    """The overall index: the mean of the dimension scores (weighted when dimension weights are given)."""
    pairs = [
        (score, 1 if dimension_weights is None else dimension_weights.get(dimension, 0))
        for dimension, score in scores.items()
        if score is not None
    ]
    return weighted_mean(pairs)


def rounded(value: Fraction | Number | None) -> Decimal | None:
    """Two decimals, half up (3.305 → 3.31), as results are shown."""
    if value is None:
        return None
    fraction = Fraction(value)
    return (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(TWO_PLACES, ROUND_HALF_UP)


def validate_component_weights(weights: Mapping[str, Number]) -> bool:
    """Component weights are percentages that add up to 100."""
    return all(0 <= Fraction(w) <= 100 for w in weights.values()) and sum(Fraction(w) for w in weights.values()) == 100
