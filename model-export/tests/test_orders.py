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


def _imported(tmp_path, text: str, mapping: str, *args, **kwargs):
    """The report and the events of a table of `text` imported with `mapping`."""
    table = tmp_path / "orders.csv"
    table.write_text(text, encoding="utf-8")
    out = tmp_path / "history.jsonl"
    report = orders.convert(table, out, orders.parse_mapping(mapping), *args, **kwargs)
    return report, [json.loads(line) for line in out.read_text().splitlines()]


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


def test_a_semicolon_table_with_decimal_commas_reads_as_a_european_spreadsheet_writes_it(tmp_path):
    report, events = _imported(tmp_path, "Bestellung;Kunde;Datum;Summe\n"
                                         "A1;k1;01.12.2010 08:26;12,50\n"
                                         "A2;k1;05.12.2010 09:00;1.234,00\n",
                               "customer=Kunde,order=Bestellung,time=Datum,amount=Summe",
                               "Europe/Berlin", "%d.%m.%Y %H:%M", decimal=",")
    assert [e["amount"] for e in events if e["type"] == "purchase"] == [12.5, 1234.0]
    # 08:26 in Berlin in December is 07:26 UTC
    assert events[0]["timestamp"] == 1291188360000
    assert report.orders == 2 and report.skipped_rows == {}


def test_a_decimal_comma_read_with_a_decimal_point_is_skipped_with_its_reason_never_read_as_hundreds(tmp_path):
    report, events = _imported(tmp_path, "order;customer;time;total\n"
                                         "1;c1;2011-01-01T10:00:00;12,50\n"
                                         "2;c1;2011-01-02T10:00:00;7\n",
                               "customer=customer,order=order,time=time,amount=total")
    assert [e["amount"] for e in events if e["type"] == "purchase"] == [7.0]
    assert report.skipped_rows == {orders.DECIMAL_COMMA: 1}


def test_a_table_of_which_no_row_reads_is_refused_with_the_reasons(tmp_path):
    table = tmp_path / "orders.csv"
    table.write_text("order,customer,time,total\n1,c1,yesterday,3\n2,c1,2011-01-01T10:00:00,abc\n")
    with pytest.raises(ValueError, match="no row of orders.csv could be imported.*unreadable time or number.*2"):
        orders.convert(table, tmp_path / "history.jsonl",
                       orders.parse_mapping("customer=customer,order=order,time=time,amount=total"))


@pytest.mark.parametrize("text, decimal, value", [
    ("12.50", ".", 12.5), ("1,234.50", ".", 1234.5), ("1,234,567", ".", 1234567.0), ("-3", ".", -3.0),
    ("12,50", ",", 12.5), ("1.234,50", ",", 1234.5), ("1 234,50", ",", 1234.5), ("1\u00a0234,5", ",", 1234.5),
    ("1'234,50", ",", 1234.5), ("1.500", ",", 1500.0)])
def test_numbers_read_with_their_decimal_mark_and_grouped_thousands(text, decimal, value):
    assert orders.read_number(text, decimal) == value


@pytest.mark.parametrize("text, decimal", [("12,50", "."), ("1,5", "."), ("1.5", ","), ("12.50", ",")])
def test_a_mark_that_could_be_either_is_refused_not_guessed(text, decimal):
    with pytest.raises(ValueError):
        orders.read_number(text, decimal)


def test_the_command_names_what_it_cannot_use_without_a_traceback(tmp_path, capsys):
    from model_export.__main__ import main
    table = tmp_path / "orders.csv"
    table.write_text("order,customer,time,total\n1,c1,2011-01-01T10:00:00,3\n")
    with pytest.raises(SystemExit, match="import-orders: .*Europe/Lodnon"):
        main(["import-orders", "--orders", str(table), "--map", "customer=customer,order=order,time=time,amount=total",
              "--time-zone", "Europe/Lodnon", "--history", str(tmp_path / "h.jsonl"), "--work", str(tmp_path)])
    with pytest.raises(SystemExit, match="has no column Total .*--delimiter"):
        main(["import-orders", "--orders", str(table), "--map", "customer=customer,order=order,time=time,amount=Total",
              "--history", str(tmp_path / "h.jsonl"), "--work", str(tmp_path)])


def test_an_order_id_two_customers_used_makes_an_order_for_each_not_one_for_the_first(tmp_path):
    # order numbers that restart per store: the same id names two customers' orders
    report, events = _imported(tmp_path, "order,customer,time,total\n"
                                         "1001,c1,2011-01-01T10:00:00,10\n"
                                         "1001,c2,2011-01-01T11:00:00,30\n"
                                         "1002,c1,2011-01-02T10:00:00,5\n",
                               "customer=customer,order=order,time=time,amount=total")
    assert {(e["customerId"], e["amount"]) for e in events if e["type"] == "purchase"} == {
        ("c1", 10.0), ("c2", 30.0), ("c1", 5.0)}
    assert report.orders == 3 and report.shared_order_ids == 1


def test_a_cancelled_column_marks_cancelled_orders_as_a_shop_export_writes_them(tmp_path):
    # a shop's export has no cancelled-id prefix, but a "Cancelled at" time on the lines of a cancelled order
    report, events = _imported(tmp_path, "Name,Email,Created at,Total,Cancelled at\n"
                                         "#1001,a@x.com,2011-01-01T10:00:00,40,\n"
                                         "#1002,a@x.com,2011-01-03T10:00:00,25,2011-01-03T12:00:00\n"
                                         "#1003,b@x.com,2011-01-04T10:00:00,10,no\n",
                               "customer=Email,order=Name,time=Created at,amount=Total,cancelled=Cancelled at")
    assert [(e["sessionId"], e["type"]) for e in events if e["type"] in ("purchase", "order_cancel")] == [
        ("order-#1001", "purchase"), ("order-#1002", "order_cancel"), ("order-#1003", "purchase")]
    assert report.cancelled_orders == 1 and report.purchases == 2


def test_a_history_named_gz_is_written_as_gzip_and_read_back(tmp_path):
    from model_export import rfm
    table = tmp_path / "orders.csv"
    table.write_text("order,customer,time,total\n1,c1,2011-01-01T10:00:00,10\n")
    out = tmp_path / "history.jsonl.gz"
    orders.convert(table, out, orders.parse_mapping("customer=customer,order=order,time=time,amount=total"))
    assert out.read_bytes()[:2] == b"\x1f\x8b"  # gzip's magic
    assert list(rfm.load_history(out)["type"]) == ["add_to_cart", "checkout", "purchase"]
