"""Command line: `python -m model_export retrain|customers|sentiment|churn|segments|value|suggestions|import-orders|...`
(see the README, "For data scientists")."""
from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
import zoneinfo
from datetime import datetime, timezone
from pathlib import Path

from . import (adaptation, churn_training, fast_sentiment, java, labels, orders, rfm, segments, sentiment,
               suggestions, topics, value)

REPO = java.REPO
DEFAULT_OUT = REPO / "streams-app" / "src" / "main" / "resources" / "models"
DEFAULT_GOLDEN = REPO / "streams-app" / "src" / "test" / "resources" / "golden" / "churn-golden.json"
SEGMENTS_GOLDEN = "segments-golden.json"  # beside the churn golden file
DEFAULT_DATA = REPO.parent / "shared" / "datasets"

# LightGBM 4.6 warns on every predict on an array after a fit on arrays (LightGBM#6798; see pytest.ini)
warnings.filterwarnings("ignore", message="X does not have valid feature names, but LGBM", category=UserWarning)


def _embedder(work: Path):
    """embed(texts, language, tag): the Java encoder's embeddings, files kept in work under the tag."""
    return lambda texts, language, tag: sentiment.embed(texts, language, work, tag)


def _sentiment(args) -> dict:
    data = Path(args.data)
    en_all = sentiment.load_english(data / "reviews-en" / "womens_clothing_reviews.csv")
    zh_all = sentiment.load_chinese(data / "reviews-zh" / "online_shopping_10_cats.csv")
    work = Path(args.work) / "sentiment"
    work.mkdir(parents=True, exist_ok=True)
    # the heads learn from a sample (embedding every row costs minutes and gained nothing: 0.9438 against
    # 0.9435 on the same held-out English rows); the fast models from every row
    samples = [sentiment.sample(ds, args.max_rows, args.seed) for ds in (en_all, zh_all)]
    heads = sentiment.train_heads(samples, Path(args.out), args.seed, args.version, work)
    unlabelled = sentiment.load_unlabelled(Path(args.unlabelled)) if args.unlabelled else None
    rows = {ds.language: sentiment.head_rows(ds, work, args.seed) for ds in samples
            if len((unlabelled or {}).get(ds.language, [])) >= adaptation.MIN_TEXTS}
    fast = fast_sentiment.train([en_all, zh_all], Path(args.out), args.seed, args.version, work,
                                unlabelled=unlabelled, head_rows=rows, embed=_embedder(work))
    cascade = fast_sentiment.choose_cascade([en_all, zh_all], Path(args.out), args.seed, work)
    speed = sentiment.measure_throughput(samples, Path(args.out), seed=args.seed)
    for card in (Path(args.out) / "sentiment" / "en" / "card.json", Path(args.out) / "sentiment" / "zh" / "card.json",
                 Path(args.out) / "sentiment-fast" / "en" / "card.json",
                 Path(args.out) / "sentiment-fast" / "zh" / "card.json"):
        data = json.loads(card.read_text(encoding="utf-8"))
        data["metrics"]["throughput"] = speed  # not part of the checksum: the card is not hashed
        card.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"heads": heads, "fast": fast, "cascade": cascade, "throughput": speed}


def _cross_domain(args) -> dict:
    """The Chinese fast model across domains, unadapted and adapted by co-training with the encoder's head,
    written into the fast card of --out (`metrics.crossDomain`); the card is not hashed, the model unchanged."""
    zh = sentiment.load_chinese(Path(args.data) / "reviews-zh" / "online_shopping_10_cats.csv")
    work = Path(args.work) / "sentiment"
    work.mkdir(parents=True, exist_ok=True)
    out = fast_sentiment.cross_domain(zh, fast_sentiment.CROSS_DOMAIN_HELD_OUT["zh"], args.seed, embed=_embedder(work))
    card_path = Path(args.out) / "sentiment-fast" / "zh" / "card.json"
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card["metrics"]["crossDomain"] = out
    card_path.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def _history_rows(args) -> tuple[Path, Path | None]:
    """The replayed feature rows, and the raw history they came from when known (for the RFM baseline)."""
    if args.rows:
        return Path(args.rows), Path(args.history) if args.history else None
    work = Path(args.work) / "churn"
    work.mkdir(parents=True, exist_ok=True)
    history = Path(args.history) if args.history else work / "history.jsonl"
    if not args.history:
        print(java.simulate_history(history, args.customers, args.days, args.seed).strip())
    rows = work / "rows.csv"
    # replay scores feedback with the sentiment models of --out when it has them, else with the bundled ones
    out = Path(args.out)
    models = out if (out / "sentiment" / "en" / "card.json").exists() else None
    print(java.replay(history, rows, models, args.engine, _horizon(args, history), args.label_activity).strip())
    return rows, history


def _horizon(args, history: Path) -> str:
    """The horizon given, or for a retail label the one the customers' own purchase gaps suggest."""
    if args.horizon:
        return args.horizon
    if args.label_activity != "purchase":
        return "30d"
    suggested = labels.suggest_horizon(rfm.load_history(history))
    print(f"horizon {suggested['horizon']}: {suggested['rule']} (--horizon to choose another)")
    return suggested["horizon"]


def _churn(args, rows_and_history: tuple[Path, Path | None]) -> dict:
    rows, history = rows_and_history
    judge_after = None
    if args.judge_after:
        judge_after = int(datetime.fromisoformat(args.judge_after).replace(tzinfo=timezone.utc).timestamp() * 1000)
    card = churn_training.train(rows, Path(args.out), args.seed, args.version,
                                Path(args.golden) if args.golden else None, history=history, judge_after=judge_after)
    m = card["metrics"]
    return {k: _summary(m[k]) for k in ("validation", "unseenCustomers", "afterHistory") if k in m} | {
        "thresholds": card["thresholds"], "numLeaves": card["booster"]["numLeaves"],
        "trees": card["booster"]["trees"]}


def _segments(args, rows: Path) -> dict:
    golden = Path(args.golden).parent / SEGMENTS_GOLDEN if args.golden else None
    card = segments.train(rows, Path(args.out), args.seed, args.version, golden=golden)
    return card["metrics"] | {"clusters": {c["name"]: c["share"] for c in card["clusters"]}}


def _summary(judged: dict) -> dict:
    """ROC and PR AUC of each scorer with their intervals (the card keeps everything)."""
    boot = judged["bootstrap"]
    return {name: {"rocAuc": v["rocAuc"], "prAuc": v["prAuc"], **boot.get(name, {})}
            for name, v in judged.items() if name != "bootstrap"}


def _import_orders(args) -> dict:
    if not args.orders or not args.map or not args.history:
        raise SystemExit("import-orders needs --orders CSV, --map role=column,... and --history OUT.jsonl")
    try:
        report = orders.convert(Path(args.orders), Path(args.history), orders.parse_mapping(args.map),
                                args.time_zone, args.time_format, args.cancelled_prefix, args.delimiter, args.decimal)
    except (ValueError, OSError, zoneinfo.ZoneInfoNotFoundError) as e:
        # a table or an option the import cannot use: its reason, not a traceback
        raise SystemExit(f"import-orders: {e}") from None
    return vars(report)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m model_export")
    p.add_argument("command", choices=["retrain", "customers", "sentiment", "churn", "segments", "import-orders",
                                       "value", "suggestions", "topics", "label-horizon", "cross-domain"],
                   help="retrain: sentiment, churn, segments and value, from scratch; customers: everything a "
                        "business's own history (--history) teaches, churn, segments, value and suggestions, into "
                        "--out (the sentiment models there stay); sentiment, churn or segments: "
                        "one of them (segments: KMeans on the rows of --rows or of a new replay); "
                        "import-orders: an orders table (CSV) into the event contract, written to --history; "
                        "value: BG/NBD and Gamma-Gamma on --history, judged on a holdout, card in --out; "
                        "suggestions: co-purchase product suggestions from --history, judged by hit rate at 10 "
                        "against popularity; topics: complaint topics in the review sets of --data, against LDA; "
                        "label-horizon: the retail churn horizon the customers' purchase gaps in --history suggest; "
                        "cross-domain: the Chinese fast model on businesses it was not trained on, unadapted and "
                        "adapted to their unlabelled reviews, into the fast card of --out")
    p.add_argument("--out", default=str(DEFAULT_OUT), help="model directory to write (default: the app's bundled models)")
    p.add_argument("--work", default=str(REPO / "model-export" / "work"), help="scratch directory")
    p.add_argument("--data", default=str(DEFAULT_DATA), help="labelled review data sets (sentiment)")
    p.add_argument("--max-rows", type=int, default=6000, help="rows used per language (sentiment)")
    p.add_argument("--unlabelled", help="sentiment: your own feedback without labels (JSON lines of the feedback "
                                        "contract); the fast models and the encoder's heads are adapted to it by co-training")
    p.add_argument("--history", help="your own history (JSON lines, event contract) instead of simulated history")
    p.add_argument("--rows", help="feature rows already written by `insight-tools.jar replay` (skips simulate and "
                                  "replay; give --history too for the RFM baseline)")
    p.add_argument("--customers", type=int, default=4000, help="simulated customers (churn)")
    p.add_argument("--days", type=int, default=240, help="simulated days of history (churn)")
    p.add_argument("--horizon", help="churn horizon after each cutoff (default 30d; with --label-activity purchase, "
                                     "the one the history's purchase gaps suggest, as label-horizon gives it)")
    p.add_argument("--label-activity", default="session", choices=["session", "purchase"])
    p.add_argument("--judge-after", help="churn: a date (ISO, UTC): rows from then on are withheld from training and "
                                         "validation, and the exported model is judged on them")
    p.add_argument("--engine", default="encoder", choices=["encoder", "fast"], help="sentiment engine used in replay")
    p.add_argument("--golden", default=str(DEFAULT_GOLDEN), help="golden file for the Java parity test ('' for none)")
    p.add_argument("--orders", help="import-orders: the orders or invoices table (CSV, one row per order line)")
    p.add_argument("--map", help="import-orders: columns by role, e.g. customer=CustomerID,order=InvoiceNo,"
                                 "time=InvoiceDate,quantity=Quantity,price=UnitPrice,product=StockCode")
    p.add_argument("--time-zone", default="UTC", help="import-orders: zone of times written without an offset")
    p.add_argument("--time-format", help="import-orders: strptime format of the time column (default ISO-8601)")
    p.add_argument("--delimiter", help="import-orders: the column separator (default: the one the header line "
                                       "uses most of , ; tab |)")
    p.add_argument("--decimal", default=".", choices=[".", ","],
                   help="import-orders: the decimal mark of numbers (',' for 12,50; thousands may then be grouped "
                        "with '.', a space or an apostrophe)")
    p.add_argument("--cancelled-prefix", help="import-orders: order ids starting with this are cancelled orders")
    p.add_argument("--holdout", type=int, default=90, help="value: days held out at the end of the history")
    p.add_argument("--suggestion-holdout", type=int, default=30,
                   help="suggestions: days of next purchases each cutoff is judged on")
    p.add_argument("--quantile", type=float, default=0.75, help="label-horizon: quantile of the purchase gaps")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--version", default="1.0.0")
    args = p.parse_args(argv)

    if args.command == "customers":
        if not args.history or args.out == str(DEFAULT_OUT):
            raise SystemExit("customers needs --history (JSON lines of the event contract) and --out DIR (a model "
                             "directory: copy the bundled one first; the bundled models are never overwritten)")
        if args.golden == str(DEFAULT_GOLDEN):
            args.golden = ""  # the golden files pin the bundled models, not a business's own

    started = time.time()
    report: dict = {}
    if args.command == "import-orders":
        report["import"] = _import_orders(args)
    if args.command == "label-horizon":
        if not args.history:
            raise SystemExit("label-horizon needs --history (JSON lines of the event contract)")
        report["labelHorizon"] = labels.suggest_horizon(rfm.load_history(Path(args.history)), args.quantile)
    if args.command == "value":
        if not args.history:
            raise SystemExit("value needs --history (JSON lines of the event contract)")
        report["value"] = value.train(Path(args.history), Path(args.out), args.holdout)["metrics"]
    if args.command in ("retrain", "topics"):
        data = Path(args.data)
        report["topics"] = topics.train(
            [sentiment.load_english(data / "reviews-en" / "womens_clothing_reviews.csv"),
             sentiment.load_chinese(data / "reviews-zh" / "online_shopping_10_cats.csv")],
            Path(args.out), args.seed, args.version, Path(args.work) / "topics")
    if args.command == "suggestions":
        if not args.history:
            raise SystemExit("suggestions needs --history (JSON lines of the event contract)")
        report["suggestions"] = suggestions.train(Path(args.history), Path(args.out), args.suggestion_holdout,
                                                  args.version)["metrics"]["validation"]
    if args.command == "segments":
        report["segments"] = _segments(args, _history_rows(args)[0])
    if args.command in ("retrain", "sentiment"):
        report["sentiment"] = _sentiment(args)
    if args.command == "cross-domain":
        report["crossDomain"] = _cross_domain(args)
    if args.command in ("retrain", "churn", "customers"):
        rows_and_history = _history_rows(args)
        report["churn"] = _churn(args, rows_and_history)
        if args.command != "churn":
            report["segments"] = _segments(args, rows_and_history[0])
        if args.command != "churn" and rows_and_history[1] is not None:
            report["value"] = value.train(rows_and_history[1], Path(args.out), args.holdout)["metrics"]
            report["suggestions"] = suggestions.train(rows_and_history[1], Path(args.out), args.suggestion_holdout,
                                                      args.version)["metrics"]["validation"]
    report["seconds"] = round(time.time() - started, 1)
    Path(args.work).mkdir(parents=True, exist_ok=True)
    (Path(args.work) / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
