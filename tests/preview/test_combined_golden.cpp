// Golden SQL of one join for Snowflake and BigQuery, written out by hand: leg aliases j0/j1, keys ANDed in
// the ON clause, the control value as `?`, identifiers quoted per dialect (hostile output name included).
#include <catch2/catch.hpp>

#include <quire/preview/planner.h>
#include <quire/preview/session.h>
#include <quire/sql/dialect.h>

using namespace quire;
using namespace quire::preview;

namespace {

Json goldenWorkbook() {
    return Json::parse(R"JSON({"pages": [], "layout": "", "elements": [
  {"id": "j", "kind": "table", "name": "J", "source": {"kind": "join", "name": "Orders",
    "primarySource": {"kind": "warehouse-table", "connectionId": "sf", "path": ["DB", "PUBLIC", "ORDERS"]},
    "joins": [{"name": "Cust", "joinType": "left-outer",
      "left": {"kind": "warehouse-table", "connectionId": "sf", "path": ["DB", "PUBLIC", "ORDERS"]},
      "right": {"kind": "warehouse-table", "connectionId": "sf", "path": ["DB", "PUBLIC", "CUSTOMERS"]},
      "columns": [{"left": "[CUSTOMER_ID]", "right": "[ID]"}, {"left": "[REGION]", "right": "[HOME_REGION]"}]}]},
   "columns": [{"id": "o", "name": "Order", "formula": "[Orders/ORDER_ID]"},
               {"id": "n", "name": "Customer's \"name\"", "formula": "[Cust/NAME]"},
               {"id": "a", "name": "Amount", "formula": "[Orders/AMOUNT] * [fx]"}],
   "sort": [{"columnId": "o", "direction": "descending"}]},
  {"id": "ctl", "kind": "control", "controlId": "fx", "controlType": "number", "value": 1.5}
]})JSON");
}

} // namespace

TEST_CASE("golden join SQL for Snowflake and BigQuery", "[preview][join][golden]") {
    PreviewSession session(goldenWorkbook());
    PlanOptions options;
    options.limit = 100;
    auto snowflake = planElement(session, "j", sql::dialect(sql::DialectId::Snowflake), options);
    REQUIRE(snowflake.ok());
    CHECK(snowflake.sql ==
          "SELECT * FROM (SELECT \"j0\".\"ORDER_ID\" AS \"Order\", \"j1\".\"NAME\" AS \"Customer's \"\"name\"\"\", "
          "(\"j0\".\"AMOUNT\" * ?) AS \"Amount\" FROM \"DB\".\"PUBLIC\".\"ORDERS\" \"j0\" LEFT JOIN \"DB\".\"PUBLIC\".\"CUSTOMERS\" \"j1\" "
          "ON \"j0\".\"CUSTOMER_ID\" = \"j1\".\"ID\" AND \"j0\".\"REGION\" = \"j1\".\"HOME_REGION\") q ORDER BY q.\"Order\" DESC LIMIT 100");
    REQUIRE(snowflake.parameters.size() == 1);
    CHECK(snowflake.parameters[0].type == BoundValue::Type::Number);
    CHECK(snowflake.parameters[0].value == 1.5);
    CHECK(snowflake.connectionId == "sf");

    auto bigquery = planElement(session, "j", sql::dialect(sql::DialectId::BigQuery), options);
    REQUIRE(bigquery.ok());
    CHECK(bigquery.sql ==
          "SELECT * FROM (SELECT `j0`.`ORDER_ID` AS `Order`, `j1`.`NAME` AS `Customer's \"name\"`, "
          "(`j0`.`AMOUNT` * ?) AS `Amount` FROM `DB`.`PUBLIC`.`ORDERS` `j0` LEFT JOIN `DB`.`PUBLIC`.`CUSTOMERS` `j1` "
          "ON `j0`.`CUSTOMER_ID` = `j1`.`ID` AND `j0`.`REGION` = `j1`.`HOME_REGION`) q ORDER BY q.`Order` DESC LIMIT 100");
    CHECK(bigquery.parameters.size() == 1);
}
