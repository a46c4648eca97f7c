#pragma once
// Every element of resources/examples/marketing.yaml against hand-written SQL, on any engine holding the
// sample warehouse (SQLite through sqliteodbc, PostgreSQL through psqlODBC). The expected SQL is plain SQL
// written here, portable except for the month key; the planner's output is only ever the thing under test.
#include <quire/connect/odbc.h>
#include <quire/preview/session.h>
#include <quire/sql/dialect_id.h>

#include <string>
#include <vector>

namespace quire::test::sample {

// What the controls are set to: an inclusive date window and the channels (empty = all).
struct ControlValues {
    std::string start = "2024-01-01", end = "2024-12-31";
    std::vector<std::string> channels;
};

// Plans every element of the session that runs a query with `dialect`, runs it on `connection` and compares
// with the expected SQL for `values` (the caller sets the session's controls to match). Returns the ids of
// the elements checked.
std::vector<std::string> checkEveryElement(connect::Connection& connection, const preview::PreviewSession& session,
                                           sql::DialectId dialect, const ControlValues& values);

// The authored workbook, then non-default controls (date range and list), then the "Paid search only"
// button: every element it re-runs changes, every other element keeps its rows; last, number-range,
// text-match and top-n element filters on the orders table and the elements built on it.
void checkSampleScenarios(connect::Connection& connection, sql::DialectId dialect);

} // namespace quire::test::sample
