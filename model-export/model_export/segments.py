"""Behavioural segments: KMeans on standardized features of the replayed rows, exported to ONNX.

The ONNX graph takes the app's whole feature vector (`churn-features-v2`) and returns each row's cluster, so
the app assigns segments with the same rows it scores. Each cluster is described in the card by the
features that set it apart from the population (standardized mean differences) and named from the two
largest. Stability: KMeans fitted on two training periods of their own, compared on the later period's rows
(adjusted Rand index, and the share of rows whose clusters match once the two models' clusters are paired).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pandas as pd
from onnx import TensorProto, helper
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score

from . import cards
from .churn import load_rows

# behaviour a retention team recognizes: recency, frequency, spend, tenure, engagement, cadence, complaints
FEATURES = ["days_since_last_event", "days_since_last_purchase", "purchases_365d", "spend_365d", "spend_lifetime",
            "tenure_days", "sessions_30d", "active_weeks_365d", "purchase_cadence_days", "return_share_365d",
            "support_contacts_90d", "negative_feedback_90d", "sentiment_mean_30d"]
# how a cluster is named: the phrase for a feature well above / below the population
PHRASES = {
    "days_since_last_event": ("lapsing", "active lately"),
    "days_since_last_purchase": ("not buying lately", "bought lately"),
    "purchases_365d": ("frequent buyers", "rare buyers"),
    "spend_365d": ("big spenders", "small spenders"),
    "spend_lifetime": ("high lifetime value", "low lifetime value"),
    "tenure_days": ("long-standing", "new"),
    "sessions_30d": ("many visits", "few visits"),
    "active_weeks_365d": ("regulars", "occasional"),
    "purchase_cadence_days": ("slow cadence", "quick cadence"),
    "return_share_365d": ("returners", "keep what they buy"),
    "support_contacts_90d": ("support-heavy", "no support contact"),
    "negative_feedback_90d": ("complaining", "no complaints"),
    "sentiment_mean_30d": ("happy", "unhappy"),
}
MAX_ROWS = 60_000
CANDIDATE_K = (4, 5, 6, 7, 8)


def transform(x: np.ndarray) -> np.ndarray:
    """sign(x) * log(1 + |x|): counts and amounts are heavy-tailed."""
    return np.sign(x) * np.log1p(np.abs(x))


class Segmenter:
    def __init__(self, k: int, seed: int):
        self.k = k
        self.seed = seed

    def fit(self, x_raw: np.ndarray) -> "Segmenter":
        t = transform(x_raw.astype(np.float64))
        self.mean = t.mean(axis=0)
        self.std = np.where(t.std(axis=0) > 1e-9, t.std(axis=0), 1.0)
        self.kmeans = KMeans(n_clusters=self.k, n_init=10, random_state=self.seed).fit((t - self.mean) / self.std)
        return self

    def standardized(self, x_raw: np.ndarray) -> np.ndarray:
        return (transform(x_raw.astype(np.float64)) - self.mean) / self.std

    def predict(self, x_raw: np.ndarray) -> np.ndarray:
        return self.kmeans.predict(self.standardized(x_raw))

    def to_onnx(self, all_features: list[str]) -> onnx.ModelProto:
        """features [N, all] -> gather -> signed log1p -> standardize -> nearest centroid -> cluster [N] (int64)."""
        idx = [all_features.index(f) for f in FEATURES]
        c = self.kmeans.cluster_centers_.astype(np.float32)
        init = [
            helper.make_tensor("seg_idx", TensorProto.INT64, [len(idx)], idx),
            helper.make_tensor("seg_one", TensorProto.FLOAT, [], [1.0]),
            helper.make_tensor("seg_mean", TensorProto.FLOAT, [len(idx)], self.mean.astype(np.float32).tolist()),
            helper.make_tensor("seg_std", TensorProto.FLOAT, [len(idx)], self.std.astype(np.float32).tolist()),
            helper.make_tensor("seg_centroids_t", TensorProto.FLOAT, [len(idx), self.k], c.T.flatten().tolist()),
            helper.make_tensor("seg_centroid_norms", TensorProto.FLOAT, [self.k], (c ** 2).sum(axis=1).tolist()),
            helper.make_tensor("seg_minus_two", TensorProto.FLOAT, [], [-2.0]),
        ]
        nodes = [
            helper.make_node("Gather", ["features", "seg_idx"], ["seg_x"], axis=1),
            helper.make_node("Abs", ["seg_x"], ["seg_abs"]),
            helper.make_node("Add", ["seg_abs", "seg_one"], ["seg_abs1"]),
            helper.make_node("Log", ["seg_abs1"], ["seg_log"]),
            helper.make_node("Sign", ["seg_x"], ["seg_sign"]),
            helper.make_node("Mul", ["seg_sign", "seg_log"], ["seg_t"]),
            helper.make_node("Sub", ["seg_t", "seg_mean"], ["seg_centered"]),
            helper.make_node("Div", ["seg_centered", "seg_std"], ["seg_z"]),
            # squared distance to each centroid, less |z|^2 (the same for every centroid of a row)
            helper.make_node("MatMul", ["seg_z", "seg_centroids_t"], ["seg_dot"]),
            helper.make_node("Mul", ["seg_dot", "seg_minus_two"], ["seg_cross"]),
            helper.make_node("Add", ["seg_cross", "seg_centroid_norms"], ["seg_distance"]),
            helper.make_node("ArgMin", ["seg_distance"], ["cluster"], axis=1, keepdims=0),
        ]
        graph = helper.make_graph(nodes, "segments",
                                  [helper.make_tensor_value_info("features", TensorProto.FLOAT,
                                                                 [None, len(all_features)])],
                                  [helper.make_tensor_value_info("cluster", TensorProto.INT64, [None])], init)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 15)])
        model.ir_version = 8
        onnx.checker.check_model(model)
        return model


def describe(seg: Segmenter, x_raw: np.ndarray, labels: np.ndarray) -> list[dict]:
    z = seg.standardized(x_raw)
    population = z.mean(axis=0)
    clusters, used = [], set()
    for c in range(seg.k):
        diff = z[labels == c].mean(axis=0) - population  # in population standard deviations
        order = np.argsort(-np.abs(diff))
        apart = [{"feature": FEATURES[j], "standardizedDifference": round(float(diff[j]), 2),
                  "clusterMean": round(float(np.mean(x_raw[labels == c, j])), 2),
                  "populationMean": round(float(np.mean(x_raw[:, j])), 2)} for j in order[:4]]
        words = [PHRASES[FEATURES[j]][0 if diff[j] > 0 else 1] for j in order[:2]]
        name = ", ".join(words)
        if name in used:
            name += f" ({c})"
        used.add(name)
        clusters.append({"id": c, "name": name, "share": round(float(np.mean(labels == c)), 4),
                         "setApartBy": apart})
    return clusters


def choose_k(x_raw: np.ndarray, seed: int) -> tuple[int, dict]:
    scores = {}
    for k in CANDIDATE_K:
        seg = Segmenter(k, seed).fit(x_raw)
        z = seg.standardized(x_raw)
        sample = np.random.default_rng(seed).choice(len(z), size=min(len(z), 10_000), replace=False)
        scores[k] = round(float(silhouette_score(z[sample], seg.kmeans.labels_[sample])), 4)
    return max(scores, key=scores.get), scores


def stability(rows: pd.DataFrame, k: int, seed: int) -> dict:
    cutoffs = np.sort(rows["cutoff"].unique())
    middle = cutoffs[len(cutoffs) // 2]
    early, late = rows[rows["cutoff"] < middle], rows[rows["cutoff"] >= middle]
    x_late = late[FEATURES].to_numpy()
    a = Segmenter(k, seed).fit(early[FEATURES].to_numpy()).predict(x_late)
    b = Segmenter(k, seed).fit(x_late).predict(x_late)
    table = np.zeros((k, k))
    np.add.at(table, (a, b), 1)
    pairs = linear_sum_assignment(-table)
    return {"adjustedRandIndex": round(float(adjusted_rand_score(a, b)), 4),
            "matchedShare": round(float(table[pairs].sum() / len(a)), 4),
            "rule": "KMeans fitted on the first half of the cutoffs and on the second half, both assigning the "
                    "second half's rows; clusters paired by the Hungarian method"}


def train(rows_csv: Path, out_dir: Path, seed: int = 7, version: str = "1.0.0", created_at: str | None = None,
          golden: Path | None = None) -> dict:
    df, meta = load_rows(rows_csv)
    all_features = meta["features"]
    rows = df.sample(n=min(len(df), MAX_ROWS), random_state=seed) if len(df) > MAX_ROWS else df
    x = rows[FEATURES].to_numpy()
    k, silhouettes = choose_k(x, seed)
    seg = Segmenter(k, seed).fit(x)
    labels = seg.kmeans.labels_
    out = out_dir / "segments"
    out.mkdir(parents=True, exist_ok=True)
    model_bytes = seg.to_onnx(all_features).SerializeToString()
    (out / "model.onnx").write_bytes(model_bytes)
    x_all = rows[all_features].to_numpy(np.float32)
    session = ort.InferenceSession(model_bytes, providers=["CPUExecutionProvider"])
    onnx_labels = session.run(["cluster"], {"features": x_all})[0]
    native = seg.predict(x)
    agreement = float(np.mean(onnx_labels == native))
    card = {
        "name": "segments-kmeans", "version": version, "kind": "segments",
        "featureSchemaVersion": meta["featureSchemaVersion"], "features": FEATURES,
        "inputName": "features", "outputName": "cluster",
        "clusters": describe(seg, x, labels),
        "metrics": {"silhouette": silhouettes, "k": k, "stability": stability(rows, k, seed),
                    "onnxAgreement": round(agreement, 5)},
        "trainingData": {"source": rows_csv.name, "rows": int(len(rows)),
                         "transform": "sign(x) * log(1 + |x|), then standardized by the training rows' mean and "
                                      "standard deviation",
                         "choice": f"k in {list(CANDIDATE_K)} by the silhouette on at most 10,000 rows", "seed": seed},
    }
    cards.write_card(out, "model.onnx", card, created_at)
    if golden is not None:
        pick = np.random.default_rng(0).choice(len(x_all), size=min(40, len(x_all)), replace=False)
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps({"model": card["name"], "rows": [
            {"features": [float(v) for v in x_all[i]], "cluster": int(native[i])} for i in pick]}) + "\n")
    return card
