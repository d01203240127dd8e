"""`replay` counts what the app counts: a record delivered twice (the same id) counts once, a rating without text is feedback."""
import json

from model_export import churn, java

DAY = churn.DAY_MS
T0 = 1_767_225_600_000  # 2026-01-01


def _daily_visits(days: int) -> list[dict]:
    return [{"eventId": f"v{d}", "customerId": "d1", "type": "page_view", "timestamp": T0 + d * DAY,
             "sessionId": f"s{d}"} for d in range(days)]


def _first_row_after(tmp_path, events: list[dict], t: int):
    """The replayed training row of the first cutoff after t."""
    history = tmp_path / "history.jsonl"
    history.write_text("".join(json.dumps(e) + "\n" for e in sorted(events, key=lambda e: e["timestamp"])))
    rows = tmp_path / "rows.csv"
    java.replay(history, rows, engine="fast")
    df, _ = churn.load_rows(rows)
    return df[df["cutoff"] > t].sort_values("cutoff").iloc[0]


def test_a_purchase_delivered_twice_counts_once(tmp_path):
    events = _daily_visits(80)
    purchase = {"eventId": "p1", "customerId": "d1", "type": "purchase", "timestamp": T0 + 40 * DAY + 1000,
                "sessionId": "s40", "amount": 100}
    other = dict(purchase, eventId="p2", timestamp=T0 + 41 * DAY + 1000, sessionId="s41")
    events += [purchase, dict(purchase), other]  # p1 redelivered; p2 another purchase
    after = _first_row_after(tmp_path, events, T0 + 42 * DAY)
    assert after["purchases_30d"] == 2
    assert after["spend_30d"] == 200


def test_a_rating_without_text_is_feedback_in_training_rows(tmp_path):
    """A survey's score with no comment counts as the app counts it: a 1-star rating is negative feedback."""
    events = _daily_visits(80)
    events.append({"feedbackId": "f1", "customerId": "d1", "timestamp": T0 + 40 * DAY + 1000,
                   "channel": "survey", "rating": 1})
    after = _first_row_after(tmp_path, events, T0 + 41 * DAY)
    assert after["feedback_30d"] == 1
    assert after["negative_feedback_30d"] == 1
    assert after["sentiment_min_30d"] == -1


def test_a_text_no_model_reads_counts_by_its_rating_or_not_at_all(tmp_path):
    """As the app: a Korean review with a rating is scored by the rating; without one it is left out."""
    events = _daily_visits(80)
    korean = "최악의 서비스입니다. 다시는 구매하지 않겠습니다."
    events.append({"feedbackId": "f1", "customerId": "d1", "timestamp": T0 + 40 * DAY + 1000,
                   "channel": "review", "text": korean, "rating": 1})
    events.append({"feedbackId": "f2", "customerId": "d1", "timestamp": T0 + 40 * DAY + 2000,
                   "channel": "review", "text": korean})
    after = _first_row_after(tmp_path, events, T0 + 41 * DAY)
    assert after["feedback_30d"] == 1
    assert after["sentiment_min_30d"] == -1
    meta = json.loads((tmp_path / "rows.csv.meta.json").read_text())
    assert meta["feedbackInUnsupportedLanguages"] == 1
