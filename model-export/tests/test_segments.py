"""Behavioural segments: named by what sets them apart, the same in ONNX as in scikit-learn."""
import json

import numpy as np
import onnxruntime as ort
import pandas as pd

from model_export import segments


def _rows(n=600, seed=0):
    """Two kinds of customer: frequent big spenders, and lapsing one-off buyers."""
    rng = np.random.default_rng(seed)
    data = {f: rng.normal(0, 0.1, n).clip(0) for f in segments.FEATURES}
    big = np.arange(n) < n // 3
    data["purchases_365d"] = np.where(big, rng.poisson(20, n), rng.poisson(1, n)).astype(float)
    data["spend_365d"] = np.where(big, rng.gamma(5, 400, n), rng.gamma(2, 20, n))
    data["spend_lifetime"] = data["spend_365d"] * 1.5
    data["days_since_last_event"] = np.where(big, rng.uniform(0, 5, n), rng.uniform(40, 200, n))
    return pd.DataFrame(data), big


def test_clusters_are_named_by_what_sets_them_apart():
    df, big = _rows()
    x = df[segments.FEATURES].to_numpy()
    seg = segments.Segmenter(2, seed=1).fit(x)
    described = segments.describe(seg, x, seg.kmeans.labels_)
    spender = next(c for c in described if "big spenders" in c["name"] or "frequent buyers" in c["name"])
    assert abs(spender["share"] - big.mean()) < 0.02
    assert abs(spender["setApartBy"][0]["standardizedDifference"]) > 1
    spend = next(a for a in spender["setApartBy"] if a["feature"] == "spend_365d")
    assert spend["standardizedDifference"] > 1 and spend["clusterMean"] > spend["populationMean"]
    assert len({c["name"] for c in described}) == 2


def test_the_onnx_graph_assigns_what_kmeans_assigns_from_the_whole_feature_vector():
    df, _ = _rows()
    all_features = ["something_else"] + segments.FEATURES[::-1]  # the app's order differs from the model's
    df["something_else"] = 123.0
    seg = segments.Segmenter(3, seed=1).fit(df[segments.FEATURES].to_numpy())
    session = ort.InferenceSession(seg.to_onnx(all_features).SerializeToString(), providers=["CPUExecutionProvider"])
    clusters = session.run(["cluster"], {"features": df[all_features].to_numpy(np.float32)})[0]
    assert clusters.dtype == np.int64
    assert np.mean(clusters == seg.predict(df[segments.FEATURES].to_numpy())) > 0.995


def test_training_writes_a_card_with_stability_and_a_golden_file(tmp_path):
    df, _ = _rows(n=1200)
    df["customer_id"] = [f"c{i % 300}" for i in range(len(df))]
    df["cutoff"] = np.repeat(np.arange(4), 300) * 7 * 86_400_000
    df["churned"] = 0
    rows = tmp_path / "rows.csv"
    df.to_csv(rows, index=False)
    (tmp_path / "rows.csv.meta.json").write_text(json.dumps(
        {"features": segments.FEATURES, "featureSchemaVersion": "churn-features-v2"}))
    golden = tmp_path / "golden.json"
    card = segments.train(rows, tmp_path, seed=7, golden=golden)
    assert card["kind"] == "segments" and card["outputName"] == "cluster"
    assert card["metrics"]["k"] in segments.CANDIDATE_K
    assert len(card["clusters"]) == card["metrics"]["k"]
    assert card["metrics"]["onnxAgreement"] == 1.0
    assert 0 <= card["metrics"]["stability"]["matchedShare"] <= 1
    assert len(json.loads(golden.read_text())["rows"]) == 40
