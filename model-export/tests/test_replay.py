"""`replay` counts what the app counts: a record delivered twice (the same id) counts once in training rows."""
import json

from model_export import churn, java

DAY = churn.DAY_MS
T0 = 1_767_225_600_000  # 2026-01-01


def test_a_purchase_delivered_twice_counts_once(tmp_path):
    history = tmp_path / "history.jsonl"
    events = [{"eventId": f"v{d}", "customerId": "d1", "type": "page_view", "timestamp": T0 + d * DAY,
               "sessionId": f"s{d}"} for d in range(80)]
    purchase = {"eventId": "p1", "customerId": "d1", "type": "purchase", "timestamp": T0 + 40 * DAY + 1000,
                "sessionId": "s40", "amount": 100}
    other = dict(purchase, eventId="p2", timestamp=T0 + 41 * DAY + 1000, sessionId="s41")
    events += [purchase, dict(purchase), other]  # p1 redelivered; p2 another purchase
    history.write_text("".join(json.dumps(e) + "\n" for e in sorted(events, key=lambda e: e["timestamp"])))
    rows = tmp_path / "rows.csv"
    java.replay(history, rows, engine="fast")
    df, _ = churn.load_rows(rows)
    after = df[df["cutoff"] > T0 + 42 * DAY].sort_values("cutoff").iloc[0]
    assert after["purchases_30d"] == 2
    assert after["spend_30d"] == 200
