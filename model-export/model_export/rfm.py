"""The field's plain churn baseline: a logistic regression on four RFM features computed from the raw events.

Recency, frequency and monetary value over the customer's whole history before each cutoff (not the 30-day
windows of the app's own features): days since the last purchase, number of purchases, log of total spend,
and tenure (days since first seen). Every churn card reports it beside the model, on the same rows.
"""
from __future__ import annotations

import functools
import gzip
import json
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

DAY_MS = 86_400_000
FEATURES = ["days_since_last_purchase", "purchases", "log_spend", "tenure_days"]
NO_PURCHASE_DAYS = 1000.0


def open_history(path: Path):
    """A JSON-lines history for reading as text; a name ending in .gz is read as gzip, as the app's tools do."""
    return gzip.open(path, "rt", encoding="utf-8") if str(path).endswith(".gz") else open(path, encoding="utf-8")


def load_history(path: Path) -> pd.DataFrame:
    """customer_id, timestamp, type, amount of every event in a JSON-lines history (feedback has type None).

    One run reads a history for its label horizon, its RFM baseline and its value model: it is parsed once per
    file version and each caller gets its own copy."""
    stat = Path(path).stat()
    return _parsed_history(str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size).copy()


@functools.lru_cache(maxsize=2)
def _parsed_history(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    rows = []
    with open_history(path) as f:
        for line in f:
            if not line.strip():
                continue
            e = json.loads(line)
            rows.append((e.get("customerId"), e.get("timestamp"), e.get("type"), e.get("amount")))
    df = pd.DataFrame(rows, columns=["customer_id", "timestamp", "type", "amount"])
    df = df.dropna(subset=["customer_id", "timestamp"])
    df["timestamp"] = df["timestamp"].astype(np.int64)
    df["customer_id"] = df["customer_id"].astype(str)
    df["amount"] = pd.to_numeric(df["amount"], errors="coerce").fillna(0.0)
    return df


def features(history: pd.DataFrame, rows: pd.DataFrame, purchase_type: str = "purchase") -> pd.DataFrame:
    """The RFM features of each (customer_id, cutoff) row, from the events at or before its cutoff only."""
    keys = rows[["customer_id", "cutoff"]].copy()
    keys["customer_id"] = keys["customer_id"].astype(str)  # numeric ids are read back from the rows as numbers
    keys["cutoff"] = keys["cutoff"].astype(np.int64)
    keys["_order"] = np.arange(len(keys))
    purchases = history[history["type"] == purchase_type].sort_values("timestamp").copy()
    purchases["purchases"] = purchases.groupby("customer_id").cumcount() + 1
    purchases["spend"] = purchases.groupby("customer_id")["amount"].cumsum()
    joined = pd.merge_asof(keys.sort_values("cutoff"),
                           purchases[["customer_id", "timestamp", "purchases", "spend"]].rename(
                               columns={"timestamp": "last_purchase"}),
                           left_on="cutoff", right_on="last_purchase", by="customer_id", direction="backward")
    first = history.groupby("customer_id")["timestamp"].min().rename("first_seen")
    joined = joined.join(first, on="customer_id").sort_values("_order")
    out = pd.DataFrame(index=rows.index)
    out["days_since_last_purchase"] = np.where(joined["last_purchase"].isna(), NO_PURCHASE_DAYS,
                                               (joined["cutoff"] - joined["last_purchase"]) / DAY_MS)
    out["purchases"] = joined["purchases"].fillna(0).to_numpy()
    out["log_spend"] = np.log1p(joined["spend"].fillna(0).clip(lower=0)).to_numpy()
    out["tenure_days"] = ((joined["cutoff"] - joined["first_seen"]).clip(lower=0) / DAY_MS).to_numpy()
    return out.astype(np.float64)


def baseline(fit_x: pd.DataFrame, fit_y: np.ndarray, seed: int):
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000, C=1.0, random_state=seed))
    return model.fit(fit_x[FEATURES].to_numpy(), fit_y)
