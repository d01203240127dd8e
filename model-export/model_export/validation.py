"""How a churn model is judged beside its baselines: intervals from a bootstrap over customers, a split by
customer as well as by time, and the choice of the booster's size by cross-validation grouped by customer."""
from __future__ import annotations

import hashlib

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import GroupKFold

BOOTSTRAP_ROUNDS = 200
# trees of 3 to 31 leaves: small trees when rows are few (a retailer's year), larger when they are many
CANDIDATE_LEAVES = (3, 7, 15, 31)
TUNING_MAX_ROWS = 150_000


def bootstrap(y: np.ndarray, scores: dict[str, np.ndarray], customers: np.ndarray, seed: int,
              reference: str | None = None) -> dict:
    """95% intervals of ROC and PR AUC for each scorer, resampling whole customers (a customer's rows are not
    independent); with a reference, also of each scorer's difference from it."""
    rng = np.random.default_rng(seed)
    ids, index = np.unique(customers, return_inverse=True)
    rows_of = [np.nonzero(index == i)[0] for i in range(len(ids))]
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in scores}
    for _ in range(BOOTSTRAP_ROUNDS):
        rows = np.concatenate([rows_of[i] for i in rng.integers(0, len(ids), len(ids))])
        if y[rows].min() == y[rows].max():
            continue
        for name, p in scores.items():
            samples[name].append((roc_auc_score(y[rows], p[rows]), average_precision_score(y[rows], p[rows])))
    out = {}
    for name, values in samples.items():
        v = np.array(values)
        out[name] = {"rocAuc95": _interval(v[:, 0]), "prAuc95": _interval(v[:, 1])}
        if reference is not None and name != reference:
            d = v - np.array(samples[reference])
            out[name]["rocAucGain95"] = _interval(d[:, 0])
            out[name]["prAucGain95"] = _interval(d[:, 1])
    out["rounds"] = BOOTSTRAP_ROUNDS
    out["customers"] = int(len(ids))
    return out


def _interval(v: np.ndarray) -> list[float]:
    return [round(float(np.quantile(v, 0.025)), 4), round(float(np.quantile(v, 0.975)), 4)]


def held_out_customers(customer_ids: pd.Series, share: float = 0.2) -> np.ndarray:
    """A stable pseudo-random share of customers, by a hash of the id: the same customers whatever the rows."""
    def bucket(cid) -> int:
        return int(hashlib.sha256(str(cid).encode()).hexdigest()[:8], 16) % 1000

    return customer_ids.map(bucket).to_numpy() < share * 1000


def choose_leaves(fit: pd.DataFrame, features: list[str], params: dict, seed: int) -> dict:
    """The number of leaves per tree by 3-fold cross-validation on the fit rows, grouped by customer; each
    candidate stops early on its held-out fold. Returns the choice and every candidate's mean ROC and PR AUC."""
    rows = fit.sample(n=min(len(fit), TUNING_MAX_ROWS), random_state=seed) if len(fit) > TUNING_MAX_ROWS else fit
    x = rows[features].to_numpy(np.float32)
    y = rows["churned"].to_numpy()
    groups = rows["customer_id"].astype(str).to_numpy()
    results = {}
    for leaves in CANDIDATE_LEAVES:
        aucs = []
        for train, test in GroupKFold(n_splits=3).split(x, y, groups):
            booster = lgb.LGBMClassifier(**(params | {"num_leaves": leaves, "random_state": seed}))
            booster.fit(x[train], y[train], eval_set=[(x[test], y[test])], eval_metric="binary_logloss",
                        callbacks=[lgb.early_stopping(30, verbose=False)])
            p = booster.predict_proba(x[test])[:, 1]
            aucs.append((roc_auc_score(y[test], p), average_precision_score(y[test], p)))
        roc, pr = np.mean(aucs, axis=0)
        results[leaves] = {"rocAuc": round(float(roc), 4), "prAuc": round(float(pr), 4)}
    best = max(results, key=lambda k: results[k]["rocAuc"] + results[k]["prAuc"])
    return {"numLeaves": best, "candidates": {str(k): v for k, v in results.items()},
            "rule": "3-fold cross-validation on the fit rows grouped by customer (at most "
                    f"{TUNING_MAX_ROWS:,} rows); the most ROC AUC + PR AUC"}
