#include <quire/connect/result_batch.h>

#include <catch2/catch.hpp>

using namespace quire::connect;

TEST_CASE("civil date conversions", "[connect][batch]") {
    CHECK(daysFromCivil({1970, 1, 1}) == 0);
    CHECK(daysFromCivil({2024, 2, 29}) == 19782);
    CHECK(civilFromDays(19782) == Date{2024, 2, 29});
    CHECK(civilFromDays(-1) == Date{1969, 12, 31});
    CHECK(formatDate(daysFromCivil({1, 1, 1})) == "0001-01-01");
    CHECK(formatTimestamp(0) == "1970-01-01 00:00:00");
    CHECK(formatTimestamp(1'700'000'000'123'456) == "2023-11-14 22:13:20.123456");
    CHECK(formatTimestamp(-1) == "1969-12-31 23:59:59.999999");
}

TEST_CASE("columns keep values, nulls and text offsets", "[connect][batch]") {
    auto info = [](const char* name, ColumnType type) {
        ColumnInfo c;
        c.name = name;
        c.type = type;
        return c;
    };
    ResultBatch b({info("i", ColumnType::Int64), info("t", ColumnType::Text), info("d", ColumnType::Decimal)});
    for (int r = 0; r < 130; ++r) {
        if (r % 3 == 0) b.column(0).appendNull(); else b.column(0).appendInt64(r);
        if (r % 5 == 0) b.column(1).appendNull(); else b.column(1).appendText(std::string("v").append(std::to_string(r)));
        b.column(2).appendDecimal("12.50");
    }
    CHECK(b.rowCount() == 130);
    CHECK(b.column(0).isNull(129));
    CHECK(b.column(0).int64At(128) == 128);
    CHECK(b.column(1).isNull(125));
    CHECK(b.column(1).textAt(127) == "v127");
    CHECK(b.column(2).doubleAt(3) == 12.5);
    CHECK(b.value(1, 1) == Value{std::string("v1")});
    CHECK(b.value(0, 0) == Value{std::monostate{}});
}
