"""Adapting the sentiment models to a business's own unlabelled feedback.

Two ways, both without a label of the business's texts:

* **co-training** (when the encoder can embed the texts): the fast model (character or word n-grams) and the
  encoder's head (BGE embeddings) are two views of each text. Their averaged probability labels the texts each
  round; the texts both are surest of, per label, join both models' training rows, weighted above the labelled
  rows, and both are trained again. The business's own words enter the fast model's vocabulary, and the head
  learns where the business's texts lie in the encoder's space. The cascade then sends the texts the adapted
  fast model is least sure of (a share of the business's texts, `ENCODER_SHARE`) to the adapted head.
* **self-training** (the fast model alone, its own teacher), where no encoder is at hand.

On the Chinese cross-domain split (trained without hotels, books and a dairy brand, each judged on a balanced
sample, adapted to the other half of its reviews): self-training with the shipped n-grams 0.855; with character
1-3-grams 0.870; co-training with them 0.877 for the fast model alone, and 0.882 for the cascade that sends
about 10 % of the texts to the adapted head.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from . import ngram_models
from .sentiment import head_model, scores

# rounds of self-training on a business's unlabelled texts: on the cross-domain split, 1 round 0.848-0.855,
# 2 rounds 0.858, 3 rounds 0.859 (from 0.828 without)
SELF_TRAINING_ROUNDS = 2
MIN_TEXTS = 100  # fewer unlabelled texts of a language than this: its model is not adapted
COTRAINING_ROUNDS = 3  # 2 rounds 0.870, 3 rounds 0.872 with self-training and the same n-grams
PSEUDO_WEIGHT = 4.0  # a pseudo-labelled text of the business counts four labelled rows: 0.870 -> 0.874 (10: 0.873)
ENCODER_SHARE = 0.10  # of the business's texts, the ones the adapted fast model is least sure of go to the encoder
# richer n-grams pay across domains (0.844 against 0.827 unadapted); an adapted model keeps only part of them (prune)
VECTORIZERS = {
    "en": ngram_models.VECTORIZERS["en"],
    "zh": dict(analyzer="char", ngram_range=(1, 3), min_df=2, lowercase=False),
}
C = {"en": 4.0, "zh": 16.0}
# what an adapted model keeps of its n-grams: those in at least 2 of the business's texts, and the strongest of
# the rest. ONNX's TF-IDF output is dense, so every n-gram costs every text: all 604,019 of a Chinese model
# adapted to books scored 544 texts/s on 2 cores, against 7,214 for the bundled model's 19,824
KEEP_MIN_TEXTS = 2
KEEP_STRONGEST = 20_000
HEAD_ROWS = 6000  # the labelled rows the head starts from, as the shipped heads (sentiment.train_heads)


def most_confident(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pseudo-labels from P(positive): the texts surest of each label, for each label at most half of all the
    texts (most confident first), so that both labels are taught whatever the texts' own balance."""
    chosen, labels = [], []
    for label, confidence, ours in ((1, p, p >= 0.5), (0, 1 - p, p < 0.5)):
        idx = np.nonzero(ours)[0]
        idx = idx[np.argsort(-confidence[idx], kind="stable")][: len(p) // 2]
        chosen.append(idx)
        labels += [label] * len(idx)
    return np.concatenate(chosen).astype(int), np.array(labels, dtype=int)


def confident(model, texts: list[str]) -> tuple[list[str], np.ndarray]:
    """most_confident on a fast model's own probabilities, as texts and labels."""
    chosen, labels = most_confident(model.predict_proba(texts)[:, 1])
    return [texts[i] for i in chosen], labels


def fit_self_trained(language: str, seed: int, texts: list[str], labels: np.ndarray, unlabelled: list[str],
                     vectorizers: dict | None = None, rounds: int = SELF_TRAINING_ROUNDS, base=None) -> tuple[object, dict]:
    """Self-training: the model trained on the labelled texts labels a business's own unlabelled texts, and is
    trained again on both, `rounds` times. `base`: the model of the labelled texts alone, if already trained."""
    model = base or ngram_models.pipeline(language, seed, vectorizers).fit(texts, labels)
    pseudo = np.array([], dtype=int)
    for _ in range(rounds):
        extra, pseudo = confident(model, unlabelled)
        model = ngram_models.pipeline(language, seed, vectorizers).fit(texts + extra, np.concatenate([labels, pseudo]))
    return model, {"method": "self-training", "unlabelledTexts": len(unlabelled), "rounds": rounds,
                   "pseudoLabelled": _counts(pseudo)}


def fit_cotrained(language: str, seed: int, texts: list[str], labels: np.ndarray, unlabelled: list[str],
                  head_x: np.ndarray, head_y: np.ndarray, unlabelled_x: np.ndarray, vectorizers: dict | None = None,
                  c: float | None = None, rounds: int = COTRAINING_ROUNDS, weight: float = PSEUDO_WEIGHT,
                  base: tuple | None = None) -> tuple[object, LogisticRegression, dict]:
    """Co-training of the fast model (texts, labels) and the encoder's head (head_x, head_y: embeddings of its
    own labelled rows) on a business's unlabelled texts and their embeddings (unlabelled_x). Returns both
    adapted models and what the card should say, with the encoder threshold for the cascade. `base`: the two
    models of the labelled rows alone, if already trained (fit_cotrained_bases)."""
    vectorizers = vectorizers or VECTORIZERS
    c = c if c is not None else C[language]
    fast, head = base or fit_cotrained_bases(language, seed, texts, labels, head_x, head_y, vectorizers, c)
    chosen, pseudo = np.array([], dtype=int), np.array([], dtype=int)
    for _ in range(rounds):
        p = 0.5 * fast.predict_proba(unlabelled)[:, 1] + 0.5 * head.predict_proba(unlabelled_x)[:, 1]
        chosen, pseudo = most_confident(p)
        w_fast = np.concatenate([np.ones(len(labels)), np.full(len(chosen), weight)])
        fast = ngram_models.pipeline(language, seed, vectorizers, c).fit(
            texts + [unlabelled[i] for i in chosen], np.concatenate([labels, pseudo]),
            logisticregression__sample_weight=w_fast)
        w_head = np.concatenate([np.ones(len(head_y)), np.full(len(chosen), weight)])
        head = head_model(seed).fit(np.vstack([head_x, unlabelled_x[chosen]]), np.concatenate([head_y, pseudo]),
                                    sample_weight=w_head)
    # the adapted model is sure of the texts it was trained on: the share the encoder reads is set on a fifth of
    # them left out of one more fit with the same pseudo-labels, as new texts of the business will be
    rest = np.random.default_rng(seed).permutation(len(unlabelled))
    probe_texts, rest = rest[: len(rest) // 5], set(rest[len(rest) // 5:].tolist())
    kept = np.array([k for k, i in enumerate(chosen) if i in rest], dtype=int)
    probe = ngram_models.pipeline(language, seed, vectorizers, c).fit(
        texts + [unlabelled[chosen[k]] for k in kept], np.concatenate([labels, pseudo[kept]]),
        logisticregression__sample_weight=np.concatenate([np.ones(len(labels)), np.full(len(kept), weight)]))
    threshold = encoder_threshold(prune(probe, unlabelled), [unlabelled[i] for i in probe_texts])
    fast = prune(fast, unlabelled)
    return fast, head, {"method": "co-training (fast model and encoder head)", "unlabelledTexts": len(unlabelled),
                        "rounds": rounds, "pseudoLabelWeight": weight, "pseudoLabelled": _counts(pseudo),
                        "vectorizer": dict(vectorizers[language]), "C": c,
                        "ngramsKept": len(fast.steps[0][1].vocabulary_),
                        "ngramsKeptRule": f"in at least {KEEP_MIN_TEXTS} of the texts, and the {KEEP_STRONGEST} "
                                          "of largest weight",
                        "encoderShare": ENCODER_SHARE, "cascadeThreshold": threshold}


def fit_cotrained_bases(language: str, seed: int, texts: list[str], labels: np.ndarray, head_x: np.ndarray,
                        head_y: np.ndarray, vectorizers: dict | None = None, c: float | None = None) -> tuple:
    """The fast model and the head co-training starts from, trained on the labelled rows alone."""
    vectorizers = vectorizers or VECTORIZERS
    c = c if c is not None else C[language]
    return (ngram_models.pipeline(language, seed, vectorizers, c).fit(texts, labels),
            head_model(seed).fit(head_x, head_y))


def prune(model, texts: list[str], min_texts: int = KEEP_MIN_TEXTS, strongest: int = KEEP_STRONGEST):
    """The fitted fast model with only the n-grams found in at least `min_texts` of the business's texts and the
    `strongest` others by weight, each with its own weight and idf: the business's texts score as before but for
    the norm of texts with a dropped n-gram."""
    vec, lr = model.steps[0][1], model.steps[-1][1]
    analyze = vec.build_analyzer()
    df = Counter(g for t in texts for g in set(analyze(t)))
    kept = {vec.vocabulary_[g] for g, n in df.items() if n >= min_texts and g in vec.vocabulary_}
    kept.update(np.argsort(-np.abs(lr.coef_[0]), kind="stable")[:strongest].tolist())
    # ONNX's TF-IDF finds an n-gram through its tokens, so every token of a kept n-gram is kept too
    names = vec.get_feature_names_out()
    for g in [names[i] for i in kept]:
        kept.update(vec.vocabulary_[t] for t in (list(g) if vec.analyzer == "char" else g.split(" "))
                    if t in vec.vocabulary_)
    idx = np.array(sorted(kept))
    terms = {t: i for i, t in enumerate(names[idx])}
    small = TfidfVectorizer(**(vec.get_params() | {"vocabulary": terms})).fit(list(terms)[:1])
    small.idf_ = vec.idf_[idx]
    classifier = LogisticRegression(**lr.get_params())
    classifier.classes_, classifier.coef_, classifier.intercept_ = lr.classes_, lr.coef_[:, idx], lr.intercept_.copy()
    classifier.n_features_in_ = len(idx)
    return make_pipeline(small, classifier)


def encoder_threshold(fast, texts: list[str], share: float = ENCODER_SHARE) -> float:
    """The cascade threshold that sends `share` of the texts to the encoder: the ones whose fast score
    |P(positive) - P(negative)| is lowest. Chosen from a business's texts, not from labels they do not have."""
    score = np.abs(2 * fast.predict_proba(texts)[:, 1] - 1)
    return round(float(np.quantile(score, share)), 4)


def _counts(pseudo: np.ndarray) -> dict:
    return {"negative": int(np.sum(pseudo == 0)), "positive": int(np.sum(pseudo == 1))}



def cross_domain(ds, held_out: list[str], seed: int, base, judged: list[np.ndarray], vectorizers: dict | None,
                 embed=None, adapt_vectorizers: dict | None = None) -> dict:
    """The same balanced samples as the unadapted figures, each held-out category taken as a new business
    that hands over its unlabelled reviews: its reviews split in two halves, models adapted to the texts of one
    half (their labels unused) judge the other, so that no row is judged by a model that saw its text.
    With `embed(texts, language, tag) -> embeddings`: co-training, judged for the fast model alone and for the
    cascade (the adapted head for the texts under the adaptation's threshold); without: self-training."""
    cats = np.array(ds.categories)
    train = np.nonzero(~np.isin(cats, held_out))[0]
    train_texts = [ds.texts[i] for i in train]
    rng = np.random.default_rng(seed)
    pred = np.full(len(ds.texts), -1)
    cascade = np.full(len(ds.texts), -1)
    routed = np.zeros(len(ds.texts), dtype=bool)
    if embed is not None:
        head_idx = train[np.sort(rng.choice(len(train), min(HEAD_ROWS, len(train)), replace=False))]
        head_x = embed([ds.texts[i] for i in head_idx], ds.language, "cross-domain-head-rows")
        held = np.nonzero(np.isin(cats, held_out))[0]
        held_x = dict(zip(held, embed([ds.texts[i] for i in held], ds.language, "cross-domain-held-out")))
        bases = fit_cotrained_bases(ds.language, seed, train_texts, ds.labels[train], head_x, ds.labels[head_idx],
                                    adapt_vectorizers)
    per_half, thresholds = {}, {}
    for c in held_out:
        idx = np.nonzero(cats == c)[0]
        idx = idx[rng.permutation(len(idx))]
        halves = (idx[: len(idx) // 2], idx[len(idx) // 2:])
        for fold in (0, 1):
            own, other = halves[fold], halves[1 - fold]
            other_texts = [ds.texts[i] for i in other]
            if embed is None:
                model, _ = fit_self_trained(ds.language, seed, train_texts, ds.labels[train],
                                            [ds.texts[i] for i in own], vectorizers, base=base)
                pred[other] = model.predict(other_texts)
                continue
            model, head, info = fit_cotrained(ds.language, seed, train_texts, ds.labels[train],
                                              [ds.texts[i] for i in own], head_x, ds.labels[head_idx],
                                              np.array([held_x[i] for i in own]), adapt_vectorizers, base=bases)
            p_fast = model.predict_proba(other_texts)[:, 1]
            p_head = head.predict_proba(np.array([held_x[i] for i in other]))[:, 1]
            unsure = np.abs(2 * p_fast - 1) < info["cascadeThreshold"]
            pred[other] = p_fast >= 0.5
            cascade[other] = np.where(unsure, p_head >= 0.5, p_fast >= 0.5)
            routed[other] = unsure
            thresholds.setdefault(c, []).append(info["cascadeThreshold"])
        per_half[c] = [len(h) for h in halves]
    every = np.concatenate(judged)
    out = _judged(ds, held_out, judged, pred)
    if embed is not None:
        out["cascade"] = _judged(ds, held_out, judged, cascade) | {
            "encoderShare": round(float(routed[every].mean()), 4), "thresholds": thresholds}
        method = (f"co-training of the fast model and the encoder's head ({COTRAINING_ROUNDS} rounds, pseudo-labels "
                  f"weighted {PSEUDO_WEIGHT:g}; the head starting from {len(head_idx)} labelled rows)")
    else:
        method = f"self-training, {SELF_TRAINING_ROUNDS} rounds"
    out["protocol"] = ("each held-out category as a new business: its reviews split in two halves, models adapted "
                       f"({method}) to the texts of one half judge the other; labels never used")
    out["unlabelledTextsPerHalf"] = per_half
    return out


def _judged(ds, held_out: list[str], judged: list[np.ndarray], pred: np.ndarray) -> dict:
    out = {c: scores(ds.labels[idx], pred[idx]) for c, idx in zip(held_out, judged)}
    every = np.concatenate(judged)
    out["allHeldOut"] = scores(ds.labels[every], pred[every])
    return out
