"""Model cards: the JSON the app reads beside each .onnx file (see ModelCard.java)."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

import numpy as np


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def histogram(values: np.ndarray, bins: int = 10) -> dict:
    """Quantile bin edges and the share of training values in each bin: the reference for drift (PSI)."""
    values = np.asarray(values, dtype=np.float64)
    edges = np.unique(np.quantile(values, np.linspace(0, 1, bins + 1)))
    if len(edges) < 2:
        edges = np.array([values.min(), values.min() + 1.0])
    inner = edges[1:-1]
    counts = np.bincount(np.searchsorted(inner, values, side="right"), minlength=len(edges) - 1)
    return {"edges": [float(e) for e in edges], "fractions": [float(c) / len(values) for c in counts]}


def write_card(directory: Path, onnx_file: str, card: dict, created_at: str | None = None) -> Path:
    """Writes card.json beside the ONNX file, adding its checksum and creation time."""
    card = dict(card)
    card["file"] = onnx_file
    card["sha256"] = sha256(directory / onnx_file)
    card["createdAt"] = created_at or datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    path = directory / "card.json"
    path.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
