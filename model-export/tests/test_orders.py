"""An orders table becomes events of the contract: purchases, cancelled orders and returns keep their meaning."""
import json

import pytest

from model_export import orders

CSV = """InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID
536365,85123A,6,2010-12-01 08:26:00,2.55,17850.0
536365,71053,2,2010-12-01 08:26:00,3.00,17850.0
C536379,D,-1,2010-12-01 09:41:00,27.50,17850.0
536380,22900,4,2010-07-01 10:00:00,1.00,13047.0
536380,22901,-2,2010-07-01 10:00:00,1.50,13047.0
536381,22902,1,2010-12-02 10:00:00,9.99,
"""
MAPPING = "customer=CustomerID,order=InvoiceNo,time=InvoiceDate,quantity=Quantity,price=UnitPrice,product=StockCode"


def test_orders_become_purchases_cancellations_and_returns_in_time_order(tmp_path):
    table = tmp_path / "orders.csv"
    table.write_text(CSV)
    out = tmp_path / "history.jsonl"
    report = orders.convert(table, out, orders.parse_mapping(MAPPING), "Europe/London", "%Y-%m-%d %H:%M:%S", "C")
    events = [json.loads(line) for line in out.read_text().splitlines()]

    assert [e["timestamp"] for e in events] == sorted(e["timestamp"] for e in events)
    purchase = next(e for e in events if e["type"] == "purchase" and e["customerId"] == "17850")
    assert purchase["amount"] == pytest.approx(6 * 2.55 + 2 * 3.00)
    assert purchase["sessionId"] == "order-536365"
    # 08:26 in London in December is 08:26 UTC; in July (summer time) 10:00 is 09:00 UTC
    assert purchase["timestamp"] == 1291191960000 + 2
    july = next(e for e in events if e["customerId"] == "13047" and e["type"] == "add_to_cart")
    assert july["timestamp"] == 1277974800000
    assert sum(1 for e in events if e["type"] == "add_to_cart" and e["customerId"] == "17850") == 2
    # a cancelled invoice is an order cancellation, never a subscription_cancel
    cancel = next(e for e in events if e["type"] == "order_cancel")
    assert cancel["amount"] == pytest.approx(27.50) and cancel["customerId"] == "17850"
    assert not any(e["type"] == "subscription_cancel" for e in events)
    # a negative line in an ordinary order is goods sent back
    ret = next(e for e in events if e["type"] == "return")
    assert ret["amount"] == pytest.approx(3.0) and ret["productId"] == "22901"
    assert report.orders == 3 and report.purchases == 2 and report.cancelled_orders == 1 and report.returns == 1
    assert report.skipped_rows == {"no customer": 1}


def test_a_mapping_without_the_required_roles_is_refused_with_what_is_missing():
    with pytest.raises(ValueError, match="time"):
        orders.parse_mapping("customer=CustomerID,order=InvoiceNo,amount=Total")
    with pytest.raises(ValueError, match="bad mapping"):
        orders.parse_mapping("customer=CustomerID,order=InvoiceNo,time=T,amount=A,colour=Red")


def test_a_number_no_event_may_carry_is_skipped_and_counted_not_written(tmp_path):
    # "NaN" and "inf" read as floats; NaN written into JSON is no JSON, and the app refuses amounts above 1e12
    table = tmp_path / "orders.csv"
    table.write_text("InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
                     "1,2,2011-01-01T10:00:00,NaN,c1\n"
                     "2,inf,2011-01-01T11:00:00,1.0,c1\n"
                     "3,1,2011-01-01T12:00:00,2e12,c1\n"
                     "4,3,2011-01-01T13:00:00,2.5,c1\n")
    out = tmp_path / "history.jsonl"
    report = orders.convert(table, out, orders.parse_mapping(
        "customer=CustomerID,order=InvoiceNo,time=InvoiceDate,quantity=Quantity,price=UnitPrice"))
    lines = out.read_text().splitlines()
    events = [json.loads(line) for line in lines]  # every line is JSON
    assert [e["amount"] for e in events if e["type"] == "purchase"] == [7.5]
    assert report.skipped_rows == {"unreadable time or number": 2, "amount above 1e12": 1}
