#pragma once
// Small hand-made tables for the join/union/control-formula preview tests, loaded into SQLite (schema `main`)
// or PostgreSQL (schema `quire_pc`), and a workbook over them. Every expected value in the tests is worked
// out by hand from these rows or by plain SQL written in the test.
#include <quire/connect/odbc.h>
#include <quire/core/json.h>
#include <quire/preview/connect_params.h>
#include <quire/preview/planner.h>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace quire::preview::test {

// orders: (1, 10, West, 100) (2, 10, East, 50) (3, 20, West, 70) (4, 30, North, 20) (5, NULL, East, 5)
// customers (id, `nm "q" '; --`, seg): (10, Ann, Gold) (20, "Bob'; DROP TABLE orders; --", Silver) (40, Dee, Gold)
//   (NULL, Nobody, x)
// targets (customer_id, region, target): (10, West, 90) (10, East, 60) (20, East, 1)
// sales_a (id, region, amount): (1, West, 10) (2, East, 20);  sales_b (id, amount, channel): (3, 30, Web)
inline void loadCombineData(connect::Connection& c, const std::string& schema, bool createSchema) {
    if (createSchema) {
        c.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        c.execute("CREATE SCHEMA " + schema);
    }
    const std::string s = schema + ".";
    for (const char* t : {"orders", "customers", "targets", "sales_a", "sales_b"}) c.execute("DROP TABLE IF EXISTS " + s + t);
    c.execute("CREATE TABLE " + s + "orders (order_id INTEGER, customer_id INTEGER, region VARCHAR(20), amount INTEGER)");
    c.execute("INSERT INTO " + s + "orders VALUES (1, 10, 'West', 100), (2, 10, 'East', 50), (3, 20, 'West', 70), "
              "(4, 30, 'North', 20), (5, NULL, 'East', 5)");
    c.execute("CREATE TABLE " + s + "customers (customer_id INTEGER, \"nm \"\"q\"\" '; --\" VARCHAR(60), seg VARCHAR(20))");
    c.execute("INSERT INTO " + s + "customers VALUES (10, 'Ann', 'Gold'), (20, 'Bob''; DROP TABLE orders; --', 'Silver'), "
              "(40, 'Dee', 'Gold'), (NULL, 'Nobody', 'x')");
    c.execute("CREATE TABLE " + s + "targets (customer_id INTEGER, region VARCHAR(20), target INTEGER)");
    c.execute("INSERT INTO " + s + "targets VALUES (10, 'West', 90), (10, 'East', 60), (20, 'East', 1)");
    c.execute("CREATE TABLE " + s + "sales_a (id INTEGER, region VARCHAR(20), amount INTEGER)");
    c.execute("INSERT INTO " + s + "sales_a VALUES (1, 'West', 10), (2, 'East', 20)");
    c.execute("CREATE TABLE " + s + "sales_b (id INTEGER, amount INTEGER, channel VARCHAR(20))");
    c.execute("INSERT INTO " + s + "sales_b VALUES (3, 30, 'Web')");
}

// The workbook: `SCHEMA` in paths is replaced by the schema name.
inline Json combineWorkbook(const std::string& schema) {
    std::string text = R"JSON({"pages": [{"id": "p1"}], "layout": "", "elements": [
  {"id": "gold", "kind": "table", "name": "Gold 'customers'", "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["SCHEMA", "customers"]},
   "columns": [{"id": "g-id", "name": "Id", "formula": "[customers/customer_id]"},
               {"id": "g-name", "name": "Name", "formula": "[customers/nm \"q\" '; --]"},
               {"id": "g-seg", "name": "Segment", "formula": "[customers/seg]"}],
   "filters": [{"id": "f-gold", "columnId": "g-seg", "kind": "list", "mode": "include", "values": ["Gold"]}]},
  {"id": "left-join", "kind": "table", "name": "Orders and customers",
   "source": {"kind": "join", "name": "Orders",
     "primarySource": {"kind": "warehouse-table", "connectionId": "c", "path": ["SCHEMA", "orders"]},
     "joins": [{"name": "Cust \"q\" '", "joinType": "left-outer",
       "left": {"kind": "warehouse-table", "connectionId": "c", "path": ["SCHEMA", "orders"]},
       "right": {"kind": "warehouse-table", "connectionId": "c", "path": ["SCHEMA", "customers"]},
       "columns": [{"left": "[customer_id]", "right": "[customer_id]"}]}]},
   "columns": [{"id": "lj-order", "name": "Order", "formula": "[Orders/order_id]"},
               {"id": "lj-cust", "name": "Customer", "formula": "[Cust \"q\" '/customer_id]"},
               {"id": "lj-name", "name": "Name", "formula": "[Cust \"q\" '/nm \"q\" '; --]"},
               {"id": "lj-amt", "name": "Amount", "formula": "[Orders/amount]"}],
   "sort": [{"columnId": "lj-order", "direction": "ascending"}, {"columnId": "lj-cust", "direction": "ascending"}]},
  {"id": "multi-key", "kind": "table", "name": "Against target",
   "source": {"kind": "join",
     "joins": [{"left": {"kind": "warehouse-table", "connectionId": "c", "path": ["SCHEMA", "orders"]},
       "right": {"kind": "warehouse-table", "connectionId": "c", "path": ["SCHEMA", "targets"]},
       "columns": [{"left": "[customer_id]", "right": "[customer_id]"}, {"left": "[region]", "right": "[region]", "op": "="}]}]},
   "columns": [{"id": "mk-order", "name": "Order", "formula": "[orders/order_id]"},
               {"id": "mk-gap", "name": "Gap", "formula": "[targets/target] - [orders/amount]"}],
   "sort": [{"columnId": "mk-order", "direction": "ascending"}]},
  {"id": "gold-orders", "kind": "bar-chart", "name": "Gold orders by region",
   "source": {"kind": "join", "name": "Orders",
     "primarySource": {"kind": "warehouse-table", "connectionId": "c", "path": ["SCHEMA", "orders"]},
     "joins": [{"joinType": "inner", "left": {"kind": "warehouse-table", "connectionId": "c", "path": ["SCHEMA", "orders"]},
       "right": {"kind": "table", "elementId": "gold"}, "columns": [{"left": "[customer_id]", "right": "[Id]"}]}]},
   "xAxis": {"columnId": "go-region"},
   "columns": [{"id": "go-region", "name": "Region", "formula": "[Orders/region]"},
               {"id": "go-total", "name": "Total", "formula": "Sum([Orders/amount])"},
               {"id": "go-names", "name": "Customers", "formula": "CountDistinct([Gold 'customers'/Name])"}]},
  {"id": "all-sales", "kind": "table", "name": "All sales",
   "source": {"kind": "union", "name": "Sales",
     "sources": [{"kind": "warehouse-table", "connectionId": "c", "path": ["SCHEMA", "sales_a"]},
                 {"kind": "warehouse-table", "connectionId": "c", "path": ["SCHEMA", "sales_b"]}],
     "matches": [{"outputColumnName": "Id", "sourceColumns": ["[id]", "[id]"]},
                 {"outputColumnName": "Region", "sourceColumns": ["[region]", null]},
                 {"outputColumnName": "Amount", "sourceColumns": ["[amount]", "[amount]"]},
                 {"outputColumnName": "Channel", "sourceColumns": [null, "[channel]"]}]},
   "columns": [{"id": "s-id", "name": "Id", "formula": "[Sales/Id]"}, {"id": "s-region", "name": "Region", "formula": "[Sales/Region]"},
               {"id": "s-amt", "name": "Amount", "formula": "[Sales/Amount]"}, {"id": "s-ch", "name": "Channel", "formula": "[Sales/Channel]"}],
   "sort": [{"columnId": "s-id", "direction": "ascending"}]},
  {"id": "by-name", "kind": "kpi-chart", "name": "Union by name",
   "source": {"kind": "union", "sources": [{"kind": "table", "elementId": "gold"}, {"kind": "table", "elementId": "left-join"}]},
   "columns": [{"id": "bn-rows", "name": "Rows", "formula": "Count()"},
               {"id": "bn-names", "name": "Names", "formula": "Count([Union of 2 Sources/Name])"},
               {"id": "bn-seg", "name": "Segments", "formula": "Count([Union of 2 Sources/Segment])"},
               {"id": "bn-amt", "name": "Amount", "formula": "Sum([Union of 2 Sources/Amount])"}]},
  {"id": "region-chart", "kind": "bar-chart", "name": "Revenue by region",
   "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["SCHEMA", "orders"]},
   "xAxis": {"columnId": "rc-region"},
   "columns": [{"id": "rc-region", "name": "Region", "formula": "[orders/region]"},
               {"id": "rc-total", "name": "Total", "formula": "Sum([orders/amount] * [fx-rate])"}]},
  {"id": "sql-kpi", "kind": "kpi-chart", "name": "Big orders",
   "source": {"kind": "sql", "connectionId": "c", "statement": "SELECT order_id, amount FROM SCHEMA.orders WHERE amount >= {{min-amount}}"},
   "columns": [{"id": "sk-n", "name": "Orders", "formula": "Count([Custom SQL/order_id])"},
               {"id": "sk-sum", "name": "Sum", "formula": "Sum([Custom SQL/amount])"}]},
  {"id": "flags", "kind": "table", "name": "Flags",
   "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["SCHEMA", "orders"]},
   "columns": [{"id": "fl-order", "name": "Order", "formula": "[orders/order_id]"},
               {"id": "fl-pick", "name": "Picked", "formula": "If([region-pick] = \"All\", \"all\", [orders/region] = [region-pick], \"yes\", \"no\")"},
               {"id": "fl-in", "name": "In list", "formula": "If(In([orders/region], [regions]), 1, 0)"},
               {"id": "fl-eq", "name": "Eq list", "formula": "If([orders/region] = [regions], 1, 0)"},
               {"id": "fl-ne", "name": "Not in list", "formula": "If([orders/region] != [regions], 1, 0)"},
               {"id": "fl-fx", "name": "Converted", "formula": "[orders/amount] * [fx-rate]"},
               {"id": "fl-twice", "name": "Twice", "formula": "[Converted] * 2"}],
   "sort": [{"columnId": "fl-order", "direction": "ascending"}]},
  {"id": "flags-kpi", "kind": "kpi-chart", "name": "Flag total", "source": {"kind": "table", "elementId": "flags"},
   "columns": [{"id": "fk-sum", "name": "Converted total", "formula": "Sum([Flags/Converted]) * [fx-rate]"}]},
  {"id": "wide", "kind": "table", "name": "Wide", "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["SCHEMA", "sales_a"]},
   "columns": [{"id": "w-id", "name": "Id", "formula": "[sales_a/id]"}, {"id": "w-region", "name": "Region", "formula": "[sales_a/region]"},
               {"id": "w-amt", "name": "Amount", "formula": "[sales_a/amount]"}, {"id": "w-dbl", "name": "Double", "formula": "[sales_a/amount] * 2"}]},
  {"id": "long", "kind": "table", "name": "Long",
   "source": {"kind": "transpose", "source": {"kind": "table", "elementId": "wide"}, "direction": "column-to-row",
     "columnsToMerge": ["Amount", "Double"], "columnLabelForMergedColumns": "Metric", "columnLabelForValues": "Value"},
   "columns": [{"id": "l-id", "name": "Id", "formula": "[Transpose of Wide/Id]"}, {"id": "l-region", "name": "Region", "formula": "[Transpose of Wide/Region]"},
               {"id": "l-metric", "name": "Metric", "formula": "[Transpose of Wide/Metric]"}, {"id": "l-value", "name": "Value", "formula": "[Transpose of Wide/Value]"}],
   "sort": [{"columnId": "l-id", "direction": "ascending"}, {"columnId": "l-metric", "direction": "ascending"}]},
  {"id": "flat", "kind": "table", "name": "Flat", "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["SCHEMA", "orders"]},
   "columns": [{"id": "fa-cust", "name": "Customer", "formula": "[orders/customer_id]"}, {"id": "fa-region", "name": "Region", "formula": "[orders/region]"},
               {"id": "fa-amt", "name": "Amount", "formula": "[orders/amount]"}]},
  {"id": "by-region", "kind": "table", "name": "By region",
   "source": {"kind": "transpose", "source": {"kind": "table", "elementId": "flat"}, "direction": "row-to-column",
     "columnToTranspose": "Region", "valueColumn": "Amount", "outputColumns": ["West", "East"], "aggregate": "sum"},
   "columns": [{"id": "br-cust", "name": "Customer", "formula": "[Transpose of Flat/Customer]"},
               {"id": "br-west", "name": "West", "formula": "[Transpose of Flat/West]"}, {"id": "br-east", "name": "East", "formula": "[Transpose of Flat/East]"}]},
  {"id": "ctl-fx", "kind": "control", "controlId": "fx-rate", "controlType": "number", "value": 2},
  {"id": "ctl-min", "kind": "control", "controlId": "min-amount", "controlType": "number", "value": 50},
  {"id": "ctl-pick", "kind": "control", "controlId": "region-pick", "controlType": "text", "mode": "equals", "case": "insensitive",
   "includeNulls": "when-no-value-is-selected", "showOperators": false, "value": "All"},
  {"id": "ctl-regions", "kind": "control", "controlId": "regions", "controlType": "list", "mode": "include", "selectionMode": "multiple",
   "values": ["West", "North"]},
  {"id": "btn-fx", "kind": "button", "text": "Euro", "actions": [{"id": "a-fx", "trigger": "on-click", "effects": [
     {"kind": "set-control-value", "control": "fx-rate", "value": {"type": "constant", "value": {"type": "number", "value": 3}}}]}]}
]})JSON";
    for (std::size_t at; (at = text.find("SCHEMA")) != std::string::npos;) text.replace(at, 6, schema);
    return Json::parse(text);
}

// Rows of a result as text, NULL as "NULL".
inline std::vector<std::vector<std::string>> rowsOf(const connect::ResultSet& r) {
    std::vector<std::vector<std::string>> out;
    for (std::size_t row = 0; row < r.rowCount(); ++row) {
        out.emplace_back();
        for (std::size_t c = 0; c < r.columns.size(); ++c) {
            const auto v = r.value(row, c);
            if (std::holds_alternative<std::monostate>(v)) out.back().push_back("NULL");
            else if (std::holds_alternative<double>(v)) {
                const double d = std::get<double>(v);
                out.back().push_back(d == static_cast<double>(static_cast<long long>(d)) ? std::to_string(static_cast<long long>(d))
                                                                                          : r.toString(row, c));
            } else out.back().push_back(r.toString(row, c));
        }
    }
    return out;
}

using Rows = std::vector<std::vector<std::string>>;

} // namespace quire::preview::test
