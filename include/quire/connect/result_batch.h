#pragma once
// Columnar, typed result batches: what a Statement fetches with block cursors and what callers page through.
// One Column per result column; values of a column live in one typed vector plus a null bitmap.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace quire::connect {

enum class ColumnType {
    Int64,     // all integer types
    Double,    // real/float/double
    Decimal,   // numeric/decimal: exact text (decimalText) plus a double approximation
    Text,      // char/varchar/text/long text (UTF-8)
    Date,      // days since 1970-01-01
    Timestamp, // microseconds since 1970-01-01T00:00:00 (no time zone applied)
    Bool,
};
std::string_view columnTypeName(ColumnType type);

struct ColumnInfo {
    std::string name;
    ColumnType type = ColumnType::Text;
    int sqlType = 0;          // the driver's SQL type code (SQL_INTEGER, ...)
    std::string typeName;     // the driver's type name when known ("int8", "TEXT", ...)
    std::uint64_t size = 0;   // column size / precision as reported
    int scale = 0;
    bool nullable = true;
};

struct Date {
    int year = 1970, month = 1, day = 1;
    friend bool operator==(const Date&, const Date&) = default;
};
std::int32_t daysFromCivil(const Date& date);
Date civilFromDays(std::int32_t days);
std::string formatDate(std::int32_t days);                 // YYYY-MM-DD
std::string formatTimestamp(std::int64_t microsSinceEpoch); // YYYY-MM-DD HH:MM:SS[.ffffff]

// A single value, for row-wise access (tests, table output). Date/Timestamp as their integer encodings.
struct DateValue { std::int32_t days; friend bool operator==(const DateValue&, const DateValue&) = default; };
struct TimestampValue { std::int64_t micros; friend bool operator==(const TimestampValue&, const TimestampValue&) = default; };
using Value = std::variant<std::monostate, bool, std::int64_t, double, std::string, DateValue, TimestampValue>;

class Column {
public:
    explicit Column(ColumnInfo info) : info_(std::move(info)) {}
    const ColumnInfo& info() const { return info_; }
    ColumnType type() const { return info_.type; }
    std::size_t size() const { return rows_; }

    bool isNull(std::size_t row) const { return (nulls_[row >> 6] >> (row & 63)) & 1U; }
    std::int64_t int64At(std::size_t row) const { return ints_[row]; }     // Int64, Bool, Date, Timestamp
    double doubleAt(std::size_t row) const { return doubles_[row]; }       // Double, Decimal
    bool boolAt(std::size_t row) const { return ints_[row] != 0; }
    std::string_view textAt(std::size_t row) const {                      // Text, Decimal (exact text)
        return std::string_view(bytes_).substr(offsets_[row], offsets_[row + 1] - offsets_[row]);
    }
    Value valueAt(std::size_t row) const;
    std::string toString(std::size_t row) const; // "" for NULL; dates/timestamps ISO formatted

    // Builders (used by the fetcher and by tests).
    void reserve(std::size_t rows);
    void appendNull();
    void appendInt64(std::int64_t value);
    void appendDouble(double value);
    void appendText(std::string_view text);
    void appendDecimal(std::string_view text); // stores the text and its double value

private:
    void markRow(bool isNull);
    ColumnInfo info_;
    std::size_t rows_ = 0;
    std::vector<std::uint64_t> nulls_;
    std::vector<std::int64_t> ints_;
    std::vector<double> doubles_;
    std::vector<std::uint32_t> offsets_{0};
    std::string bytes_;
};

class ResultBatch {
public:
    ResultBatch() = default;
    explicit ResultBatch(const std::vector<ColumnInfo>& columns);
    std::size_t rowCount() const { return columns_.empty() ? 0 : columns_.front().size(); }
    std::size_t columnCount() const { return columns_.size(); }
    const Column& column(std::size_t index) const { return columns_.at(index); }
    Column& column(std::size_t index) { return columns_.at(index); }
    Value value(std::size_t row, std::size_t column) const { return columns_.at(column).valueAt(row); }
    std::vector<ColumnInfo> columnInfos() const;

private:
    std::vector<Column> columns_;
};

// A whole (possibly truncated) result: metadata plus the batches in fetch order.
struct ResultSet {
    std::vector<ColumnInfo> columns;
    std::vector<ResultBatch> batches;
    std::int64_t affectedRows = -1; // for statements without a result set
    bool truncated = false;         // a row limit stopped the fetch

    std::size_t rowCount() const;
    Value value(std::size_t row, std::size_t column) const; // row across batches
    std::string toString(std::size_t row, std::size_t column) const;
};

} // namespace quire::connect
