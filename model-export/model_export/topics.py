"""Complaint topics: what unhappy customers write about, found in the review sets, per language.

Discovery in the manner of BERTopic: the negative reviews are embedded with the BGE encoder the app runs,
clustered with KMeans on the normalized embeddings, and each cluster is described by its class-based TF-IDF
terms (the terms frequent in the cluster and rare in the others). LDA on the same term counts is the baseline
the field started from; both are judged by NPMI coherence of their top terms on held-out complaints (do a
topic's terms occur together in texts that found nothing?) and by how many distinct terms their topics use.

English (384 dimensions) and Chinese (512) embeddings live in different spaces, so topics are found per
language; each topic is mapped to a shared, named aspect (delivery, price, quality, size, service, refund,
product, app) by the aspect words among its top terms, or to `other`. Topic ids change at every retrain;
aspects are what the app's playbook and readers key on.

The app assigns topics per message without the encoder: a TF-IDF + logistic regression classifier per
language, trained to predict the clusters (distilled from them), exported to ONNX like the fast sentiment
models; its agreement with the clusters on held-out complaints is in the card.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import onnxruntime as ort
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import StringTensorType
from sklearn.cluster import KMeans
from sklearn.decomposition import LatentDirichletAllocation
from sklearn.feature_extraction.text import CountVectorizer, ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline

from . import cards
from .fast_sentiment import WORDS
from .sentiment import Dataset, embed

ASPECTS = ["delivery", "price", "quality", "size", "service", "refund", "product", "app"]
# words that name an aspect; a topic takes the aspect whose words weigh most among its top terms
ASPECT_WORDS = {
    "en": {
        "size": ["size", "sizes", "small", "large", "fit", "fits", "tight", "loose", "big", "petite", "short", "long",
                 "sized", "xs", "medium", "length", "huge", "tiny", "bust", "waist", "chest", "hips"],
        "quality": ["quality", "fabric", "material", "cheap", "thin", "hole", "holes", "seams", "wash", "washed",
                    "pilling", "ripped", "sheer", "itchy", "scratchy", "polyester", "cheaply"],
        "price": ["price", "expensive", "money", "worth", "cost", "overpriced", "pay", "paid", "sale"],
        "delivery": ["shipping", "delivery", "arrived", "package", "shipped", "mail"],
        "service": ["service", "customer service", "store", "staff"],
        "refund": ["return", "returned", "returning", "refund", "exchange", "sending"],
        "product": ["color", "colors", "colour", "pattern", "design", "look", "looks", "style", "print", "picture",
                    "photo", "online"],
    },
    "zh": {
        "delivery": ["物流", "快递", "送货", "发货", "配送", "到货", "速度", "包装"],
        "price": ["价格", "价钱", "性价", "便宜", "太贵", "不值", "降价"],
        "quality": ["质量", "做工", "假货", "正品", "坏了", "破损", "味道"],
        "service": ["服务", "客服", "态度", "前台", "服务员", "酒店"],
        "refund": ["退货", "退款", "换货", "退换"],
        "size": ["尺码", "大小", "偏小", "偏大", "码数"],
        "product": ["屏幕", "电池", "内容", "这本", "水果", "新鲜", "洗发", "头发", "牛奶", "热水"],
        "app": ["系统", "软件", "驱动", "死机", "开机"],
    },
}
# function characters that make Chinese bigrams say nothing (的, 了, 是...)
ZH_FUNCTION = set("的了是我也就都在和有一个这那你他她它还吧啊呢吗么着过给被把让")


def zh_terms(text: str) -> list[str]:
    """Chinese has no spaces: two-character terms carry the meaning (物流, 客服, 价格); bigrams of Chinese
    characters only, without function characters."""
    out = []
    for a, b in zip(text, text[1:]):
        if "\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff" and a not in ZH_FUNCTION and b not in ZH_FUNCTION:
            out.append(a + b)
    return out


COUNTS = {
    "en": dict(analyzer="word", ngram_range=(1, 2), min_df=5, token_pattern=WORDS, lowercase=True,
               stop_words=sorted(ENGLISH_STOP_WORDS | {
                   "dress", "shirt", "top", "just", "like", "really", "would", "im", "ordered", "bought", "it's",
                   "i'm", "don't", "didn't", "love", "wanted", "way", "got", "want", "bit", "did", "does",
                   "doesn't", "wasn't", "isn't", "i've", "i'd", "going", "make", "made", "think", "thought"})),
    "zh": dict(analyzer=zh_terms, min_df=5, lowercase=False),
}
# the distilled classifier's vectorizers: the fast sentiment models' (ONNX's tokenizer cuts words alike)
CLASSIFIER = {
    "en": dict(analyzer="word", ngram_range=(1, 2), min_df=2, token_pattern=WORDS, lowercase=False),
    "zh": dict(analyzer="char", ngram_range=(1, 2), min_df=3, lowercase=False),
}
TOP_TERMS = 10


def complaints(ds: Dataset, max_rows: int, seed: int) -> tuple[list[str], list[str]]:
    """The negative reviews (texts, categories), at most `max_rows`, sampled evenly across categories."""
    idx = np.nonzero(ds.labels == 0)[0]
    cats = np.array(ds.categories or ["all"] * len(ds.texts))
    rng = np.random.default_rng(seed)
    if len(idx) > max_rows:
        groups = {c: rng.permutation(idx[cats[idx] == c]) for c in sorted(set(cats[idx]))}
        chosen, i = [], 0
        while len(chosen) < max_rows:  # round robin over the categories: small ones are kept whole
            for c, g in groups.items():
                if i < len(g) and len(chosen) < max_rows:
                    chosen.append(g[i])
            i += 1
        idx = np.sort(np.array(chosen))
    return [ds.texts[i] for i in idx], [str(cats[i]) for i in idx]


def embed_cached(texts: list[str], language: str, work: Path, tag: str) -> np.ndarray:
    """BGE embeddings of the texts (the app's encoder, run by insight-tools.jar), cached by content."""
    work.mkdir(parents=True, exist_ok=True)
    tag = f"{tag}-{hashlib.sha256(chr(10).join(texts).encode('utf-8')).hexdigest()[:16]}"
    cached = work / f"{tag}.npy"
    return np.load(cached) if cached.exists() else embed(texts, language, work, tag)


def class_tfidf(counts, labels: np.ndarray, k: int) -> np.ndarray:
    """c-TF-IDF: per class, term frequency x log(1 + average terms per class / the term's frequency)."""
    per_class = np.vstack([np.asarray(counts[labels == c].sum(axis=0)).ravel() for c in range(k)])
    tf = per_class / np.maximum(per_class.sum(axis=1, keepdims=True), 1)
    idf = np.log(1 + per_class.sum(axis=1).mean() / np.maximum(per_class.sum(axis=0), 1))
    return tf * idf


def npmi(topics: list[list[str]], docs_terms: list[set[str]]) -> float:
    """Mean NPMI over the pairs of each topic's top terms, by co-occurrence in documents."""
    n = len(docs_terms)
    values = []
    for terms in topics:
        for a in range(len(terms)):
            for b in range(a + 1, len(terms)):
                pa = sum(terms[a] in d for d in docs_terms) / n
                pb = sum(terms[b] in d for d in docs_terms) / n
                pab = sum(terms[a] in d and terms[b] in d for d in docs_terms) / n
                if pab == 0:
                    values.append(-1.0)
                elif pab == 1:
                    values.append(1.0)
                else:
                    values.append(np.log(pab / (pa * pb)) / -np.log(pab))
    return round(float(np.mean(values)), 4)


def diversity(topics: list[list[str]]) -> float:
    terms = [t for topic in topics for t in topic]
    return round(len(set(terms)) / max(len(terms), 1), 4)


def aspect_of(terms: list[tuple[str, float]], language: str) -> str:
    score = {a: 0.0 for a in ASPECT_WORDS[language]}
    for term, weight in terms:
        words = set(term.split()) | {term}
        for aspect, seeds in ASPECT_WORDS[language].items():
            if any(s in words or (language == "zh" and s in term) for s in seeds):
                score[aspect] += weight
    best = max(score, key=score.get)
    return best if score[best] > 0 else "other"


def discover(texts: list[str], categories: list[str], vectors: np.ndarray, language: str, seed: int,
             ks: tuple[int, ...] = (8, 12, 16)) -> dict:
    """Clusters and LDA for each k on 80% of the complaints (the other 20% judge the distilled classifier);
    both judged by NPMI coherence over every complaint; the k of the best cluster coherence is kept."""
    idx = np.arange(len(texts))
    train, test = train_test_split(idx, test_size=0.2, random_state=seed)
    counter = CountVectorizer(**COUNTS[language])
    counts = counter.fit_transform([texts[i] for i in train])
    vocab = np.array(counter.get_feature_names_out())
    analyze = counter.build_analyzer()
    # the reference corpus of coherence: every complaint (a fifth of them, a few hundred texts, leaves most
    # pairs of terms without a co-occurrence at all)
    reference = [set(analyze(t)) for t in texts]
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    tried = {}
    for k in ks:
        km = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(unit[train])
        weights = class_tfidf(counts, km.labels_, k)
        clusters = [[str(vocab[j]) for j in np.argsort(-weights[c])[:TOP_TERMS]] for c in range(k)]
        lda = LatentDirichletAllocation(n_components=k, random_state=seed, learning_method="batch",
                                        max_iter=30).fit(counts)
        lda_topics = [[str(vocab[j]) for j in np.argsort(-lda.components_[c])[:TOP_TERMS]] for c in range(k)]
        tried[k] = {"clusters": {"npmi": npmi(clusters, reference), "diversity": diversity(clusters)},
                    "lda": {"npmi": npmi(lda_topics, reference), "diversity": diversity(lda_topics)},
                    "_km": km, "_weights": weights, "_lda_topics": lda_topics}
    k = max(tried, key=lambda kk: tried[kk]["clusters"]["npmi"])
    km, weights = tried[k]["_km"], tried[k]["_weights"]
    topics = []
    for c in range(k):
        order = np.argsort(-weights[c])[:30]
        terms = [(str(vocab[j]), float(weights[c][j])) for j in order]
        members = train[km.labels_ == c]
        near = members[np.argsort(-(unit[members] @ km.cluster_centers_[c]))[:3]]
        cats = [categories[i] for i in members]
        topics.append({
            "id": c, "name": " ".join(t for t, _ in terms[:4]), "aspect": aspect_of(terms[:TOP_TERMS], language),
            "terms": [t for t, _ in terms[:TOP_TERMS]], "share": round(len(members) / len(train), 4),
            "categories": {x: cats.count(x) for x in sorted(set(cats), key=lambda x: -cats.count(x))[:3]},
            "samples": [texts[i][:160] for i in near],
        })
    labels = np.full(len(texts), -1)
    labels[train] = km.labels_
    labels[test] = km.predict(unit[test])
    return {
        "k": k, "topics": topics, "labels": labels, "train": train, "test": test,
        "lda": tried[k]["_lda_topics"],
        "coherence": {str(kk): {n: v for n, v in t.items() if not n.startswith("_")} for kk, t in tried.items()},
    }


def _classifier(language: str, seed: int, c: float):
    return make_pipeline(TfidfVectorizer(sublinear_tf=True, **CLASSIFIER[language]),
                         LogisticRegression(C=c, max_iter=5000, random_state=seed))


def distill(texts: list[str], found: dict, language: str, seed: int):
    """The TF-IDF classifier of the clusters the app runs per message: its C chosen on a part of the discovery
    complaints, its agreement with the clusters judged on the held-out ones (on the topic and on the topic's
    aspect), then refit on every complaint for export."""
    train, test, labels = found["train"], found["test"], found["labels"]
    fit, check = train_test_split(train, test_size=0.2, random_state=seed)

    def agreement(model, rows):
        return float(np.mean(model.predict([texts[i] for i in rows]) == labels[rows]))

    c = max((1.0, 4.0, 16.0), key=lambda c_: agreement(
        _classifier(language, seed, c_).fit([texts[i] for i in fit], labels[fit]), check))
    model = _classifier(language, seed, c).fit([texts[i] for i in train], labels[train])
    predicted = model.predict([texts[i] for i in test])
    aspect = np.array([t["aspect"] for t in found["topics"]])
    everything = np.concatenate([train, test])
    final = _classifier(language, seed, c).fit([texts[i] for i in everything], labels[everything])
    return final, {"topic": round(float(np.mean(predicted == labels[test])), 4),
                   "aspect": round(float(np.mean(aspect[predicted] == aspect[labels[test]])), 4), "C": c,
                   "exported": "refit on every complaint after judging"}


def export(model, out: Path, language: str, texts_for_parity: list[str]) -> dict:
    onx = convert_sklearn(model, initial_types=[("text", StringTensorType([None, 1]))],
                          options={id(model.steps[-1][1]): {"zipmap": False},
                                   **({id(model.steps[0][1]): {"tokenexp": WORDS}}
                                      if CLASSIFIER[language]["analyzer"] == "word" else {})},
                          target_opset=17)
    out.mkdir(parents=True, exist_ok=True)
    (out / "model.onnx").write_bytes(onx.SerializeToString())
    session = ort.InferenceSession(onx.SerializeToString(), providers=["CPUExecutionProvider"])
    p = session.run(["probabilities"], {"text": np.array(texts_for_parity, dtype=object).reshape(-1, 1)})[0]
    return {"onnxParityMaxAbsDiff": float(np.max(np.abs(p - model.predict_proba(texts_for_parity)))),
            "vocabulary": len(model.steps[0][1].vocabulary_)}


def train(datasets: list[Dataset], out_dir: Path, seed: int, version: str, work: Path, max_rows: int = 3000,
          ks: tuple[int, ...] = (8, 12, 16), embeddings=None) -> dict:
    """Discovers, judges and exports the complaint topics of each language into `topics/<language>/`.
    `embeddings(texts, language)` replaces the BGE encoder (tests)."""
    report = {}
    for ds in datasets:
        texts, categories = complaints(ds, max_rows, seed)
        vectors = (embeddings or (lambda t, lang: embed_cached(t, lang, work, f"complaints-{lang}")))(texts,
                                                                                                   ds.language)
        found = discover(texts, categories, vectors, ds.language, seed, ks)
        model, agreement = distill(texts, found, ds.language, seed)
        out = out_dir / "topics" / ds.language
        parity = export(model, out, ds.language, [texts[i] for i in found["test"][:200]])
        chosen = found["coherence"][str(found["k"])]
        metrics = {"complaints": len(texts), "topics": found["k"], "coherence": found["coherence"],
                   "chosen": chosen, "distilledAgreement": agreement, **parity,
                   "ldaTopics": [" ".join(t[:4]) for t in found["lda"]]}
        cards.write_card(out, "model.onnx", {
            "name": f"complaint-topics-{ds.language}", "version": version, "kind": "topics-text",
            "language": ds.language, "inputName": "text", "outputName": "probabilities",
            "labels": [str(t["id"]) for t in found["topics"]], "encoder": None,
            "topics": [{k: v for k, v in t.items()} for t in found["topics"]],
            "aspects": ASPECTS, "metrics": metrics,
            "method": "KMeans on BGE embeddings of negative reviews, class-based TF-IDF terms (BERTopic's manner); "
                      "assigned per message by a TF-IDF + logistic regression classifier distilled from the clusters",
            "trainingData": ds.source | {"rows": "negative reviews only", "rowsUsed": len(texts),
                                         "split": "80% discover, 20% judge", "seed": seed},
        }, None)
        report[ds.language] = {"topics": {t["aspect"] + ": " + t["name"]: t["share"] for t in found["topics"]},
                               **{k: v for k, v in metrics.items() if k in ("chosen", "distilledAgreement")},
                               "lda": found["coherence"][str(found["k"])]["lda"]}
    return report
