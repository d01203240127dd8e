"""Complaint topics: clusters of complaint embeddings, named by their class-based TF-IDF terms, mapped to
aspects, judged against LDA, and distilled into a classifier the app runs per message."""
import json

import numpy as np

from model_export import topics
from model_export.sentiment import Dataset

SIZE = ["runs small and tight", "too small in the waist", "size runs tight, order a size up", "tight fit, small size"]
WASH = ["shrunk in the wash, poor quality", "cheap fabric, poor quality", "quality is poor, fabric pilled in the wash",
        "poor quality fabric shrunk"]
SHIP = ["shipping took weeks, package arrived late", "late delivery and the package was torn",
        "package arrived late, shipping was slow", "slow shipping, late package"]


def corpus(n=90, seed=1):
    rng = np.random.default_rng(seed)
    texts, vectors = [], []
    for i in range(n):
        group = i % 3
        texts.append(rng.choice([SIZE, WASH, SHIP][group]) + f" item {i}")
        v = rng.normal(0, 0.05, 16)
        v[group] += 1.0
        vectors.append(v)
    labels = np.zeros(n, dtype=int)  # every row a complaint
    return Dataset("en", texts, labels, {"name": "synthetic"}, categories=["Tops"] * n), np.array(vectors)


def test_topics_are_found_named_mapped_to_aspects_and_distilled(tmp_path):
    ds, vectors = corpus()
    report = topics.train([ds], tmp_path, seed=7, version="t1", work=tmp_path / "work", ks=(3,),
                          embeddings=lambda texts, language: vectors[[ds.texts.index(t) for t in texts]])
    card = json.loads((tmp_path / "topics" / "en" / "card.json").read_text())
    aspects = sorted(t["aspect"] for t in card["topics"])
    assert aspects == ["delivery", "quality", "size"]
    assert all(len(t["terms"]) > 0 and t["samples"] for t in card["topics"])
    metrics = card["metrics"]
    assert metrics["distilledAgreement"]["topic"] >= 0.9
    assert metrics["onnxParityMaxAbsDiff"] < 1e-2  # float32 in ONNX
    assert set(metrics["chosen"]) == {"clusters", "lda"}
    assert metrics["chosen"]["clusters"]["npmi"] > 0
    assert card["labels"] == [str(t["id"]) for t in card["topics"]]
    assert report["en"]["distilledAgreement"]["aspect"] >= 0.9


def test_npmi_rewards_terms_that_occur_together():
    docs = [{"a", "b"}, {"a", "b"}, {"c", "d"}, {"c", "d"}]
    assert topics.npmi([["a", "b"]], docs) > topics.npmi([["a", "c"]], docs)
    assert topics.diversity([["a", "b"], ["a", "c"]]) == 0.75


def test_chinese_terms_are_pairs_of_characters_without_function_characters():
    assert topics.zh_terms("快递太慢了") == ["快递", "递太", "太慢"]
