"""Co-purchase suggestions learn which products go together, beat popularity on customers they never saw,
and are written so that the app finds products by the Java hash of their ids."""
import json

import numpy as np

from model_export import suggestions

DAY = suggestions.DAY_MS


def tastes_history(path, customers=600, days=150, seed=3):
    """Each customer shops within one of four groups of 25 products; the first products of all are bestsellers."""
    rng = np.random.default_rng(seed)
    with open(path, "w", encoding="utf-8") as f:
        n = 0
        for c in range(customers):
            group = c % 4
            t = rng.uniform(0, 20) * DAY
            while t < days * DAY:
                session = f"s{c}-{n}"
                bestseller = rng.random() < 0.3
                product = f"p{rng.integers(0, 3)}" if bestseller else f"g{group}-{rng.integers(0, 25)}"
                for kind in ("product_view", "add_to_cart"):
                    f.write(json.dumps({"eventId": f"e{n}", "customerId": f"c{c}", "type": kind, "timestamp": int(t),
                                        "sessionId": session, "productId": product}) + "\n")
                    n += 1
                f.write(json.dumps({"eventId": f"e{n}", "customerId": f"c{c}", "type": "purchase",
                                    "timestamp": int(t) + 1, "sessionId": session, "amount": 10.0}) + "\n")
                n += 1
                t += rng.exponential(4) * DAY
    return path


def test_java_hash_is_strings_hashcode():
    assert suggestions.java_hash("p-1") == 109076
    assert suggestions.java_hash("hello") == 99162322
    assert suggestions.java_hash("polygenelubricants") == -2147483648


def test_products_of_one_taste_are_suggested_together_and_beat_popularity(tmp_path):
    history = tastes_history(tmp_path / "h.jsonl")
    card = suggestions.train(history, tmp_path / "models", holdout_days=20, version="t1")
    v = card["metrics"]["validation"]
    assert v["judged"] > 100
    assert v["hitRateAt10"] > v["popularityHitRateAt10"] + 0.2
    assert v["bootstrap95"]["difference"][0] > 0

    seen, bought = suggestions.load(history)
    model = suggestions.Model.fit(bought, suggestions.Settings())
    out = [p for p, _ in model.suggest(["g2-3", "g2-7"], 10)]
    assert sum(p.startswith("g2-") for p in out) >= 8
    assert "g2-3" not in out and "g2-7" not in out


def test_the_card_names_its_table_and_its_examples_are_what_the_model_suggests(tmp_path):
    history = tastes_history(tmp_path / "h.jsonl", customers=200)
    card = suggestions.train(history, tmp_path / "models", holdout_days=20, version="t1")
    table = (tmp_path / "models" / "suggestions" / card["file"]).read_bytes()
    import hashlib
    assert hashlib.sha256(table).hexdigest() == card["sha256"]
    lines = table.decode().splitlines()
    counts = [int(line.split("\t")[1]) for line in lines]
    assert counts == sorted(counts, reverse=True), "popular products first"
    assert card["examples"] and all(len(e["suggestions"]) == 10 for e in card["examples"])
