"""Evaluation metrics for churn models."""
from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score


def lift_top_decile(y: np.ndarray, p: np.ndarray) -> float:
    order = np.argsort(-p, kind="stable")
    top = order[: max(1, len(order) // 10)]
    return float(np.mean(y[top]) / max(np.mean(y), 1e-12))


def calibration_table(y: np.ndarray, p: np.ndarray, bins: int = 10) -> list[dict]:
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, bins - 1)
    rows = []
    for b in range(bins):
        mask = idx == b
        if mask.any():
            rows.append({"bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}", "count": int(mask.sum()),
                         "meanPredicted": round(float(p[mask].mean()), 4),
                         "observedRate": round(float(y[mask].mean()), 4)})
    return rows


def evaluate(y: np.ndarray, p: np.ndarray) -> dict:
    return {
        "rocAuc": round(float(roc_auc_score(y, p)), 4),
        "prAuc": round(float(average_precision_score(y, p)), 4),
        "brier": round(float(brier_score_loss(y, p)), 4),
        "liftTopDecile": round(lift_top_decile(y, p), 3),
        "baseRate": round(float(np.mean(y)), 4),
        "rows": int(len(y)),
        "calibration": calibration_table(y, p),
    }
