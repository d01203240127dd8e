"""RFM features are point in time: from everything before each cutoff, nothing after."""
import json

import numpy as np
import pandas as pd
import pytest

from model_export import labels, rfm

DAY = rfm.DAY_MS


def test_rfm_features_count_the_whole_history_before_each_cutoff_and_nothing_after(tmp_path):
    events = [
        {"customerId": "a", "type": "page_view", "timestamp": 0},
        {"customerId": "a", "type": "purchase", "timestamp": 1 * DAY, "amount": 10.0},
        {"customerId": "a", "type": "purchase", "timestamp": 5 * DAY, "amount": 30.0},
        {"customerId": "a", "type": "purchase", "timestamp": 20 * DAY, "amount": 99.0},  # after the first cutoff
        {"customerId": "17", "type": "login", "timestamp": 2 * DAY},
        {"customerId": "17", "feedbackId": "f1", "timestamp": 3 * DAY, "text": "meh"},
    ]
    history = tmp_path / "history.jsonl"
    history.write_text("\n".join(json.dumps(e) for e in events) + "\n")
    # ids that look like numbers come back from the rows file as numbers
    rows = pd.DataFrame({"customer_id": ["a", 17, "a"], "cutoff": [10 * DAY, 10 * DAY, 400 * DAY]})

    f = rfm.features(rfm.load_history(history), rows)

    assert f.loc[0].to_dict() == pytest.approx({"days_since_last_purchase": 5.0, "purchases": 2.0,
                                                "log_spend": np.log1p(40.0), "tenure_days": 10.0})
    assert f.loc[1, "purchases"] == 0 and f.loc[1, "days_since_last_purchase"] == rfm.NO_PURCHASE_DAYS
    assert f.loc[1, "tenure_days"] == 8.0
    # a year on, the whole history still counts: RFM does not stop at 30 days
    assert f.loc[2, "purchases"] == 3.0 and f.loc[2, "days_since_last_purchase"] == 380.0


def test_the_horizon_suggested_for_retail_is_a_quantile_of_the_purchase_gaps_in_whole_weeks():
    day = labels.DAY_MS
    rows = []
    for c, gap in enumerate([10, 20, 30, 40]):  # each customer buys three times, `gap` days apart
        rows += [{"customer_id": f"c{c}", "type": "purchase", "timestamp": k * gap * day, "amount": 5.0}
                 for k in range(3)]
    rows.append({"customer_id": "c9", "type": "purchase", "timestamp": 0, "amount": 5.0})  # no gap
    rows.append({"customer_id": "c0", "type": "purchase", "timestamp": 3600_000, "amount": 5.0})  # same day
    out = labels.suggest_horizon(pd.DataFrame(rows), quantile=0.75)
    assert out["gaps"] == 8
    assert out["gapDays"]["p75"] == 32.5
    assert out["horizon"] == "35d"


def test_a_gzipped_history_reads_as_its_lines(tmp_path):
    import gzip
    from model_export import rfm, suggestions
    lines = ('{"eventId":"e1","customerId":"c1","type":"purchase","timestamp":1291191960000,"sessionId":"s",'
             '"amount":12.5,"productId":"p1"}\n')
    plain = tmp_path / "h.jsonl"
    plain.write_text(lines, encoding="utf-8")
    packed = tmp_path / "h.jsonl.gz"
    with gzip.open(packed, "wt", encoding="utf-8") as f:
        f.write(lines)
    assert rfm.load_history(packed).equals(rfm.load_history(plain))
    assert [len(t) for t in suggestions.load(packed)] == [len(t) for t in suggestions.load(plain)] == [1, 1]


def test_a_history_is_parsed_once_per_version_and_each_caller_gets_its_own_copy(tmp_path):
    path = tmp_path / "h.jsonl"
    path.write_text(json.dumps({"customerId": "a", "timestamp": 1, "type": "purchase", "amount": 5}) + "\n")
    first = rfm.load_history(path)
    first.loc[0, "amount"] = 99.0
    hits = rfm._parsed_history.cache_info().hits
    assert rfm.load_history(path).loc[0, "amount"] == 5.0  # a caller's change does not reach the next one
    assert rfm._parsed_history.cache_info().hits == hits + 1  # and the file was not parsed again
    path.write_text(json.dumps({"customerId": "a", "timestamp": 1, "type": "purchase", "amount": 7.5}) + "\n"
                    + json.dumps({"customerId": "b", "timestamp": 2, "type": "purchase", "amount": 1}) + "\n")
    again = rfm.load_history(path)
    assert list(again["amount"]) == [7.5, 1.0]  # the file changed: read again
