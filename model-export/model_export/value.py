"""Customer value: BG/NBD for how many purchases a customer makes next, Gamma-Gamma for what they are worth.

The field's standard (Fader, Hardie and Lee 2005; Fader and Hardie 2013), fitted here by maximum likelihood
with scipy. A customer is summarized, as of a time, by purchase days: `x` repeat purchase days (days with a
purchase after the first), `t_x` days from the first purchase to the last, `T` days from the first purchase
to the time, and `mbar` the mean value of the repeat purchase days. The parameters go into a card; the
closed forms below are all the app needs to compute expected purchases, spend and the probability of being
alive from a customer's state.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import gammaln, hyp2f1

from . import rfm

DAY_MS = rfm.DAY_MS


@dataclass(frozen=True)
class BgNbd:
    r: float
    alpha: float
    a: float
    b: float

    def p_alive(self, x, t_x, T):
        x, t_x, T = map(np.asarray, (x, t_x, T))
        ratio = np.where(x > 0, self.a / (self.b + x - 1) * ((self.alpha + T) / (self.alpha + t_x)) ** (self.r + x),
                         0.0)
        return 1.0 / (1.0 + ratio)

    def expected_purchases(self, t, x, t_x, T):
        """Expected purchase days in the next `t` days, given the customer's history."""
        x, t_x, T = map(np.asarray, (x, t_x, T))
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        hyp = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
        head = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp)
        return head * self.p_alive(x, t_x, T)


@dataclass(frozen=True)
class GammaGamma:
    p: float
    q: float
    gamma: float

    def expected_value(self, x, mbar):
        """Expected value of a purchase day, shrunk from the customer's own mean towards the population's."""
        x, mbar = np.asarray(x, dtype=float), np.asarray(mbar, dtype=float)
        population = self.p * self.gamma / (self.q - 1)
        own = self.p * (self.gamma + x * mbar) / (self.p * x + self.q - 1)
        return np.where(x > 0, own, population)


def summarize(history: pd.DataFrame, at: int, purchase_type: str = "purchase") -> pd.DataFrame:
    """x, t_x, T (days), mbar and the first purchase of every customer who purchased before `at`."""
    buys = history[(history["type"] == purchase_type) & (history["timestamp"] < at)].copy()
    buys["day"] = buys["timestamp"] // DAY_MS
    days = buys.groupby(["customer_id", "day"])["amount"].sum().reset_index()
    first = days.groupby("customer_id")["day"].min().rename("first_day")
    days = days.join(first, on="customer_id")
    repeat = days[days["day"] > days["first_day"]]
    out = pd.DataFrame(index=first.index)
    out["x"] = repeat.groupby("customer_id").size().reindex(out.index, fill_value=0).astype(float)
    out["t_x"] = (days.groupby("customer_id")["day"].max() - first).astype(float)
    out["T"] = (at / DAY_MS - first).astype(float)
    out["mbar"] = repeat.groupby("customer_id")["amount"].mean().reindex(out.index, fill_value=0.0)
    return out


PENALTY = 1e-3


def _bgnbd_nll(log_params, x, t_x, T):
    r, alpha, a, b = np.exp(log_params)
    # a small L2 penalty on the parameters, as is usual for this model: without it, a history where few
    # customers seem to leave drives b (and the dropout odds) to infinity, where the closed forms break down
    penalty = PENALTY * float(np.sum(np.exp(2 * np.asarray(log_params))))
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-12)) - (r + x) * np.log(alpha + t_x),
                      -np.inf)
    return -np.sum(a1 + a2 + np.logaddexp(a3, a4)) + penalty


def fit_bgnbd(s: pd.DataFrame) -> BgNbd:
    """Fitted in weeks (so that the penalty weighs the parameters alike), returned for days."""
    args = (s["x"].to_numpy(), s["t_x"].to_numpy() / 7, s["T"].to_numpy() / 7)
    best = minimize(_bgnbd_nll, np.log([1.0, 2.0, 1.0, 3.0]), args=args, method="Nelder-Mead",
                    options={"maxiter": 20_000, "xatol": 1e-8, "fatol": 1e-8})
    r, alpha_weeks, a, b = map(float, np.exp(best.x))
    return BgNbd(r, alpha_weeks * 7, a, b)


def _gg_nll(log_params, x, m):
    p, q, g = np.exp(log_params)
    ll = (gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(g) + (p * x - 1) * np.log(m)
          + p * x * np.log(x) - (p * x + q) * np.log(x * m + g))
    return -np.sum(ll)


def fit_gamma_gamma(s: pd.DataFrame) -> GammaGamma:
    repeat = s[(s["x"] > 0) & (s["mbar"] > 0)]
    best = minimize(_gg_nll, np.log([2.0, 3.0, 50.0]), args=(repeat["x"].to_numpy(), repeat["mbar"].to_numpy()),
                    method="Nelder-Mead", options={"maxiter": 20_000, "xatol": 1e-8, "fatol": 1e-8})
    return GammaGamma(*map(float, np.exp(best.x)))


def evaluate(history: pd.DataFrame, holdout_days: int, purchase_type: str = "purchase") -> dict:
    """Fits on everything before the last `holdout_days` and compares predictions for the holdout with what
    happened, beside the naive baseline (each customer repeats their last period of the same length)."""
    end = int(history["timestamp"].max()) + 1
    cut = end - holdout_days * DAY_MS
    s = summarize(history, cut, purchase_type)
    bg, gg = fit_bgnbd(s), fit_gamma_gamma(s)
    buys = history[history["type"] == purchase_type].copy()
    buys["day"] = buys["timestamp"] // DAY_MS

    def period(start, stop):
        w = buys[(buys["timestamp"] >= start) & (buys["timestamp"] < stop)]
        d = w.groupby(["customer_id", "day"])["amount"].sum().reset_index()
        g = d.groupby("customer_id")
        return (g.size().reindex(s.index, fill_value=0).astype(float),
                g["amount"].sum().reindex(s.index, fill_value=0.0))

    actual_n, actual_v = period(cut, end)
    naive_n, naive_v = period(cut - holdout_days * DAY_MS, cut)
    pred_n = bg.expected_purchases(holdout_days, s["x"], s["t_x"], s["T"])
    pred_v = pred_n * gg.expected_value(s["x"], s["mbar"])

    def score(pn, pv):
        return {"purchasesMae": float(np.mean(np.abs(pn - actual_n))),
                "spendMae": float(np.mean(np.abs(pv - actual_v))),
                "purchasesTotal": float(np.sum(pn)), "spendTotal": float(np.sum(pv)),
                "purchasesSpearman": float(pd.Series(np.asarray(pn)).corr(pd.Series(actual_n.to_numpy()),
                                                                          method="spearman")),
                "spendSpearman": float(pd.Series(np.asarray(pv)).corr(pd.Series(actual_v.to_numpy()),
                                                                      method="spearman"))}

    return {"customers": len(s), "holdoutDays": holdout_days,
            "actual": {"purchasesTotal": float(actual_n.sum()), "spendTotal": float(actual_v.sum())},
            "bgNbdGammaGamma": score(pred_n, pred_v), "repeatLastPeriod": score(naive_n, naive_v),
            "parametersOnCalibration": {"bgNbd": vars(bg), "gammaGamma": vars(gg)}}


def train(history_path: Path, out_dir: Path, holdout_days: int = 90, horizon_days: int = 90,
          created_at: str | None = None) -> dict:
    """Evaluates on a holdout, then refits on the whole history and writes value/card.json."""
    history = rfm.load_history(history_path)
    evaluation = evaluate(history, holdout_days)
    s = summarize(history, int(history["timestamp"].max()) + 1)
    bg, gg = fit_bgnbd(s), fit_gamma_gamma(s)
    card = {
        "name": "value-bgnbd-gamma-gamma", "kind": "value", "horizonDays": horizon_days,
        "unit": "day: purchases on one day count once, their values summed",
        "bgNbd": vars(bg), "gammaGamma": vars(gg),
        "metrics": {"holdout": evaluation},
        "trainingData": {"source": history_path.name, "customers": len(s),
                         "refit": "parameters of the card are refitted on the whole history after the holdout "
                                  "evaluation"},
    }
    out = out_dir / "value"
    out.mkdir(parents=True, exist_ok=True)
    (out / "card.json").write_text(json.dumps(card, indent=2) + "\n")
    return card
