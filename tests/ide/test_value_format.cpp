// Cell, label and axis texts of the previews: Sigma's number formats (d3-format) and datetime formats
// (d3-time-format), and format objects from hostile documents that must never throw.
#include "preview_painter.h"

#include <catch2/catch.hpp>

#include <QDate>
#include <QDateTime>

using namespace quire::ide;
using quire::Json;

TEST_CASE("datetime formats follow d3-time-format on dates, timestamps and ISO text", "[ide][format]") {
    const Json month = {{"kind", "datetime"}, {"formatString", "%b %Y"}};
    CHECK(formatPreviewValue(QVariant(QStringLiteral("2024-03-01 00:00:00")), &month) == "Mar 2024");
    CHECK(formatPreviewValue(QVariant(QDate(2024, 12, 5)), &month) == "Dec 2024");
    const Json full = {{"kind", "datetime"}, {"formatString", "%A %e %B %y, %I:%M %p (Q%q, day %j) %%"}};
    CHECK(formatPreviewValue(QVariant(QDateTime(QDate(2024, 2, 9), QTime(15, 7, 0))), &full) ==
          "Friday 9 February 24, 03:07 PM (Q1, day 040) %");
    const Json iso = {{"kind", "datetime"}, {"formatString", "%Y-%m-%d %H:%M:%S"}};
    CHECK(formatPreviewValue(QVariant(QStringLiteral("2024-07-04T08:09:10")), &iso) == "2024-07-04 08:09:10");
    // Text that is not a date keeps its text; an unknown directive is written as it stands.
    CHECK(formatPreviewValue(QVariant(QStringLiteral("n/a")), &month) == "n/a");
    const Json odd = {{"kind", "datetime"}, {"formatString", "%Y %Z"}};
    CHECK(formatPreviewValue(QVariant(QDate(2024, 1, 1)), &odd) == "2024 %Z");
}

TEST_CASE("number formats and malformed format objects", "[ide][format]") {
    const Json money = {{"kind", "number"}, {"formatString", "$,.2f"}};
    CHECK(formatPreviewValue(QVariant(1234567.891), &money) == "$1,234,567.89");
    const Json percent = {{"kind", "number"}, {"formatString", ".1%"}};
    CHECK(formatPreviewValue(QVariant(0.054036), &percent) == "5.4%");
    // Wrong types where strings belong: formatted as if there were no format, never an exception.
    const Json badKind = {{"kind", 5}, {"formatString", "$,.2f"}};
    CHECK(formatPreviewValue(QVariant(12.5), &badKind) == "12.50");
    const Json badSpec = {{"kind", "datetime"}, {"formatString", Json::array({1, 2})}};
    CHECK(formatPreviewValue(QVariant(QDate(2024, 1, 1)), &badSpec) == "2024-01-01");
    const Json notObject = Json::array();
    CHECK(formatPreviewValue(QVariant(7), &notObject) == "7");
}
