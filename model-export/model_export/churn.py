"""Churn model: LightGBM with Platt calibration (and a logistic-regression baseline), exported to ONNX.

Rows come from `insight-tools.jar replay`: point-in-time features from the Java feature code, labelled by what
happened in the horizon after each cutoff. The split is by time, with a gap of one horizon between the
training cutoffs and the validation cutoffs so that no training label peeks into the validation period.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import lightgbm as lgb
import numpy as np
import onnx
import onnxruntime as ort
import pandas as pd
from onnx import TensorProto, helper
from onnxmltools import convert_lightgbm
from onnxmltools.convert.common.data_types import FloatTensorType
from sklearn.linear_model import LogisticRegression

EPS = 1e-6
# what a risk level promises: the share of customers above it who churn, and how much above the base rate
MEDIUM_PRECISION, MEDIUM_LIFT = 0.45, 1.5
HIGH_PRECISION, HIGH_LIFT = 0.70, 2.0
DAY_MS = 86_400_000


@dataclass
class Split:
    fit: pd.DataFrame
    calibration: pd.DataFrame
    validation: pd.DataFrame


def load_rows(csv: Path) -> tuple[pd.DataFrame, dict]:
    meta = json.loads(Path(str(csv) + ".meta.json").read_text())
    df = pd.read_csv(csv, dtype={name: np.float32 for name in meta["features"]})
    return df, meta


def time_split(df: pd.DataFrame, horizon_days: int, validation_share: float = 0.3,
               calibration_share: float = 0.2) -> Split:
    cutoffs = np.sort(df["cutoff"].unique())
    first_valid = cutoffs[int(len(cutoffs) * (1 - validation_share))]
    train_cutoffs = cutoffs[cutoffs <= first_valid - horizon_days * DAY_MS]
    if len(train_cutoffs) < 2:
        raise ValueError(f"history too short: {len(cutoffs)} cutoffs leave no training period before the gap")
    first_calibration = train_cutoffs[int(len(train_cutoffs) * (1 - calibration_share))]
    return Split(fit=df[df["cutoff"] < first_calibration],
                 calibration=df[(df["cutoff"] >= first_calibration) & (df["cutoff"] <= train_cutoffs[-1])],
                 validation=df[df["cutoff"] >= first_valid])


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, EPS, 1 - EPS)
    return np.log(p / (1 - p))


class CalibratedChurnModel:
    """LightGBM probabilities passed through a Platt (logistic) recalibration fitted on later data.

    Boosting stops when 30 more trees have not improved the log loss on the calibration data (later than
    the fit rows; the validation rows stay unseen): 300 trees overfit this data (validation ROC AUC 0.7865
    against 0.7951 at 100), and every tree costs scoring time in the pipeline."""

    MAX_TREES = 500
    PATIENCE = 30
    PARAMS = dict(n_estimators=MAX_TREES, learning_rate=0.05, num_leaves=31, min_child_samples=100, subsample=0.8,
                  subsample_freq=1, colsample_bytree=0.8, reg_lambda=1.0, deterministic=True, force_row_wise=True,
                  n_jobs=2, verbose=-1)

    def __init__(self, features: list[str], seed: int, num_leaves: int = 31):
        self.features = features
        self.booster = lgb.LGBMClassifier(**(self.PARAMS | {"num_leaves": num_leaves, "random_state": seed}))
        self.a = 1.0
        self.b = 0.0

    def fit(self, fit: pd.DataFrame, calibration: pd.DataFrame) -> "CalibratedChurnModel":
        x_cal = calibration[self.features].to_numpy(np.float32)
        self.booster.fit(fit[self.features].to_numpy(np.float32), fit["churned"].to_numpy(),
                         eval_set=[(x_cal, calibration["churned"].to_numpy())], eval_metric="binary_logloss",
                         callbacks=[lgb.early_stopping(self.PATIENCE, verbose=False)])
        self._keep_best_trees()
        self._round_thresholds_to_float32()
        raw = logit(self.booster.predict_proba(calibration[self.features].to_numpy(np.float32))[:, 1])
        platt = LogisticRegression(C=1e6, max_iter=1000).fit(raw.reshape(-1, 1), calibration["churned"].to_numpy())
        self.a = float(platt.coef_[0, 0])
        self.b = float(platt.intercept_[0])
        return self

    def _keep_best_trees(self) -> None:
        """Drops the trees grown after the best iteration, so that the exported model is the one that was
        best on the calibration data, and no larger."""
        best = self.booster.best_iteration_ or self.booster.n_estimators
        self.booster._Booster = lgb.Booster(model_str=self.booster.booster_.model_to_string(num_iteration=best))

    def _round_thresholds_to_float32(self) -> None:
        """ONNX tree ensembles compare in float32. LightGBM's split thresholds are doubles lying between two
        float32 feature values, and rounding them in the export can flip a comparison. Rounding them here, in
        the native model itself, makes native and ONNX predictions take the same branches."""
        text = self.booster.booster_.model_to_string()

        def to_f32(match: re.Match) -> str:
            values = [repr(float(np.float32(float(v)))) for v in match.group(1).split(" ")]
            return "threshold=" + " ".join(values)

        rounded = re.sub(r"^threshold=(.*)$", to_f32, text, flags=re.MULTILINE)
        rounded = re.sub(r"^tree_sizes=.*\n", "", rounded, flags=re.MULTILINE)  # byte sizes changed
        self.booster._Booster = lgb.Booster(model_str=rounded)

    def predict(self, x: np.ndarray) -> np.ndarray:
        raw = logit(self.booster.predict_proba(x.astype(np.float32))[:, 1])
        return 1 / (1 + np.exp(-(self.a * raw + self.b)))

    def to_onnx(self) -> onnx.ModelProto:
        n = len(self.features)
        model = convert_lightgbm(self.booster, initial_types=[("features", FloatTensorType([None, n]))],
                                 zipmap=False, target_opset=15)
        for imp in model.opset_import:
            if imp.domain in ("", "ai.onnx"):
                imp.version = max(imp.version, 15)  # Clip with min/max inputs needs opset 11+
        graph = model.graph
        original = next(o.name for o in graph.output if "prob" in o.name)
        raw_name = "lgbm_probabilities"
        for node in graph.node:
            node.output[:] = [raw_name if o == original else o for o in node.output]
        for o in list(graph.output):
            graph.output.remove(o)
        # p -> clip -> logit -> a*logit+b -> sigmoid -> [1-p, p] as "probabilities"
        graph.initializer.extend([
            helper.make_tensor("platt_col1", TensorProto.INT64, [1], [1]),
            helper.make_tensor("platt_eps_lo", TensorProto.FLOAT, [], [EPS]),
            helper.make_tensor("platt_eps_hi", TensorProto.FLOAT, [], [1 - EPS]),
            helper.make_tensor("platt_one", TensorProto.FLOAT, [], [1.0]),
            helper.make_tensor("platt_a", TensorProto.FLOAT, [], [self.a]),
            helper.make_tensor("platt_b", TensorProto.FLOAT, [], [self.b]),
        ])
        graph.node.extend([
            helper.make_node("Gather", [raw_name, "platt_col1"], ["platt_p_raw"], axis=1),
            helper.make_node("Clip", ["platt_p_raw", "platt_eps_lo", "platt_eps_hi"], ["platt_p_clip"]),
            helper.make_node("Sub", ["platt_one", "platt_p_clip"], ["platt_q_clip"]),
            helper.make_node("Div", ["platt_p_clip", "platt_q_clip"], ["platt_odds"]),
            helper.make_node("Log", ["platt_odds"], ["platt_raw_logit"]),
            helper.make_node("Mul", ["platt_raw_logit", "platt_a"], ["platt_scaled"]),
            helper.make_node("Add", ["platt_scaled", "platt_b"], ["platt_logit"]),
            helper.make_node("Sigmoid", ["platt_logit"], ["platt_p1"]),
            helper.make_node("Sub", ["platt_one", "platt_p1"], ["platt_p0"]),
            helper.make_node("Concat", ["platt_p0", "platt_p1"], ["probabilities"], axis=1),
        ])
        graph.output.append(helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2]))
        onnx.checker.check_model(model)
        return model


def onnx_probabilities(model_bytes: bytes, x: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(model_bytes, providers=["CPUExecutionProvider"])
    return session.run(["probabilities"], {"features": x.astype(np.float32)})[0][:, 1]


def choose_thresholds(y: np.ndarray, p: np.ndarray) -> dict:
    """medium: lowest score with precision >= 0.45 above it; high: lowest with precision >= 0.7. Where churn is
    common those bars say nothing (in a retail history where 44% of rows churn, 0.45 flagged 84% of rows), so
    a level must also lift precision over the base rate: 1.5 times it for medium, twice for high.
    Falls back to the 80th and 95th percentiles when the model never reaches that precision."""
    order = np.argsort(-p, kind="stable")
    ps, ys = p[order], y[order]
    precision = np.cumsum(ys) / np.arange(1, len(ys) + 1)

    def lowest_with(target: float, fallback_quantile: float) -> tuple[float, str]:
        ok = np.nonzero(precision >= target)[0]
        ok = ok[ok >= 20]  # ignore the noisy first few rows
        if len(ok) == 0:
            return float(np.quantile(p, fallback_quantile)), f"{int(fallback_quantile * 100)}th percentile"
        return float(ps[ok[-1]]), f"precision >= {target}"

    base = float(np.mean(y))
    medium, medium_rule = lowest_with(round(max(MEDIUM_PRECISION, MEDIUM_LIFT * base), 4), 0.80)
    high, high_rule = lowest_with(round(max(HIGH_PRECISION, HIGH_LIFT * base), 4), 0.95)
    if high <= medium:
        high = float(np.quantile(p[p >= medium], 0.8)) if np.any(p >= medium) else min(0.99, medium + 0.1)
        high_rule += " (raised above medium)"
    out = {"medium": round(medium, 4), "high": round(high, 4)}
    for level in ("medium", "high"):
        chosen = p >= out[level]
        out[f"{level}Precision"] = round(float(y[chosen].mean()) if chosen.any() else 0.0, 4)
        out[f"{level}Recall"] = round(float(y[chosen].sum() / max(1, y.sum())), 4)
        out[f"{level}ShareFlagged"] = round(float(chosen.mean()), 4)
    out["baseRate"] = round(base, 4)
    out["rule"] = {"medium": medium_rule, "high": high_rule}
    return out


def carry_thresholds(chosen: dict, p_checked: np.ndarray, p_exported: np.ndarray) -> dict:
    """The exported model's thresholds: those that flag the same share of the validation rows as the chosen ones
    flag by the model they were chosen on. The exported model is refit on all the rows, so its scores spread
    differently: carried over as numbers, a threshold the checked model reached could lie above every score
    the exported one gives (a retail history's high level, 0.74, above all its scores, so nobody was ever high)."""
    out = {}
    for level in ("medium", "high"):
        share = float(np.mean(p_checked >= chosen[level]))
        out[level] = round(float(np.quantile(p_exported, 1 - share)), 4) if share > 0 else chosen[level]
    if out["high"] <= out["medium"]:
        out["high"] = round(min(0.9999, out["medium"] + 1e-4), 4)
    return out


def level_entry_precision(rows: pd.DataFrame, p: np.ndarray, thresholds: dict) -> dict:
    """Realized precision of level-entry alerts on rows, computed the way the app counts its alert outcomes.

    Each customer's rows in cutoff order get a level from the thresholds alone (low, medium, high); a row whose
    level is at least medium and above the customer's previous row's (low before the first) is an alert entering
    that level, and it came true when the row's label says the customer churned within the horizon. The app
    compares its realized precision per level with these figures (insight_alert_precision_expected)."""
    levels = np.where(p >= thresholds["high"], 2, np.where(p >= thresholds["medium"], 1, 0))
    frame = pd.DataFrame({"customer": rows["customer_id"].to_numpy(), "cutoff": rows["cutoff"].to_numpy(),
                          "level": levels, "churned": rows["churned"].to_numpy()}).sort_values(
        ["customer", "cutoff"], kind="stable")
    previous = frame.groupby("customer")["level"].shift(1, fill_value=0)
    entered = frame[(frame["level"] >= 1) & (frame["level"] > previous)]
    out = {}
    for name, level in (("medium", 1), ("high", 2)):
        alerts = entered[entered["level"] == level]
        out[name] = {"alerts": int(len(alerts)),
                     "precision": round(float(alerts["churned"].mean()), 4) if len(alerts) else None}
    out["rule"] = ("level-entry alerts on the validation rows: a row at or above medium whose level is above the "
                   "customer's previous row's; precision = share that churned within the horizon")
    return out


def occlusion(model: CalibratedChurnModel, x: np.ndarray, baseline: np.ndarray) -> np.ndarray:
    """Contribution of each feature: the drop in probability when it is set to its baseline (as the app does)."""
    base = model.predict(x)
    out = np.zeros_like(x, dtype=np.float64)
    for j in range(x.shape[1]):
        changed = x.copy()
        changed[:, j] = baseline[j]
        out[:, j] = base - model.predict(changed)
    out[x == baseline] = 0.0
    return out


def explanation_agreement(model: CalibratedChurnModel, x: np.ndarray, baseline: np.ndarray) -> dict:
    """How often occlusion picks the same top feature as LightGBM's own TreeSHAP contributions."""
    occ = occlusion(model, x, baseline)
    shap = model.booster.predict_proba(x, pred_contrib=True)[:, : x.shape[1]]
    top1 = float(np.mean(np.argmax(occ, axis=1) == np.argmax(shap, axis=1)))
    top3 = np.mean([len(set(np.argsort(-o)[:3]) & set(np.argsort(-s)[:3])) / 3 for o, s in zip(occ, shap)])
    return {"method": "occlusion: probability drop when a feature is set to its training median",
            "rows": int(len(x)), "top1AgreementWithTreeShap": round(top1, 3),
            "top3OverlapWithTreeShap": round(float(top3), 3)}
