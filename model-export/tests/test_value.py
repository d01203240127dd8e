"""BG/NBD and Gamma-Gamma, fitted on purchases drawn from known parameters, find them again and predict the
holdout better than repeating the last period."""
import numpy as np
import pandas as pd
import pytest

from model_export import value

DAY = value.DAY_MS


def synthetic_history(customers=3000, days=400, seed=1):
    rng = np.random.default_rng(seed)
    true_bg = value.BgNbd(r=0.8, alpha=20.0, a=0.8, b=2.5)
    rows = []
    for c in range(customers):
        rate = rng.gamma(true_bg.r, 1 / true_bg.alpha)
        drop = rng.beta(true_bg.a, true_bg.b)
        worth = 6.0 / rng.gamma(4.0, 1 / 15.0)  # Gamma-Gamma: spend ~ Gamma(p=6, nu), nu ~ Gamma(q=4, gamma=15)
        t = rng.uniform(0, 200)
        first = True
        while t < days:
            rows.append((f"c{c}", int(t * DAY), "purchase", rng.gamma(6.0, worth / 6.0)))
            if not first and rng.random() < drop:  # BG/NBD: a customer may drop out after a repeat purchase
                break
            first = False
            t += rng.exponential(1 / rate)
    return pd.DataFrame(rows, columns=["customer_id", "timestamp", "type", "amount"]), true_bg


def test_the_fit_finds_the_parameters_the_purchases_were_drawn_from():
    history, truth = synthetic_history()
    fitted = value.fit_bgnbd(value.summarize(history, 400 * DAY))
    assert fitted.r == pytest.approx(truth.r, rel=0.3)
    assert fitted.alpha == pytest.approx(truth.alpha, rel=0.35)
    assert fitted.a / (fitted.a + fitted.b) == pytest.approx(truth.a / (truth.a + truth.b), rel=0.3)


def test_holdout_predictions_beat_repeating_the_last_period_and_silence_lowers_p_alive():
    history, _ = synthetic_history()
    report = value.evaluate(history, holdout_days=90)
    model, naive = report["bgNbdGammaGamma"], report["repeatLastPeriod"]
    assert model["purchasesMae"] < naive["purchasesMae"]
    assert model["purchasesTotal"] == pytest.approx(report["actual"]["purchasesTotal"], rel=0.2)
    bg = value.BgNbd(**report["parametersOnCalibration"]["bgNbd"])
    # the same five repeat purchases: the longer the silence since the last, the less likely still a customer
    assert bg.p_alive(5, 100, 110) > bg.p_alive(5, 100, 200) > bg.p_alive(5, 100, 300)
