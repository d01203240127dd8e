"""Trains, judges and exports the churn model: `python -m model_export churn`.

1. The rows are split by time (churn.time_split); the booster's size is chosen by cross-validation on the fit
   rows, grouped by customer.
2. The model, its feature-only logistic baseline and the RFM baseline are judged on the validation rows, with
   95% intervals from a bootstrap over customers, and again on customers none of them saw in training.
3. The exported model is refit the same way on all the rows (its calibration part is then the last 20% of all
   cutoffs), so that it has seen the whole history it was given. With `judge_after`, rows from that time on
   are kept out of everything above, and the exported model is judged on them beside the RFM baseline.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from . import cards, labels, metrics, rfm, validation
from .churn import (CalibratedChurnModel, DAY_MS, Split, carry_thresholds, choose_thresholds, explanation_agreement,
                    level_entry_precision, load_rows,
                    occlusion, onnx_probabilities, time_split)


@dataclass
class Judged:
    """One way of judging: the rows, their labels and customers, and each scorer's probabilities."""
    rows: pd.DataFrame
    scores: dict[str, np.ndarray]

    def report(self, seed: int) -> dict:
        y = self.rows["churned"].to_numpy()
        out = {name: metrics.evaluate(y, p) for name, p in self.scores.items()}
        reference = "rfmLogisticBaseline" if "rfmLogisticBaseline" in self.scores else None
        out["bootstrap"] = validation.bootstrap(y, self.scores, self.rows["customer_id"].astype(str).to_numpy(),
                                                seed, reference)
        return out


def _scores(model: CalibratedChurnModel, fit: pd.DataFrame, judged: pd.DataFrame, features: list[str],
            events: pd.DataFrame | None, seed: int) -> dict[str, np.ndarray]:
    x = judged[features].to_numpy(np.float32)
    lr = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000, C=1.0, random_state=seed))
    lr.fit(fit[features].to_numpy(np.float32), fit["churned"].to_numpy())
    out = {"lightgbmCalibrated": model.predict(x), "logisticRegressionBaseline": lr.predict_proba(x)[:, 1]}
    if events is not None:
        baseline = rfm.baseline(rfm.features(events, fit), fit["churned"].to_numpy(), seed)
        out["rfmLogisticBaseline"] = baseline.predict_proba(rfm.features(events, judged)[rfm.FEATURES].to_numpy())[:, 1]
    return out


def _by_customer(split: Split, features: list[str], leaves: int, events, seed: int) -> Judged:
    """Trained on the fit and calibration rows of 80% of the customers, judged on the validation rows of the
    other 20%: customers none of the models saw, later than anything they learnt from."""
    def seen(df: pd.DataFrame) -> pd.DataFrame:
        return df[~validation.held_out_customers(df["customer_id"])]

    unseen = split.validation[validation.held_out_customers(split.validation["customer_id"])]
    model = CalibratedChurnModel(features, seed, leaves).fit(seen(split.fit), seen(split.calibration))
    return Judged(unseen, _scores(model, seen(split.fit), unseen, features, events, seed))


def _refit_split(df: pd.DataFrame, calibration_share: float = 0.2) -> tuple[pd.DataFrame, pd.DataFrame]:
    cutoffs = np.sort(df["cutoff"].unique())
    first_calibration = cutoffs[int(len(cutoffs) * (1 - calibration_share))]
    return df[df["cutoff"] < first_calibration], df[df["cutoff"] >= first_calibration]


def train(rows_csv: Path, out_dir: Path, seed: int = 7, version: str = "1.0.0", golden: Path | None = None,
          created_at: str | None = None, history: Path | None = None, judge_after: int | None = None) -> dict:
    """Trains, judges, exports churn/model.onnx and churn/card.json under out_dir; returns the card.

    With the raw history the rows were replayed from, the RFM baseline is fitted and judged on the same rows.
    `judge_after` (epoch ms): rows whose cutoff is at or after it are withheld from training and validation,
    and rows whose label would look past it are left out of training; the exported model is judged on them.
    """
    all_rows, meta = load_rows(rows_csv)
    features = meta["features"]
    horizon_days = int(str(meta["label"]["horizon"]).rstrip("d"))
    df, future = all_rows, None
    if judge_after is not None:
        df = all_rows[all_rows["cutoff"] + horizon_days * DAY_MS <= judge_after]
        future = all_rows[all_rows["cutoff"] >= judge_after]
    events = rfm.load_history(history) if history is not None else None
    split = time_split(df, horizon_days)

    tuning = validation.choose_leaves(split.fit, features, CalibratedChurnModel.PARAMS, seed)
    leaves = tuning["numLeaves"]
    checked = CalibratedChurnModel(features, seed, leaves).fit(split.fit, split.calibration)
    by_time = Judged(split.validation, _scores(checked, split.fit, split.validation, features, events, seed))
    by_customer = _by_customer(split, features, leaves, events, seed)
    y_valid = split.validation["churned"].to_numpy()
    p_valid = by_time.scores["lightgbmCalibrated"]
    thresholds = choose_thresholds(y_valid, p_valid)

    refit_fit, refit_calibration = _refit_split(df)
    model = CalibratedChurnModel(features, seed, leaves).fit(refit_fit, refit_calibration)
    after_history = None
    if future is not None and len(future):
        after_history = Judged(future, _scores(model, df, future, features, events, seed)).report(seed)

    out = out_dir / "churn"
    out.mkdir(parents=True, exist_ok=True)
    model_bytes = model.to_onnx().SerializeToString()
    (out / "model.onnx").write_bytes(model_bytes)
    x_valid = split.validation[features].to_numpy(np.float32)
    p_exported = model.predict(x_valid)
    parity = float(np.max(np.abs(onnx_probabilities(model_bytes, x_valid) - p_exported)))

    baseline = df[features].median().to_numpy(np.float32)
    risky = x_valid[np.argsort(-p_exported)[: min(300, len(x_valid))]]
    validation_report = by_time.report(seed)
    card_thresholds = carry_thresholds(thresholds, p_valid, p_exported)
    exported_shares = {level: round(float(np.mean(p_exported >= card_thresholds[level])), 4)
                       for level in ("medium", "high")}
    card = {
        "name": "churn-lgbm",
        "version": version,
        "kind": "churn",
        "featureSchemaVersion": meta["featureSchemaVersion"],
        "features": features,
        "inputName": "features",
        "outputName": "probabilities",
        "labels": ["stays", "churns"],
        "thresholds": card_thresholds,
        "baseline": {f: float(v) for f, v in zip(features, baseline)},
        "distributions": {
            "features": {f: cards.histogram(df[f].to_numpy()) for f in features},
            "score": cards.histogram(model.predict(df[features].to_numpy(np.float32))),
        },
        "metrics": {
            "validation": validation_report,
            "unseenCustomers": by_customer.report(seed),
            **({"afterHistory": after_history} if after_history is not None else {}),
            "thresholdChoice": thresholds | {"carried": "the thresholds above were chosen on the validation scores "
                                                          "of the model fitted before that period; the card's "
                                                          "flag the same share of those rows by the exported model",
                                             "exportedShareFlagged": exported_shares},
            "alertOutcomes": level_entry_precision(split.validation, p_valid, thresholds),
            "onnxParityMaxAbsDiff": parity,
            "explanations": explanation_agreement(model, risky, baseline),
            "platt": {"a": model.a, "b": model.b},
        },
        "booster": {"trees": model.booster.booster_.num_trees(), "maxTrees": model.MAX_TREES, "numLeaves": leaves,
                    "leavesChoice": tuning,
                    "earlyStopping": f"{model.PATIENCE} trees without a better calibration log loss"},
        "trainingData": {
            "source": rows_csv.name, "replay": {k: meta[k] for k in ("clicks", "feedback", "customers", "rows")},
            "label": meta["label"] | {"business": labels.DEFINITIONS.get(meta["label"].get("activity"), "?")} | (
                {"dataSuggests": labels.suggest_horizon(events)}
                if events is not None and meta["label"].get("activity") == "purchase" else {}),
            "baselines": {
                "logisticRegressionBaseline": "logistic regression on the same features (standardized)",
                "rfmLogisticBaseline": "logistic regression on " + ", ".join(rfm.FEATURES) + ", computed from the "
                                       "raw history over everything before each cutoff" + (
                                           "" if history is not None else " (not computed: no history given)"),
            },
            "split": {"fitRows": len(split.fit), "calibrationRows": len(split.calibration),
                      "validationRows": len(split.validation), "gapDays": horizon_days,
                      "rule": "by cutoff time; validation = last 30% of cutoffs; no training cutoff within one "
                              "horizon before validation; calibration = last 20% of training cutoffs",
                      "unseenCustomers": "the validation rows of the 20% of customers chosen by a hash of the id, "
                                         "judged by models trained on the other 80% only",
                      "bootstrap": f"{validation.BOOTSTRAP_ROUNDS} resamples of the judged customers (all their "
                                   "rows together); 95% percentile intervals",
                      "exported": "refit with the chosen settings on all the rows given ("
                                  f"{len(refit_fit)} fit, {len(refit_calibration)} calibration: the last 20% of "
                                  "cutoffs); validation figures come from the same recipe fitted before the "
                                  "validation period, and the thresholds are chosen on them",
                      **({"withheldAfter": int(judge_after), "withheldRows": int(len(future))}
                         if judge_after is not None else {})},
            "seed": seed,
        },
    }
    cards.write_card(out, "model.onnx", card, created_at)
    if golden is not None:
        write_golden(golden, model, x_valid, p_exported, baseline, features)
    return card


def write_golden(path: Path, model: CalibratedChurnModel, x: np.ndarray, p: np.ndarray, baseline: np.ndarray,
                 features: list[str], n: int = 40) -> None:
    """Feature vectors with the native model's probabilities and occlusion contributions, for the Java test."""
    rng = np.random.default_rng(0)
    idx = np.concatenate([np.argsort(-p)[:10], rng.choice(len(x), size=min(n - 10, len(x)), replace=False)])
    occ = occlusion(model, x[idx], baseline)
    rows = [{"features": [float(v) for v in x[i]], "probability": float(p[i]),
             "contributions": {features[j]: float(occ[k, j]) for j in range(len(features)) if occ[k, j] > 0}}
            for k, i in enumerate(idx)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"model": "churn-lgbm", "rows": rows}, indent=1) + "\n")
