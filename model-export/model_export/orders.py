"""Turns an orders or invoices table (CSV) into the app's event contract, for `replay` and training.

One row per order line. A column mapping names the table's columns (`--map customer=CustomerID,...`):

    customer   the customer id (required; rows without one are skipped and counted, as are rows whose time or
               number cannot be read, NaN and infinity included, and lines worth more than the contract's 1e12)
    order      the order or invoice id (required)
    time       when the order was placed (required), read with --time-format in --time-zone
    amount     the line's value, or instead
    quantity, price   whose product is the line's value
    product    the product id (optional)
    cancelled  a column marking cancelled orders (optional): anything but empty, 0, false or no, as a
               "Cancelled at" time or a yes/no flag; besides, or instead of, --cancelled-prefix

The table may be comma-, semicolon-, tab- or bar-separated (found from its header line, or --delimiter),
with a decimal point or a decimal comma (--decimal ,; thousands may then be grouped with '.', a space or an
apostrophe). A number that reads only with the other decimal mark is skipped with a reason that says so,
never read a hundred times too large; a table of which no row can be read is refused.

Each order becomes a session `order-<id>`: an `add_to_cart` per line with a positive quantity, a `checkout`
and a `purchase` whose amount is the order's value. An order whose id starts with --cancelled-prefix is a
cancelled order, `order_cancel` with the value it would have had (an order cancellation is not a
`subscription_cancel`); lines with a negative quantity in an ordinary order are goods sent back, a `return`
with the refunded value. Events are written as JSON lines in time order.
"""
from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

ROLES = ("customer", "order", "time", "amount", "quantity", "price", "product", "cancelled")
NOT_MARKED = ("", "0", "false", "no", "n", "f")  # a cancelled column left empty or saying no
MAX_AMOUNT = 1e12  # the event contract's bound on `amount`: above any real order in any currency
DELIMITERS = ",;\t|"
# a number whose thousands are grouped, per decimal mark: 1,234.50 / 1.234,50, 1 234,50, 1'234,50
_GROUPED = {".": re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?"),
            ",": re.compile(r"[+-]?\d{1,3}([. ']\d{3})+(,\d+)?")}
UNREADABLE = "unreadable time or number"
DECIMAL_COMMA = "number with a decimal comma (give --decimal ,)"


@dataclass
class ImportReport:
    orders: int = 0
    purchases: int = 0
    cancelled_orders: int = 0
    returns: int = 0
    events: int = 0
    customers: int = 0
    shared_order_ids: int = 0  # orders beyond the first under an id another customer also used
    skipped_rows: dict = field(default_factory=dict)


def parse_mapping(text: str) -> dict[str, str]:
    mapping = {}
    for part in text.split(","):
        role, _, column = part.partition("=")
        role, column = role.strip(), column.strip()
        if role not in ROLES or not column:
            raise ValueError(f"bad mapping '{part}': expected role=column with a role among {', '.join(ROLES)}")
        mapping[role] = column
    missing = [r for r in ("customer", "order", "time") if r not in mapping]
    if missing:
        raise ValueError(f"the mapping names no column for {', '.join(missing)}")
    if "amount" not in mapping and not {"quantity", "price"} <= mapping.keys():
        raise ValueError("the mapping needs amount, or quantity and price")
    return mapping


def _id(value) -> str:
    """Ids as text; a whole number read as a float (17850.0) loses its '.0'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


def read_number(text: str, decimal: str = ".") -> float:
    """A number as a table writes it, with its decimal mark and thousands grouped or not. A mark that could be
    either ('12,50' read with a decimal point, '1.5' with a decimal comma) is a ValueError, not a guess."""
    t = text.strip().replace("\u00a0", " ")
    if _GROUPED[decimal].fullmatch(t):
        whole, _, fraction = t.partition(decimal)
        t = re.sub(r"[,. ']", "", whole) + ("." + fraction if fraction else "")
    elif ("," if decimal == "." else ".") in t:
        raise ValueError(f"'{decimal}' is the decimal mark")
    return float(t.replace(",", "."))


def sniff_delimiter(csv: Path) -> str:
    """The separator the header line uses most, of comma, semicolon, tab and bar (comma when none)."""
    with open(csv, encoding="utf-8-sig", newline="") as f:
        header = f.readline()
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def convert(csv: Path, out: Path, mapping: dict[str, str], time_zone: str = "UTC",
            time_format: str | None = None, cancelled_prefix: str | None = None, delimiter: str | None = None,
            decimal: str = ".") -> ImportReport:
    if decimal not in _GROUPED:
        raise ValueError(f"decimal mark '{decimal}': expected '.' or ','")
    zone = ZoneInfo(time_zone)
    table = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                        sep=delimiter or sniff_delimiter(csv))
    absent = [c for c in mapping.values() if c not in table.columns]
    if absent:
        raise ValueError(f"{csv.name} has no column {', '.join(absent)} (it has {', '.join(table.columns)};"
                         f" --delimiter if its columns are separated by something else)")
    report = ImportReport()

    def millis(text: str) -> int:
        t = datetime.strptime(text, time_format) if time_format else datetime.fromisoformat(text)
        if t.tzinfo is None:
            t = t.replace(tzinfo=zone)
        return int(t.timestamp() * 1000)

    def skip(reason: str) -> None:
        report.skipped_rows[reason] = report.skipped_rows.get(reason, 0) + 1

    lines: dict[str, list] = {}
    for row in table.to_dict("records"):
        customer = _id(row[mapping["customer"]])
        order = _id(row[mapping["order"]])
        if not customer:
            skip("no customer")
            continue
        if not order:
            skip("no order id")
            continue
        numbers = [row[mapping[r]] for r in (("amount",) if "amount" in mapping else ("quantity", "price"))]
        try:
            at = millis(row[mapping["time"]].strip())
        except ValueError:
            skip(UNREADABLE)
            continue
        try:
            read = [read_number(n, decimal) for n in numbers]
        except ValueError:
            skip(DECIMAL_COMMA if decimal == "." and _reads_with_comma(numbers) else UNREADABLE)
            continue
        quantity, value = (1.0, read[0]) if len(read) == 1 else (read[0], read[0] * read[1])
        if not (math.isfinite(quantity) and math.isfinite(value)):  # "NaN" and "inf" read as floats
            skip(UNREADABLE)
            continue
        if abs(value) > MAX_AMOUNT:
            skip("amount above 1e12")
            continue
        product = _id(row[mapping["product"]]) if "product" in mapping else None
        cancelled = "cancelled" in mapping and row[mapping["cancelled"]].strip().lower() not in NOT_MARKED
        # an order id is one customer's: tables numbered per store or per channel reuse ids across customers
        lines.setdefault((customer, order), []).append((at, customer, quantity, value, product, cancelled))

    events = []
    customers = set()
    report.shared_order_ids = len(lines) - len({order for _, order in lines})
    for (_, order), items in lines.items():
        at = min(i[0] for i in items)
        customer = items[0][1]
        customers.add(customer)
        session = f"order-{order}"
        report.orders += 1
        if (cancelled_prefix and order.startswith(cancelled_prefix)) or any(i[5] for i in items):
            report.cancelled_orders += 1
            events.append(_event(f"{order}-cancel", customer, "order_cancel", at, session,
                                 amount=round(abs(sum(i[3] for i in items)), 2), product=items[0][4]))
            continue
        bought = [i for i in items if i[2] > 0]
        returned = [i for i in items if i[2] < 0]
        for n, (_, _, _, _, product, _) in enumerate(bought):
            events.append(_event(f"{order}-{n}", customer, "add_to_cart", at, session, product=product))
        if bought:
            events.append(_event(f"{order}-checkout", customer, "checkout", at + 1, session))
            events.append(_event(f"{order}-purchase", customer, "purchase", at + 2, session,
                                 amount=round(sum(i[3] for i in bought), 2)))
            report.purchases += 1
        if returned:
            report.returns += 1
            events.append(_event(f"{order}-return", customer, "return", at + 3, session,
                                 amount=round(abs(sum(i[3] for i in returned)), 2), product=returned[0][4]))
    if not events and report.skipped_rows:
        raise ValueError(f"no row of {csv.name} could be imported: {report.skipped_rows}")
    events.sort(key=lambda e: e["timestamp"])
    out.parent.mkdir(parents=True, exist_ok=True)
    # a name ending in .gz is written as gzip, which every reader of histories here reads
    packed = str(out).endswith(".gz")
    with gzip.open(out, "wt", encoding="utf-8") if packed else open(out, "w", encoding="utf-8") as f:
        for e in events:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    report.events = len(events)
    report.customers = len(customers)
    return report


def _reads_with_comma(numbers: list[str]) -> bool:
    try:
        return all(math.isfinite(read_number(n, ",")) for n in numbers)
    except ValueError:
        return False


def _event(event_id: str, customer: str, kind: str, at: int, session: str, amount: float | None = None,
           product: str | None = None) -> dict:
    e = {"eventId": event_id, "customerId": customer, "type": kind, "timestamp": at, "sessionId": session}
    if product:
        e["productId"] = product
    if amount is not None:
        e["amount"] = max(0.0, amount)
    return e
