"""Intervals over customers and the split by customer."""
import numpy as np
import pandas as pd

from model_export import validation


def _data(seed=0, customers=300, rows_each=4):
    rng = np.random.default_rng(seed)
    ids = np.repeat(np.arange(customers), rows_each).astype(str)
    y = rng.integers(0, 2, len(ids))
    good = y + rng.normal(0, 0.7, len(ids))  # informative
    noise = rng.normal(0, 1, len(ids))       # not at all
    return y, ids, good, noise


def test_bootstrap_intervals_hold_the_estimate_and_tell_a_better_scorer_from_noise():
    y, ids, good, noise = _data()
    out = validation.bootstrap(y, {"good": good, "noise": noise}, ids, seed=1, reference="noise")
    low, high = out["noise"]["rocAuc95"]
    assert low < 0.5 < high
    assert out["good"]["rocAuc95"][0] > 0.75
    assert out["good"]["rocAucGain95"][0] > 0.2  # the whole interval of the gain is above zero
    assert out["customers"] == 300


def test_held_out_customers_are_a_stable_fifth_chosen_by_id():
    ids = pd.Series([f"c{i}" for i in range(5000)])
    held = validation.held_out_customers(ids)
    assert 0.17 < held.mean() < 0.23
    again = validation.held_out_customers(ids.iloc[::-1].reset_index(drop=True))
    assert list(held[::-1]) == list(again)
