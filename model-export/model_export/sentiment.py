"""Sentiment models: a classification head per language on BGE-small embeddings (computed by the Java encoder
path, `insight-tools.jar embed`); the fast raw-text models are in fast_sentiment.
"""
from __future__ import annotations

import csv
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split

from . import cards, java

LABELS = ["negative", "positive"]


@dataclass
class Dataset:
    language: str
    texts: list[str]
    labels: np.ndarray
    source: dict
    categories: list[str] | None = None  # the product category of each review, where the data set has one


def load_english(path: Path) -> Dataset:
    """Women's E-Commerce Clothing Reviews: ratings 1-2 negative, 4-5 positive, 3 left out."""
    texts, labels, categories = [], [], []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            text = " ".join(t for t in (row.get("Title") or "", row.get("Review Text") or "") if t.strip()).strip()
            rating = int(row["Rating"])
            if not text or rating == 3:
                continue
            texts.append(text)
            labels.append(0 if rating <= 2 else 1)
            categories.append(row.get("Department Name") or "unknown")
    return Dataset("en", texts, np.array(labels), categories=categories, source={
        "name": "Women's E-Commerce Clothing Reviews (Kaggle)", "licence": "CC0 1.0 (public domain)",
        "file": path.name, "labelMapping": "rating 1-2 -> negative, 4-5 -> positive, 3 excluded; text = title + review"})


def load_chinese(path: Path) -> Dataset:
    """online_shopping_10_cats: label 1 positive, 0 negative."""
    texts, labels, categories = [], [], []
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            text = (row.get("review") or "").strip()
            if text:
                texts.append(text)
                labels.append(int(row["label"]))
                categories.append(row.get("cat") or "unknown")
    return Dataset("zh", texts, np.array(labels), categories=categories, source={
        "name": "online_shopping_10_cats (SophonPlus/ChineseNlpCorpus)",
        "licence": "none stated by the source; used for research and evaluation",
        "file": path.name, "labelMapping": "label 0 -> negative, 1 -> positive"})


_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))  # CJK ideograph blocks


def language_of(text: str, hint: str | None = None) -> str:
    """The app's rule (FeedbackText.language): `zh` when at least a fifth of the letters are Chinese
    ideographs, else `en`; a hint starting with `zh` or `en` wins over that, unless the script contradicts
    it (`zh` for a text with letters but no ideograph, `en` for one mostly of ideographs)."""
    h = (hint or "").lower()
    letters = [c for c in text if c.isalpha()]
    han = sum(1 for c in letters if any(lo <= ord(c) <= hi for lo, hi in _HAN))
    if h.startswith("zh") and not (han == 0 and letters):
        return "zh"
    if h.startswith("en") and han * 2 <= len(letters):
        return "en"
    return "zh" if letters and han * 5 >= len(letters) else "en"


# what ONNX Runtime's Java binding cannot hand the native tokenizer (it passes modified UTF-8)
_NOT_NATIVE_READABLE = re.compile("[\U00010000-\U0010FFFF\x00\ud800-\udfff]")


def as_the_app_reads(text: str) -> str:
    """The text as the app gives it to the fast models and complaint topics (OnnxClassifier.
    readableByNativeTokenizer): each emoji, U+0000 and lone surrogate as U+FFFD."""
    return _NOT_NATIVE_READABLE.sub("\ufffd", text)


def load_unlabelled(path: Path) -> dict[str, list[str]]:
    """A business's own feedback, without labels, per language: JSON lines of the feedback contract, as read
    from the feedback topic (`kcat -C -t feedback -e`). Only `text` and the optional `language` are used;
    records without text, and lines that are not JSON objects, are skipped. Texts are kept as the app reads
    them (`as_the_app_reads`), so that what an adapted model learns matches live."""
    out: dict[str, list[str]] = {"en": [], "zh": []}
    with path.open(encoding="utf-8") as f:
        for line in f:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            text = record.get("text") if isinstance(record, dict) else None
            if isinstance(text, str) and text.strip():
                hint = record.get("language")
                out[language_of(text, hint if isinstance(hint, str) else None)].append(as_the_app_reads(text.strip()))
    return out


def sample(ds: Dataset, max_rows: int, seed: int) -> Dataset:
    if len(ds.texts) <= max_rows:
        return ds
    idx, _ = train_test_split(np.arange(len(ds.texts)), train_size=max_rows, stratify=ds.labels, random_state=seed)
    idx = np.sort(idx)
    return Dataset(ds.language, [ds.texts[i] for i in idx], ds.labels[idx], ds.source,
                   None if ds.categories is None else [ds.categories[i] for i in idx])


def embed(texts: list[str], language: str, work: Path, tag: str) -> np.ndarray:
    jsonl = work / f"{tag}.jsonl"
    npy = work / f"{tag}.npy"
    with jsonl.open("w", encoding="utf-8") as f:
        for t in texts:
            f.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
    java.embed(jsonl, npy, language)
    return np.load(npy)


def scores(y: np.ndarray, pred: np.ndarray) -> dict:
    return {"accuracy": round(float(accuracy_score(y, pred)), 4),
            "macroF1": round(float(f1_score(y, pred, average="macro")), 4), "rows": int(len(y))}


def head_model(seed: int) -> LogisticRegression:
    """A head: a class-weighted logistic regression on the encoder's embeddings."""
    return LogisticRegression(C=2.0, class_weight="balanced", max_iter=3000, random_state=seed)


def head_onnx(head: LogisticRegression):
    """The head as ONNX: embedding in, probabilities out, as the app's encoder path reads it."""
    return convert_sklearn(head, initial_types=[("embedding", FloatTensorType([None, head.coef_.shape[1]]))],
                           options={id(head): {"zipmap": False}}, target_opset=17)


def train_heads(datasets: list[Dataset], out_dir: Path, seed: int = 7, version: str = "1.0.0",
                work: Path | None = None, created_at: str | None = None, cross_rows: int = 500) -> dict:
    """Trains one head per language on its own encoder's embeddings and exports sentiment/<lang>/head.onnx."""
    work = work or Path(tempfile.mkdtemp(prefix="sentiment-"))
    work.mkdir(parents=True, exist_ok=True)
    splits, heads, report, own = {}, {}, {}, {}
    for ds in datasets:
        idx_train, idx_test = train_test_split(np.arange(len(ds.texts)), test_size=0.2, stratify=ds.labels,
                                               random_state=seed)
        splits[ds.language] = (ds, idx_train, idx_test)
        x = embed(ds.texts, ds.language, work, f"{ds.language}-own")
        own[ds.language] = x
        head = head_model(seed).fit(x[idx_train], ds.labels[idx_train])
        heads[ds.language] = head
        report[ds.language] = {"ownLanguage": scores(ds.labels[idx_test], head.predict(x[idx_test])),
                               "trainRows": int(len(idx_train))}
    # Each language's path (its encoder and head) on the other language's held-out texts: routing matters.
    for ds in datasets:
        idx_cross = splits[ds.language][2][:cross_rows]
        for other in (o for o in heads if o != ds.language):
            x_other = embed([ds.texts[i] for i in idx_cross], other, work, f"{ds.language}-by-{other}")
            report[other][f"on_{ds.language}_texts"] = scores(ds.labels[idx_cross], heads[other].predict(x_other))
    for ds in datasets:
        _, idx_train, idx_test = splits[ds.language]
        head = heads[ds.language]
        out = out_dir / "sentiment" / ds.language
        out.mkdir(parents=True, exist_ok=True)
        onx = head_onnx(head)
        (out / "head.onnx").write_bytes(onx.SerializeToString())
        x_test = own[ds.language][idx_test]
        session = ort.InferenceSession(onx.SerializeToString(), providers=["CPUExecutionProvider"])
        parity = float(np.max(np.abs(session.run(["probabilities"], {"embedding": x_test})[0]
                                     - head.predict_proba(x_test))))
        test_scores = head.predict_proba(x_test)[:, 1] - head.predict_proba(x_test)[:, 0]
        cards.write_card(out, "head.onnx", {
            "name": f"sentiment-head-{ds.language}", "version": version, "kind": "sentiment-head",
            "language": ds.language, "encoder": f"bge-small-{ds.language}-v1.5-q (langchain4j Maven jar)",
            "maxTokens": 256, "inputName": "embedding", "outputName": "probabilities", "labels": LABELS,
            "scoreDefinition": "P(positive) - P(negative); label negative <= -0.3, positive >= 0.3, else neutral",
            "metrics": report[ds.language] | {"onnxParityMaxAbsDiff": parity},
            "distributions": {"score": cards.histogram(test_scores)},
            "trainingData": ds.source | {"rowsUsed": len(ds.texts), "trainRows": int(len(idx_train)),
                                          "testRows": int(len(idx_test)),
                                          "positiveShare": round(float(ds.labels.mean()), 4), "seed": seed},
        }, created_at)
    return report


def export_head(head: LogisticRegression, language: str, out_dir: Path, adaptation: dict,
                created_at: str | None = None) -> None:
    """Writes a head adapted to a business's texts over the language's head in out_dir (train_heads wrote it):
    head.onnx, and a card that keeps the labelled figures of the head it started from and says what it was
    adapted to."""
    out = out_dir / "sentiment" / language
    card = json.loads((out / "card.json").read_text(encoding="utf-8"))
    (out / "head.onnx").write_bytes(head_onnx(head).SerializeToString())
    card["metrics"]["adaptation"] = {k: v for k, v in adaptation.items() if k not in ("vectorizer", "C")} | {
        "note": "the other metrics are those of the head before adaptation, on the labelled sets"}
    cards.write_card(out, "head.onnx", {k: v for k, v in card.items() if k not in ("file", "sha256", "createdAt")},
                     created_at)


def head_rows(ds: Dataset, work: Path, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The embeddings and labels of the rows train_heads trained the language's head on (ds: the same sample)."""
    idx_train, _ = train_test_split(np.arange(len(ds.texts)), test_size=0.2, stratify=ds.labels, random_state=seed)
    cached = work / f"{ds.language}-own.npy"
    x = np.load(cached) if cached.exists() else embed(ds.texts, ds.language, work, f"{ds.language}-own")
    return x[idx_train], ds.labels[idx_train]


def throughput(texts: list[str], models_dir: Path, engine: str, batch: int = 32, warmup: int = 20) -> float:
    """Texts per second of the app's own scoring path (`score-text`), net of JVM start and model loading:
    (n - warmup) / (time for n texts - time for the first `warmup` texts)."""
    _, t_small = java.score_text(texts[:warmup], models_dir, engine, batch)
    _, t_all = java.score_text(texts, models_dir, engine, batch)
    return round((len(texts) - warmup) / max(t_all - t_small, 1e-6), 1)


def measure_throughput(datasets: list[Dataset], models_dir: Path, n: int = 600, seed: int = 7) -> dict:
    """The encoder path (batched and one by one) and the fast path on the same mixed-language texts."""
    rng = np.random.default_rng(seed)
    texts = []
    for ds in datasets:
        texts += [ds.texts[i] for i in rng.choice(len(ds.texts), size=min(n // len(datasets), len(ds.texts)),
                                                   replace=False)]
    return {"texts": len(texts), "meanChars": round(float(np.mean([len(t) for t in texts])), 1),
            "encoderBatch32TextsPerSecond": throughput(texts, models_dir, "encoder", 32),
            "encoderBatch1TextsPerSecond": throughput(texts, models_dir, "encoder", 1),
            "fastTextsPerSecond": throughput(texts, models_dir, "fast", 32),
            "fastBatch1TextsPerSecond": throughput(texts, models_dir, "fast", 1),
            "cascadeBatch1TextsPerSecond": throughput(texts, models_dir, "cascade", 1),
            "machine": "measured by model-export through `insight-tools.jar score-text` on the machine that trained"}
