"""What churn means for a business, and how long to wait before calling a customer gone.

- retail (`replay --label-activity purchase`): churned = no purchase within the horizon after the cutoff. The
  horizon comes from the data: the customers' own gaps between purchase days, at a quantile (0.75 by
  default), rounded up to whole weeks, so that most loyal customers buy again within it.
- subscription (`--label-activity session`, the default): churned = a `subscription_cancel`, or no session at
  all, within the horizon after the cutoff.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

DAY_MS = 86_400_000
DEFINITIONS = {
    "purchase": "retail: churned = no purchase within the horizon after the cutoff",
    "session": "subscription: churned = a subscription_cancel, or no session, within the horizon after the cutoff",
}


def purchase_gaps(history: pd.DataFrame, purchase_type: str = "purchase") -> np.ndarray:
    """Days between a customer's consecutive purchase days, for every customer who bought on two days or more."""
    buys = history.loc[history["type"] == purchase_type, ["customer_id", "timestamp"]].copy()
    buys["day"] = buys["timestamp"] // DAY_MS
    days = buys[["customer_id", "day"]].drop_duplicates().sort_values(["customer_id", "day"])
    return days.groupby("customer_id")["day"].diff().dropna().to_numpy()


def suggest_horizon(history: pd.DataFrame, quantile: float = 0.75) -> dict:
    gaps = purchase_gaps(history)
    if len(gaps) == 0:
        raise ValueError("no customer bought on two different days: the history cannot suggest a horizon")
    days = 7 * math.ceil(float(np.quantile(gaps, quantile)) / 7)
    return {"horizon": f"{days}d", "quantile": quantile, "gaps": int(len(gaps)),
            "gapDays": {f"p{int(q * 100)}": round(float(np.quantile(gaps, q)), 1) for q in (0.5, 0.75, 0.9)},
            "rule": f"the {quantile:.0%} quantile of the gaps between a customer's purchase days, in whole weeks"}
