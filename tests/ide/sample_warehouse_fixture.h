#pragma once
// The embedded sample warehouse, generated small (5,000 events) into a fresh directory, and a connections
// file that maps the sample's connectionId to it: the fixture of the IDE tests that preview marketing.yaml.
#include <quire/connect/connection_registry.h>
#include <quire/connect/odbc.h>
#include <quire/connect/sample_warehouse.h>
#include <quire/doc/io.h>
#include <test_support.h>

#include <string>

namespace quire::test {

struct SampleWarehouse {
    std::string dir = makeTempDir("ide-preview");
    std::string db = dir + "/marketing.db";
    std::string connections = dir + "/connections.json";
    // maxConnections: the profile's pool limit (0 = the profile default).
    explicit SampleWarehouse(int maxConnections = 0) {
        connect::SampleOptions small;
        small.eventRows = 5000;
        connect::generateSqlite(db, small);
        Json profile = {{"type", "sqlite"}, {"connectionId", connect::kSampleConnectionId}, {"database", db}};
        if (maxConnections > 0) profile["maxConnections"] = maxConnections;
        Json file = {{"version", 1}, {"connections", {{"test-sample", profile}}}};
        doc::writeFileAtomically(connections, file.dump(2));
    }
    long long scalar(const std::string& sql) const {
        auto result = connect::query("Driver=SQLite3;Database=" + db + ";", sql);
        return std::get<std::int64_t>(result.value(0, 0));
    }
};

} // namespace quire::test
