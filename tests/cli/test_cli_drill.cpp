// `quire preview --control` on a drill control (docs/cli.md): the level, then the values picked on the outer
// levels, re-plan the drilled chart of the gallery's Drill-down page; the rows equal plain SQL over the sample.
#include "cli_run.h"

#include <catch2/catch.hpp>
#include <quire/core/json.h>
#include <sqlite3.h>
#include <test_support.h>

#include <map>

using namespace quire::test::cli;
using quire::Json;

namespace {

using Totals = std::map<std::string, long long>;

Totals sqliteTotals(const std::string& database, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    Totals out;
    while (sqlite3_step(st) == SQLITE_ROW) out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

Totals previewTotals(const Run& r, const std::string& key) {
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    Totals out;
    for (const auto& row : Json::parse(r.out)) {
        REQUIRE(row.contains(key));
        out[row[key].get<std::string>()] += row["Sessions"].get<long long>();
    }
    return out;
}

} // namespace

TEST_CASE("quire preview sets a drill control's level and drill path", "[cli][e2e][drill]") {
    Sandbox box("cli-drill");
    box.generateSample(3000);
    const std::string db = box.sampleDatabase();
    const std::string base = "preview " + shellQuote(quire::test::sourceDir() + "/resources/examples/gallery.yaml") +
                             " --element drill-bars --format json";
    const std::string from = " FROM sessions s JOIN channels c ON c.channel_id = s.channel_id ";

    // As authored (value null): one bar per channel type.
    const Totals types = sqliteTotals(db, "SELECT c.channel_type, count(*)" + from + "GROUP BY 1");
    REQUIRE(types.size() > 2);
    CHECK(previewTotals(box.run(base), "Channel Type") == types);

    // The channel level: every channel.
    const Run channels = box.run(base + " --control sessions-drill=dl-channel");
    CHECK(previewTotals(channels, "Channel") == sqliteTotals(db, "SELECT c.channel_name, count(*)" + from + "GROUP BY 1"));
    CHECK_THAT(channels.out, !Catch::Contains("Channel Type"));

    // The channel level under "paid", then the devices of Paid Search (what two clicks do in the IDE).
    const Totals paid = sqliteTotals(db, "SELECT c.channel_name, count(*)" + from + "WHERE c.channel_type = 'paid' GROUP BY 1");
    REQUIRE(paid.size() > 1);
    CHECK(previewTotals(box.run(base + " --control sessions-drill=dl-channel --control sessions-drill=paid"), "Channel") == paid);
    const Run devices = box.run(base + " --control sessions-drill=dl-device --control sessions-drill=paid --control " +
                                shellQuote("sessions-drill=Paid Search") + " --show-sql");
    CHECK(previewTotals(devices, "Device") ==
          sqliteTotals(db, "SELECT s.device, count(*)" + from + "WHERE c.channel_type = 'paid' AND c.channel_name = 'Paid Search' GROUP BY 1"));
    CHECK_THAT(devices.err, !Catch::Contains("'Paid Search'")); // picked values are bound, never spliced

    // Not a level, or more picks than outer levels: clear errors, nothing runs.
    const Run notLevel = box.run(base + " --control sessions-drill=dl-sessions");
    CHECK(notLevel.exitCode == 2);
    CHECK_THAT(notLevel.err, Catch::Contains("'dl-sessions' is not a level of drill control 'sessions-drill'"));
    const Run tooMany = box.run(base + " --control sessions-drill=dl-channel --control sessions-drill=paid --control sessions-drill=x");
    CHECK(tooMany.exitCode == 2);
    CHECK_THAT(tooMany.err, Catch::Contains("at most 1 path value"));
}
