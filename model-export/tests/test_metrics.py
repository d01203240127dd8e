import numpy as np

from model_export import cards, metrics


def test_lift_of_a_perfect_ranking_is_the_inverse_base_rate():
    y = np.array([1] * 10 + [0] * 90)
    p = np.linspace(1, 0, 100)
    assert metrics.lift_top_decile(y, p) == 10.0


def test_lift_of_a_random_ranking_is_about_one():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 20000)
    assert abs(metrics.lift_top_decile(y, rng.random(20000)) - 1.0) < 0.1


def test_calibration_table_compares_predicted_and_observed_rates():
    y = np.array([0, 0, 1, 1])
    p = np.array([0.05, 0.15, 0.85, 0.95])
    rows = metrics.calibration_table(y, p)
    assert [r["observedRate"] for r in rows] == [0.0, 0.0, 1.0, 1.0]
    assert sum(r["count"] for r in rows) == 4


def test_histogram_fractions_sum_to_one_and_edges_are_increasing():
    h = cards.histogram(np.arange(1000, dtype=float))
    assert abs(sum(h["fractions"]) - 1) < 1e-9
    assert all(a < b for a, b in zip(h["edges"], h["edges"][1:]))
    assert len(h["fractions"]) == len(h["edges"]) - 1


def test_histogram_of_a_constant_has_one_bin():
    h = cards.histogram(np.zeros(50))
    assert h["fractions"] == [1.0]
