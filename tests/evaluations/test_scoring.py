"""Score arithmetic: worked examples, and properties (within 1–5, independent of question order)."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from evaluations import scoring
from evaluations.models import AnswerType, Component
from evaluations.scoring import Item

DEFAULT = {
    Component.BASELINE: 10,
    Component.OUTPUT: 20,
    Component.OUTCOME: 30,
    Component.IMPACT: 30,
    Component.QUICK_WIN: 10,
}


def test_worked_example_one_dimension_weighted_by_component():
    # baseline 3 (10), output 4 (20), outcome 3 (30), impact 2 (30), quick win yes = 5 (10)
    items = [
        Item("gov", Component.BASELINE, 3),
        Item("gov", Component.OUTPUT, 4),
        Item("gov", Component.OUTCOME, 3),
        Item("gov", Component.IMPACT, 2),
        Item("gov", Component.QUICK_WIN, 5),
    ]
    # (30 + 80 + 90 + 60 + 50) / 100 = 3.10
    assert scoring.rounded(scoring.dimension_scores(items, DEFAULT)["gov"]) == Decimal("3.10")


def test_worked_example_overall_is_the_mean_of_dimensions_and_rounds_half_up():
    scores = {"gov": Fraction(31, 10), "eco": Fraction(7, 2), "liv": Fraction(133, 40)}  # 3.10, 3.50, 3.325
    assert scoring.rounded(scores["liv"]) == Decimal("3.33")
    # (3.10 + 3.50 + 3.325) / 3 = 3.30833…
    assert scoring.rounded(scoring.overall_score(scores)) == Decimal("3.31")


def test_question_weights_multiply_component_weights_and_unscored_or_zero_weight_items_do_not_count():
    items = [
        Item("gov", Component.OUTCOME, 4, weight=Decimal("2.00")),  # 30 × 2 = 60
        Item("gov", Component.IMPACT, 1),  # 30
        Item("gov", Component.BASELINE, None),  # unanswered
    ]
    assert scoring.dimension_scores(items, DEFAULT)["gov"] == Fraction(4 * 60 + 1 * 30, 90)
    other_year = {**DEFAULT, Component.IMPACT: 0}
    assert scoring.dimension_scores(items, other_year)["gov"] == 4
    assert scoring.dimension_scores([Item("eco", Component.BASELINE, None)], DEFAULT) == {"eco": None}


def test_sub_dimension_scores_and_dimension_weights():
    items = [
        Item("gov", Component.OUTPUT, 2, sub_dimension="gov.a"),
        Item("gov", Component.OUTPUT, 4, sub_dimension="gov.b"),
    ]
    assert scoring.sub_dimension_scores(items, DEFAULT) == {"gov.a": 2, "gov.b": 4}
    assert scoring.overall_score({"gov": Fraction(2), "eco": Fraction(4)}, {"gov": 3, "eco": 1}) == Fraction(5, 2)


def test_answer_types_map_to_scores():
    assert scoring.self_score_for(AnswerType.SCALE, 4, "") == 4
    assert scoring.self_score_for(AnswerType.SCALE, 7, "") is None
    assert scoring.self_score_for(AnswerType.YES_NO, None, "yes") == 5
    assert scoring.self_score_for(AnswerType.YES_NO, None, "no") == 1
    assert scoring.self_score_for(AnswerType.NUMBER, None, "12") is None
    assert not scoring.is_scored(AnswerType.TEXT)


def test_component_weights_must_add_up_to_100():
    assert scoring.validate_component_weights(DEFAULT)
    assert not scoring.validate_component_weights({**DEFAULT, Component.IMPACT: 31})


weights = st.fixed_dictionaries({c: st.integers(0, 100) for c in Component.values}).filter(lambda w: sum(w.values()))
items = st.lists(
    st.builds(
        Item,
        dimension=st.sampled_from(["gov", "eco", "liv"]),
        component=st.sampled_from(Component.values),
        score=st.one_of(st.none(), st.integers(1, 5)),
        weight=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=2),
    ),
    max_size=60,
)


@given(items, weights)
def test_scores_stay_within_the_scale(items, weights):
    dims = scoring.dimension_scores(items, weights)
    for score in dims.values():
        assert score is None or 1 <= score <= 5
    overall = scoring.overall_score(dims)
    assert overall is None or 1 <= overall <= 5
    rounded = scoring.rounded(overall)
    assert rounded is None or Decimal(1) <= rounded <= Decimal(5)


@given(items, weights, st.randoms(use_true_random=False))
def test_scores_do_not_depend_on_question_order(items, weights, rnd: random.Random):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert scoring.dimension_scores(shuffled, weights) == scoring.dimension_scores(items, weights)
    assert scoring.overall_score(scoring.dimension_scores(shuffled, weights)) == scoring.overall_score(
        scoring.dimension_scores(items, weights)
    )


@given(st.integers(1, 5), items, weights)
def test_equal_scores_give_that_score(level, items, weights):
    same = [Item(i.dimension, i.component, level, i.weight) for i in items]
    for score in scoring.dimension_scores(same, weights).values():
        assert score is None or score == level
