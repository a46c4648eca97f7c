#include <quire/connect/result_batch.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace quire::connect {

std::string_view columnTypeName(ColumnType type) {
    switch (type) {
    case ColumnType::Int64: return "int64";
    case ColumnType::Double: return "double";
    case ColumnType::Decimal: return "decimal";
    case ColumnType::Text: return "text";
    case ColumnType::Date: return "date";
    case ColumnType::Timestamp: return "timestamp";
    case ColumnType::Bool: return "bool";
    }
    return "text";
}

// Howard Hinnant's civil calendar algorithms.
std::int32_t daysFromCivil(const Date& d) {
    int y = d.year - (d.month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

Date civilFromDays(std::int32_t z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Date{y + (m <= 2 ? 1 : 0), static_cast<int>(m), static_cast<int>(d)};
}

std::string formatDate(std::int32_t days) {
    Date d = civilFromDays(days);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

std::string formatTimestamp(std::int64_t micros) {
    std::int64_t secs = micros / 1'000'000;
    std::int64_t frac = micros % 1'000'000;
    if (frac < 0) {
        frac += 1'000'000;
        --secs;
    }
    std::int64_t days = secs / 86400;
    std::int64_t rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    Date d = civilFromDays(static_cast<std::int32_t>(days));
    char buf[64];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", d.year, d.month, d.day,
                          static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
    if (frac != 0) std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%06d", static_cast<int>(frac));
    return buf;
}

void Column::reserve(std::size_t rows) {
    nulls_.reserve(rows / 64 + 1);
    switch (info_.type) {
    case ColumnType::Double: doubles_.reserve(rows); break;
    case ColumnType::Text: offsets_.reserve(rows + 1); break;
    case ColumnType::Decimal:
        doubles_.reserve(rows);
        offsets_.reserve(rows + 1);
        break;
    default: ints_.reserve(rows); break;
    }
}

void Column::markRow(bool null) {
    if ((rows_ & 63) == 0) nulls_.push_back(0);
    if (null) nulls_.back() |= (std::uint64_t{1} << (rows_ & 63));
    ++rows_;
}

void Column::appendNull() {
    switch (info_.type) {
    case ColumnType::Double: doubles_.push_back(0); break;
    case ColumnType::Text: offsets_.push_back(static_cast<std::uint32_t>(bytes_.size())); break;
    case ColumnType::Decimal:
        doubles_.push_back(0);
        offsets_.push_back(static_cast<std::uint32_t>(bytes_.size()));
        break;
    default: ints_.push_back(0); break;
    }
    markRow(true);
}

void Column::appendInt64(std::int64_t v) {
    ints_.push_back(v);
    markRow(false);
}

void Column::appendDouble(double v) {
    doubles_.push_back(v);
    markRow(false);
}

void Column::appendText(std::string_view text) {
    if (bytes_.size() + text.size() > 0xFFFFFFFFULL) throw std::length_error("result batch text exceeds 4 GiB");
    bytes_.append(text);
    offsets_.push_back(static_cast<std::uint32_t>(bytes_.size()));
    markRow(false);
}

void Column::appendDecimal(std::string_view text) {
    bytes_.append(text);
    offsets_.push_back(static_cast<std::uint32_t>(bytes_.size()));
    doubles_.push_back(std::strtod(std::string(text).c_str(), nullptr));
    markRow(false);
}

Value Column::valueAt(std::size_t row) const {
    if (isNull(row)) return std::monostate{};
    switch (info_.type) {
    case ColumnType::Int64: return ints_[row];
    case ColumnType::Bool: return ints_[row] != 0;
    case ColumnType::Date: return DateValue{static_cast<std::int32_t>(ints_[row])};
    case ColumnType::Timestamp: return TimestampValue{ints_[row]};
    case ColumnType::Double: return doubles_[row];
    case ColumnType::Decimal:
    case ColumnType::Text: return std::string(textAt(row));
    }
    return std::monostate{};
}

std::string Column::toString(std::size_t row) const {
    if (isNull(row)) return {};
    switch (info_.type) {
    case ColumnType::Int64: return std::to_string(ints_[row]);
    case ColumnType::Bool: return ints_[row] ? "true" : "false";
    case ColumnType::Date: return formatDate(static_cast<std::int32_t>(ints_[row]));
    case ColumnType::Timestamp: return formatTimestamp(ints_[row]);
    case ColumnType::Double: {
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, doubles_[row]);
        return std::string(buf, r.ptr);
    }
    case ColumnType::Decimal:
    case ColumnType::Text: return std::string(textAt(row));
    }
    return {};
}

ResultBatch::ResultBatch(const std::vector<ColumnInfo>& columns) {
    columns_.reserve(columns.size());
    for (const auto& c : columns) columns_.emplace_back(c);
}

std::vector<ColumnInfo> ResultBatch::columnInfos() const {
    std::vector<ColumnInfo> out;
    for (const auto& c : columns_) out.push_back(c.info());
    return out;
}

std::size_t ResultSet::rowCount() const {
    std::size_t n = 0;
    for (const auto& b : batches) n += b.rowCount();
    return n;
}

Value ResultSet::value(std::size_t row, std::size_t column) const {
    for (const auto& b : batches) {
        if (row < b.rowCount()) return b.value(row, column);
        row -= b.rowCount();
    }
    throw std::out_of_range("result row out of range");
}

std::string ResultSet::toString(std::size_t row, std::size_t column) const {
    for (const auto& b : batches) {
        if (row < b.rowCount()) return b.column(column).toString(row);
        row -= b.rowCount();
    }
    throw std::out_of_range("result row out of range");
}

} // namespace quire::connect
