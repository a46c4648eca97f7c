// Fetch throughput of the ODBC layer: the whole result of QUIRE_BENCH_SQL (1M rows x 6 columns of user_events)
// from PostgreSQL. scripts/bench-connect.sh runs it next to psql \copy and prints the ratios.
//
// BM_FetchAll: Quire as a user gets it: the connection string a `postgresql` profile builds (QUIRE_PG_HOST,
//   _PORT, _DATABASE, _USER, _PASSWORD), block cursors into columnar ResultBatches. With only QUIRE_PG_CONNSTR
//   set, that string is used as is.
// BM_RawOdbc/reference: the fastest plain C loop found over the same driver (see kReference), the yardstick for
//   Quire's own overhead. BM_RawOdbc/<variant> (QUIRE_BENCH_RAW_VARIANTS=1) are the other loops tried: C types,
//   rowset size, execute path and psqlODBC options; docs/performance.md has their figures.
#include <quire/connect/connection_profile.h>
#include <quire/connect/odbc.h>

#include <benchmark/benchmark.h>

#include <sql.h>
#include <sqlext.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace {
std::string env(const char* name, const char* fallback = "") {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

const std::string& benchSql() {
    static const std::string sql =
        env("QUIRE_BENCH_SQL", "SELECT event_id, session_id, user_id, event_time, event_type, page FROM user_events");
    return sql;
}

std::string quireConnectionString() {
    if (env("QUIRE_PG_HOST").empty()) return env("QUIRE_PG_CONNSTR");
    quire::connect::ConnectionProfile profile;
    profile.name = "bench";
    profile.kind = quire::connect::WarehouseKind::PostgreSQL;
    profile.fields = {{"host", env("QUIRE_PG_HOST")}, {"port", env("QUIRE_PG_PORT")},
                      {"database", env("QUIRE_PG_DATABASE")}, {"user", env("QUIRE_PG_USER")}};
    auto cs = quire::connect::buildConnectionString(profile, {{"password", env("QUIRE_PG_PASSWORD")}});
    if (!cs) throw std::runtime_error(cs.message());
    return *cs;
}

void BM_FetchAll(benchmark::State& state) {
    const std::string cs = quireConnectionString();
    if (cs.empty()) {
        state.SkipWithError("set QUIRE_PG_HOST... or QUIRE_PG_CONNSTR (scripts/bench-connect.sh does)");
        return;
    }
    auto connection = quire::connect::Connection::open(cs);
    quire::connect::ExecuteOptions options;
    if (auto rows = env("QUIRE_BENCH_BATCH_ROWS"); !rows.empty()) options.batchRows = std::stoul(rows);
    std::size_t rows = 0;
    for (auto _ : state) {
        rows = 0;
        auto st = connection->createStatement();
        st->execute(benchSql(), {}, options);
        st->forEachBatch([&](const quire::connect::ResultBatch& b) {
            rows += b.rowCount();
            benchmark::DoNotOptimize(b.column(0).int64At(0));
            return true;
        });
    }
    state.counters["rows"] = static_cast<double>(rows);
    state.SetItemsProcessed(static_cast<std::int64_t>(rows) * state.iterations());
}
// One fetch per repetition; scripts/bench-connect.sh runs repetitions interleaved and takes the best of each.
BENCHMARK(BM_FetchAll)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// ---- the raw reference loop ----

enum class CTypes {
    Native,    // SQL_C_SBIGINT, SQL_C_TYPE_TIMESTAMP..., text as SQL_C_CHAR
    Char,      // SQL_C_CHAR for every column
    IntsChar,  // integers as SQL_C_CHAR (no strtoll in the driver), the rest native
};

struct RawVariant {
    const char* name;
    CTypes types;
    SQLULEN rowset;        // SQL_ATTR_ROW_ARRAY_SIZE
    bool prepare;          // SQLPrepare + SQLExecute instead of SQLExecDirect
    const char* options;   // appended to QUIRE_PG_CONNSTR
};

void ok(SQLRETURN rc, SQLSMALLINT type, SQLHANDLE h, const char* what) {
    if (SQL_SUCCEEDED(rc) || rc == SQL_NO_DATA) return;
    SQLCHAR state[6] = {0}, msg[512] = {0};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    SQLGetDiagRec(type, h, 1, state, &native, msg, sizeof msg, &len);
    throw std::runtime_error(std::string(what) + ": " + reinterpret_cast<char*>(state) + " " + reinterpret_cast<char*>(msg));
}

struct RawColumn {
    SQLSMALLINT cType;
    SQLLEN width;
    std::vector<char> data;
    std::vector<SQLLEN> ind;
};

// One full fetch of the query; returns the row count and adds every value into *checksum so no read is skipped.
std::size_t rawFetch(SQLHDBC dbc, const RawVariant& v, std::uint64_t* checksum) {
    SQLHSTMT st = SQL_NULL_HSTMT;
    ok(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st), SQL_HANDLE_DBC, dbc, "alloc stmt");
    auto* sql = reinterpret_cast<SQLCHAR*>(const_cast<char*>(benchSql().c_str()));
    SQLULEN fetched = 0;
    SQLSetStmtAttr(st, SQL_ATTR_ROW_BIND_TYPE, reinterpret_cast<SQLPOINTER>(SQL_BIND_BY_COLUMN), 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(v.rowset), 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0);
    if (v.prepare) {
        ok(SQLPrepare(st, sql, SQL_NTS), SQL_HANDLE_STMT, st, "prepare");
        ok(SQLExecute(st), SQL_HANDLE_STMT, st, "execute");
    } else {
        ok(SQLExecDirect(st, sql, SQL_NTS), SQL_HANDLE_STMT, st, "execute");
    }
    SQLSMALLINT ncols = 0;
    SQLNumResultCols(st, &ncols);
    std::vector<RawColumn> cols(static_cast<std::size_t>(ncols));
    for (SQLUSMALLINT c = 1; c <= ncols; ++c) {
        SQLCHAR name[256];
        SQLSMALLINT nameLen = 0, type = 0, scale = 0, nullable = 0;
        SQLULEN size = 0;
        ok(SQLDescribeCol(st, c, name, sizeof name, &nameLen, &type, &size, &scale, &nullable), SQL_HANDLE_STMT, st, "describe");
        RawColumn& col = cols[c - 1];
        col.cType = SQL_C_CHAR;
        col.width = static_cast<SQLLEN>(size > 0 && size < 8000 ? size * 4 + 1 : 256);
        const bool integer = type == SQL_BIGINT || type == SQL_INTEGER || type == SQL_SMALLINT;
        if (integer && v.types == CTypes::IntsChar) col.width = 24;
        if (v.types == CTypes::Native || (v.types == CTypes::IntsChar && !integer)) {
            switch (type) {
            case SQL_BIGINT: case SQL_INTEGER: case SQL_SMALLINT: col.cType = SQL_C_SBIGINT; col.width = 8; break;
            case SQL_DOUBLE: case SQL_FLOAT: case SQL_REAL: col.cType = SQL_C_DOUBLE; col.width = 8; break;
            case SQL_TYPE_TIMESTAMP: col.cType = SQL_C_TYPE_TIMESTAMP; col.width = sizeof(SQL_TIMESTAMP_STRUCT); break;
            case SQL_TYPE_DATE: col.cType = SQL_C_TYPE_DATE; col.width = sizeof(SQL_DATE_STRUCT); break;
            default: break;
            }
        }
        col.data.resize(static_cast<std::size_t>(col.width) * v.rowset);
        col.ind.resize(v.rowset);
        ok(SQLBindCol(st, c, col.cType, col.data.data(), col.width, col.ind.data()), SQL_HANDLE_STMT, st, "bind");
    }
    std::size_t rows = 0;
    std::uint64_t sum = 0;
    for (;;) {
        SQLRETURN rc = SQLFetchScroll(st, SQL_FETCH_NEXT, 0);
        if (rc == SQL_NO_DATA) break;
        ok(rc, SQL_HANDLE_STMT, st, "fetch");
        for (const RawColumn& col : cols)
            for (SQLULEN r = 0; r < fetched; ++r) {
                const SQLLEN ind = col.ind[r];
                if (ind == SQL_NULL_DATA) continue;
                if (col.cType == SQL_C_SBIGINT) {
                    std::int64_t x;
                    std::memcpy(&x, col.data.data() + r * 8, 8);
                    sum += static_cast<std::uint64_t>(x);
                } else {
                    sum += static_cast<std::uint64_t>(ind) + static_cast<unsigned char>(col.data[r * static_cast<std::size_t>(col.width)]);
                }
            }
        rows += fetched;
    }
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    *checksum += sum;
    return rows;
}

void rawBenchmark(benchmark::State& state, RawVariant v) {
    std::string cs = env("QUIRE_PG_CONNSTR");
    if (cs.empty()) {
        state.SkipWithError("set QUIRE_PG_CONNSTR (scripts/bench-connect.sh does)");
        return;
    }
    SQLHENV envh = SQL_NULL_HENV;
    SQLHDBC dbc = SQL_NULL_HDBC;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &envh);
    SQLSetEnvAttr(envh, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    SQLAllocHandle(SQL_HANDLE_DBC, envh, &dbc);
    if (cs.back() != ';') cs += ';';
    cs += v.options;
    std::size_t rows = 0;
    std::uint64_t checksum = 0;
    try {
        ok(SQLDriverConnect(dbc, nullptr, reinterpret_cast<SQLCHAR*>(cs.data()), SQL_NTS, nullptr, 0, nullptr,
                            SQL_DRIVER_NOPROMPT),
           SQL_HANDLE_DBC, dbc, "connect");
        for (auto _ : state) rows = rawFetch(dbc, v, &checksum);
        SQLDisconnect(dbc);
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
    benchmark::DoNotOptimize(checksum);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, envh);
    state.counters["rows"] = static_cast<double>(rows);
    state.SetItemsProcessed(static_cast<std::int64_t>(rows) * state.iterations());
}

// The fastest loop measured (docs/performance.md, "ODBC fetch profile"): native C types, 1024-row rowsets,
// SQLExecDirect, and psqlODBC reading the result through a server cursor 10,000 rows at a time.
constexpr RawVariant kReference = {"reference", CTypes::Native, 1024, false, "UseDeclareFetch=1;Fetch=10000;"};

// name: C types/rowset/execute path/psqlODBC options
constexpr RawVariant kVariants[] = {
    {"native/1024/direct/default", CTypes::Native, 1024, false, ""},
    {"char/1024/direct/default", CTypes::Char, 1024, false, ""},
    {"native/10000/direct/default", CTypes::Native, 10000, false, ""},
    {"native/1024/prepare/default", CTypes::Native, 1024, true, ""},
    {"native/1024/direct/UseServerSidePrepare=0", CTypes::Native, 1024, false, "UseServerSidePrepare=0;"},
    {"native/1024/direct/Fetch=1024", CTypes::Native, 1024, false, "UseDeclareFetch=1;Fetch=1024;"},
    {"native/1024/direct/Fetch=100000", CTypes::Native, 1024, false, "UseDeclareFetch=1;Fetch=100000;"},
    {"native/10000/direct/Fetch=10000", CTypes::Native, 10000, false, "UseDeclareFetch=1;Fetch=10000;"},
    {"native/1024/prepare/Fetch=10000", CTypes::Native, 1024, true, "UseDeclareFetch=1;Fetch=10000;"},
    {"char/1024/direct/Fetch=10000", CTypes::Char, 1024, false, "UseDeclareFetch=1;Fetch=10000;"},
    {"intschar/1024/direct/Fetch=10000", CTypes::IntsChar, 1024, false, "UseDeclareFetch=1;Fetch=10000;"},
};

void registerRaw(const RawVariant& v) {
    benchmark::RegisterBenchmark((std::string("BM_RawOdbc/") + v.name).c_str(), rawBenchmark, v)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(1);
}

[[maybe_unused]] const bool kRegistered = [] {
    registerRaw(kReference);
    if (!env("QUIRE_BENCH_RAW_VARIANTS").empty())
        for (const RawVariant& v : kVariants) registerRaw(v);
    return true;
}();
} // namespace

BENCHMARK_MAIN();
