"""The fast sentiment path: one TF-IDF + logistic regression model per language, trained on every labelled
row (word 1-2-grams for English, character 1-2-grams for Chinese), exported to ONNX as
`sentiment-fast/<language>/model.onnx`. Validation is per product category, and the Chinese model is also
judged across domains: trained without some categories, tested on a balanced sample of each of them, and
again after adapting to those categories' unlabelled texts (self-training, below).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import onnxruntime as ort
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import StringTensorType
from sklearn.model_selection import train_test_split

from . import adaptation, cards
from .ngram_models import VECTORIZERS, WORDS, pipeline  # noqa: F401 (the recipe, named here too)
from .sentiment import LABELS, Dataset, export_head, scores

CROSS_DOMAIN_HELD_OUT = {"zh": ["酒店", "书籍", "蒙牛"]}  # hotels, books, a dairy brand: other businesses


def split(ds: Dataset, seed: int, test_size: float = 0.2) -> tuple[np.ndarray, np.ndarray]:
    """Held-out rows stratified by category and label, so that every category is validated."""
    strata = [f"{c}|{y}" for c, y in zip(ds.categories or ["all"] * len(ds.texts), ds.labels)]
    return train_test_split(np.arange(len(ds.texts)), test_size=test_size, stratify=strata, random_state=seed)


def onnx_probabilities(session: ort.InferenceSession, texts: list[str], batch: int = 256) -> np.ndarray:
    """The exported model's probabilities, a batch at a time: ONNX's TF-IDF output is dense, one row of the
    whole vocabulary per text (an adapted Chinese model's 600,000 n-grams are 2.4 MB a text)."""
    return np.vstack([session.run(["probabilities"], {"text": np.array(texts[i:i + batch], dtype=object).reshape(-1, 1)})[0]
                      for i in range(0, len(texts), batch)])


def balanced(idx: np.ndarray, y: np.ndarray, seed: int) -> np.ndarray:
    """As many negative as positive rows among idx (the English set has one low rating in eight)."""
    rng = np.random.default_rng(seed)
    pos, neg = idx[y[idx] == 1], idx[y[idx] == 0]
    n = min(len(pos), len(neg))
    return np.concatenate([rng.choice(pos, n, replace=False), rng.choice(neg, n, replace=False)])


def _fit_without(ds: Dataset, left_out: list[str], seed: int, vectorizers: dict | None = None):
    """The fast model trained on every row outside the categories left out."""
    train = np.nonzero(~np.isin(np.array(ds.categories), left_out))[0]
    return pipeline(ds.language, seed, vectorizers).fit([ds.texts[i] for i in train], ds.labels[train])


def cross_domain(ds: Dataset, held_out: list[str], seed: int, vectorizers: dict | None = None, embed=None,
                  adapt_vectorizers: dict | None = None) -> dict:
    """The fast model trained without the held-out categories, judged on a balanced sample of each, then again
    after adapting to each one's unlabelled texts (adaptation.cross_domain; co-training when `embed` can
    embed texts with the encoder)."""
    cats = np.array(ds.categories)
    model = _fit_without(ds, held_out, seed, vectorizers)
    out = {}
    every = []
    for c in held_out:
        idx = balanced(np.nonzero(cats == c)[0], ds.labels, seed)
        every.append(idx)
        out[c] = scores(ds.labels[idx], model.predict([ds.texts[i] for i in idx]))
    idx = np.concatenate(every)
    out["allHeldOut"] = scores(ds.labels[idx], model.predict([ds.texts[i] for i in idx]))
    out["trainedOn"] = sorted(set(cats) - set(held_out))
    out["adapted"] = adaptation.cross_domain(ds, held_out, seed, model, every, vectorizers, embed, adapt_vectorizers)
    return out


def leave_one_category_out(ds: Dataset, seed: int, vectorizers: dict | None = None) -> dict:
    """Each category judged by a model trained on all the others (a balanced sample of it, as in the
    cross-domain split), and the unweighted mean over categories: how the fast model does on a business it
    has never seen, for every category rather than a chosen few."""
    cats = np.array(ds.categories)
    per_category = {}
    for c in sorted(set(cats)):
        idx = balanced(np.nonzero(cats == c)[0], ds.labels, seed)
        if len(idx) == 0 or len(set(ds.labels[cats != c])) < 2:
            continue
        model = _fit_without(ds, [c], seed, vectorizers)
        per_category[c] = scores(ds.labels[idx], model.predict([ds.texts[i] for i in idx]))
    out = dict(per_category)
    out["meanAccuracy"] = round(float(np.mean([v["accuracy"] for v in per_category.values()])), 4)
    out["meanMacroF1"] = round(float(np.mean([v["macroF1"] for v in per_category.values()])), 4)
    return out


def train(datasets: list[Dataset], out_dir: Path, seed: int = 7, version: str = "1.0.0",
          work: Path | None = None, created_at: str | None = None, vectorizers: dict | None = None,
          unlabelled: dict[str, list[str]] | None = None, embed=None, head_rows: dict | None = None,
          adapt_vectorizers: dict | None = None) -> dict:
    """Trains and exports one fast model per language; writes each language's held-out rows as TSV (label,
    language, text) to work/heldout-<language>.tsv, for `insight-tools.jar sentiment-bench`. `vectorizers`
    replaces VECTORIZERS (small test samples need a lower min_df; `adapt_vectorizers` likewise for
    adaptation.VECTORIZERS). `unlabelled`: a business's own texts per language (its feedback, no labels); a
    language with at least adaptation.MIN_TEXTS of them gets models adapted to them, judged on the same
    held-out labelled rows as unadapted ones: by co-training with the encoder's head when `embed(texts,
    language, tag)` and the head's labelled rows (`head_rows[language] = (embeddings, labels)`) are given, the
    adapted head exported over the shipped one; by self-training otherwise."""
    vectorizers = vectorizers or VECTORIZERS
    adapt_vectorizers = adapt_vectorizers or adaptation.VECTORIZERS
    report = {}
    legacy = out_dir / "sentiment-fast"
    for name in ("card.json", "model.onnx"):  # the joint model of earlier releases
        (legacy / name).unlink(missing_ok=True)
    for ds in datasets:
        train_idx, test_idx = split(ds, seed)
        train_texts = [ds.texts[i] for i in train_idx]
        own = (unlabelled or {}).get(ds.language, [])
        adapted, used = None, vectorizers
        if len(own) >= adaptation.MIN_TEXTS and embed is not None and ds.language in (head_rows or {}):
            head_x, head_y = head_rows[ds.language]
            model, head, adapted = adaptation.fit_cotrained(
                ds.language, seed, train_texts, ds.labels[train_idx], own, head_x, head_y,
                embed(own, ds.language, f"{ds.language}-unlabelled"), adapt_vectorizers)
            used = adapt_vectorizers
            export_head(head, ds.language, out_dir, adapted, created_at)
        elif len(own) >= adaptation.MIN_TEXTS:
            model, adapted = adaptation.fit_self_trained(ds.language, seed, train_texts, ds.labels[train_idx], own,
                                                         vectorizers)
        else:
            model = pipeline(ds.language, seed, vectorizers).fit(train_texts, ds.labels[train_idx])
        onx = convert_sklearn(model, initial_types=[("text", StringTensorType([None, 1]))],
                              options={id(model.steps[-1][1]): {"zipmap": False},
                                       **({id(model.steps[0][1]): {"tokenexp": WORDS}}
                                          if used[ds.language]["analyzer"] == "word" else {})},
                              target_opset=17)
        out = out_dir / "sentiment-fast" / ds.language
        out.mkdir(parents=True, exist_ok=True)
        (out / "model.onnx").write_bytes(onx.SerializeToString())
        texts = [ds.texts[i] for i in test_idx]
        y = ds.labels[test_idx]
        session = ort.InferenceSession(onx.SerializeToString(), providers=["CPUExecutionProvider"])
        p = onnx_probabilities(session, texts)
        pred = np.argmax(p, axis=1)
        cats = np.array(ds.categories) if ds.categories else None
        bal = balanced(np.arange(len(y)), y, seed)
        metrics = {
            "heldOut": scores(y, pred), "balanced": scores(y[bal], pred[bal]),
            "sklearnAccuracy": round(float(np.mean(model.predict(texts) == y)), 4),
            "onnxParityMaxAbsDiff": float(np.max(np.abs(p - model.predict_proba(texts)))),
            "vocabulary": len(model.steps[0][1].vocabulary_),
        }
        if adapted:
            metrics["adaptation"] = adapted  # the held-out rows above are the labelled sets', not the business's
        if cats is not None:
            metrics["perCategory"] = {c: scores(y[cats[test_idx] == c], pred[cats[test_idx] == c])
                                      for c in sorted(set(cats[test_idx]))}
        if ds.language in CROSS_DOMAIN_HELD_OUT and cats is not None:
            metrics["crossDomain"] = cross_domain(ds, CROSS_DOMAIN_HELD_OUT[ds.language], seed, vectorizers, embed,
                                                   adapt_vectorizers)
        if cats is not None:
            metrics["leaveOneCategoryOut"] = leave_one_category_out(ds, seed, vectorizers)
        report[ds.language] = metrics
        cards.write_card(out, "model.onnx", {
            "name": f"sentiment-fast-{ds.language}", "version": version, "kind": "sentiment-text",
            "language": ds.language, "inputName": "text", "outputName": "probabilities", "labels": LABELS,
            "scoreDefinition": "P(positive) - P(negative); label negative <= -0.3, positive >= 0.3, else neutral",
            "metrics": metrics, "distributions": {"score": cards.histogram(p[:, 1] - p[:, 0])},
            "trainingData": ds.source | {
                "vectorizer": dict(used[ds.language]), "rowsUsed": len(ds.texts),
                "trainRows": int(len(train_idx)), "testRows": int(len(test_idx)), "classWeight": "balanced",
                "split": "20% held out, stratified by category and label", "seed": seed},
        }, created_at)
        if work is not None:
            work.mkdir(parents=True, exist_ok=True)
            with (work / f"heldout-{ds.language}.tsv").open("w", encoding="utf-8") as f:
                for t, label in zip(texts, y):
                    f.write(f"{LABELS[label]}\t{ds.language}\t{' '.join(t.split())}\n")
    if legacy.exists() and not any(legacy.iterdir()):
        shutil.rmtree(legacy)
    return report


def choose_cascade(datasets: list[Dataset], out_dir: Path, seed: int, work: Path) -> dict:
    """For each language, on the fast model's held-out rows: the encoder path (the exported head on the Java
    encoder's embeddings) against the fast model, and the cascade at each threshold. The threshold chosen is
    the smallest whose cascade is at least as accurate as the encoder alone, on all held-out rows and on a
    balanced sample; it is written into the fast card as `thresholds.cascade`."""
    import json

    from .sentiment import embed

    report = {}
    for ds in datasets:
        _, test_idx = split(ds, seed)
        texts = [ds.texts[i] for i in test_idx]
        y = ds.labels[test_idx]
        head = ort.InferenceSession(str(out_dir / "sentiment" / ds.language / "head.onnx"),
                                    providers=["CPUExecutionProvider"])
        x = embed(texts, ds.language, work, f"{ds.language}-fast-heldout")
        p_encoder = head.run(["probabilities"], {"embedding": x.astype(np.float32)})[0][:, 1]
        fast = ort.InferenceSession(str(out_dir / "sentiment-fast" / ds.language / "model.onnx"),
                                    providers=["CPUExecutionProvider"])
        p_fast = onnx_probabilities(fast, texts)[:, 1]
        bal = balanced(np.arange(len(y)), y, seed)
        enc = {"all": round(float(np.mean((p_encoder >= 0.5) == y)), 4),
               "balanced": round(float(np.mean((p_encoder[bal] >= 0.5) == y[bal])), 4)}
        table, chosen = [], None
        for threshold in np.round(np.arange(0.0, 1.0, 0.1), 1):
            unsure = np.abs(2 * p_fast - 1) < threshold
            pred = np.where(unsure, p_encoder >= 0.5, p_fast >= 0.5)
            row = {"threshold": float(threshold), "encoderShare": round(float(unsure.mean()), 4),
                   "all": round(float(np.mean(pred == y)), 4), "balanced": round(float(np.mean(pred[bal] == y[bal])), 4)}
            table.append(row)
            if chosen is None and row["all"] >= enc["all"] and row["balanced"] >= enc["balanced"]:
                chosen = row
        if chosen is None:
            chosen = max(table, key=lambda r: r["all"] + r["balanced"])
            chosen = chosen | {"note": "no threshold matched the encoder alone; the most accurate is used"}
        rule = "the smallest threshold at least as accurate as the encoder alone on all held-out rows and on a balanced sample"
        card_path = out_dir / "sentiment-fast" / ds.language / "card.json"
        card = json.loads(card_path.read_text(encoding="utf-8"))
        adapted = card["metrics"].get("adaptation", {}).get("cascadeThreshold")
        if adapted is not None:  # models adapted to a business: its own texts set the share the encoder reads
            unsure = np.abs(2 * p_fast - 1) < adapted
            pred = np.where(unsure, p_encoder >= 0.5, p_fast >= 0.5)
            chosen = {"threshold": adapted, "encoderShare": round(float(unsure.mean()), 4),
                      "all": round(float(np.mean(pred == y)), 4),
                      "balanced": round(float(np.mean(pred[bal] == y[bal])), 4)}
            rule = ("adapted to a business's texts: the threshold that sends the share of them the adapted fast model "
                    "is least sure of to the adapted encoder head (metrics.adaptation)")
        card["thresholds"] = {"cascade": chosen["threshold"]}
        # the cascade's own scores on these rows: the app's reference for sentiment drift
        final = np.where(np.abs(2 * p_fast - 1) < chosen["threshold"], p_encoder, p_fast)
        card.setdefault("distributions", {})["cascadeScore"] = cards.histogram(2 * final - 1)
        card["metrics"]["cascade"] = {"encoderAlone": enc, "byThreshold": table, "chosen": chosen, "rule": rule}
        card_path.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        report[ds.language] = {"encoderAlone": enc, "chosen": chosen}
    return report
