#include <quire/preview/cached_result_set.h>

#include <charconv>
#include <stdexcept>
#include <string_view>

namespace quire::preview {
namespace {

connect::ColumnType typeFromName(std::string_view name) {
    using connect::ColumnType;
    for (ColumnType t : {ColumnType::Int64, ColumnType::Double, ColumnType::Decimal, ColumnType::Text,
                         ColumnType::Date, ColumnType::Timestamp, ColumnType::Bool})
        if (connect::columnTypeName(t) == name) return t;
    return ColumnType::Text; // unknown or missing type: the cells print as text
}

// Reads `width` digits at text[pos]; throws when they are not all digits.
int digits(std::string_view text, std::size_t pos, std::size_t width) {
    int value = 0;
    if (pos + width > text.size()) throw std::invalid_argument("short date/time text");
    const auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + width, value);
    if (ec != std::errc() || end != text.data() + pos + width) throw std::invalid_argument("bad date/time digits");
    return value;
}

// "YYYY-MM-DD" (connect::formatDate).
std::int32_t parseDays(std::string_view text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') throw std::invalid_argument("bad date '" + std::string(text) + "'");
    return connect::daysFromCivil({digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)});
}

// "YYYY-MM-DD HH:MM:SS[.ffffff]" (connect::formatTimestamp).
std::int64_t parseMicros(std::string_view text) {
    if (text.size() < 19 || text[10] != ' ' || text[13] != ':' || text[16] != ':')
        throw std::invalid_argument("bad timestamp '" + std::string(text) + "'");
    std::int64_t micros = 0;
    if (text.size() > 20 && text[19] == '.') {
        const std::string_view fraction = text.substr(20, 6);
        micros = digits(fraction, 0, fraction.size());
        for (std::size_t i = fraction.size(); i < 6; ++i) micros *= 10;
    }
    const std::int64_t seconds = std::int64_t(parseDays(text)) * 86400 + digits(text, 11, 2) * 3600 +
                                 digits(text, 14, 2) * 60 + digits(text, 17, 2);
    return seconds * 1'000'000 + micros;
}

void append(connect::Column& column, const Json& cell, const std::string* exactDecimal) {
    using connect::ColumnType;
    if (cell.is_null()) return column.appendNull();
    switch (column.type()) {
    case ColumnType::Int64:
        if (!cell.is_number_integer()) break;
        return column.appendInt64(cell.get<std::int64_t>());
    case ColumnType::Bool:
        if (!cell.is_boolean()) break;
        return column.appendInt64(cell.get<bool>() ? 1 : 0);
    case ColumnType::Double:
        if (!cell.is_number()) break;
        return column.appendDouble(cell.get<double>());
    case ColumnType::Decimal:
        if (exactDecimal) return column.appendDecimal(*exactDecimal);
        if (!cell.is_number()) break;
        return column.appendDecimal(cell.dump());
    case ColumnType::Date:
        if (!cell.is_string()) break;
        return column.appendInt64(parseDays(cell.get_ref<const std::string&>()));
    case ColumnType::Timestamp:
        if (!cell.is_string()) break;
        return column.appendInt64(parseMicros(cell.get_ref<const std::string&>()));
    case ColumnType::Text:
        return column.appendText(cell.is_string() ? cell.get_ref<const std::string&>() : cell.dump());
    }
    throw std::invalid_argument("cell " + cell.dump() + " does not match its column type " +
                                std::string(connect::columnTypeName(column.type())));
}

} // namespace

connect::ResultSet toResultSet(const CachedResult& result) {
    connect::ResultSet set;
    for (std::size_t c = 0; c < result.columns.size(); ++c) {
        connect::ColumnInfo info;
        info.name = result.columns[c];
        info.type = c < result.columnTypes.size() ? typeFromName(result.columnTypes[c]) : connect::ColumnType::Text;
        set.columns.push_back(std::move(info));
    }
    connect::ResultBatch batch(set.columns);
    const std::size_t width = set.columns.size();
    for (std::size_t r = 0; r < result.rows.size(); ++r) {
        const Json& row = result.rows[r];
        if (!row.is_array() || row.size() != width) throw std::invalid_argument("row " + std::to_string(r) + " has the wrong shape");
        for (std::size_t c = 0; c < width; ++c) {
            const auto exact = result.decimalText.find(r * width + c);
            append(batch.column(c), row[c], exact == result.decimalText.end() ? nullptr : &exact->second);
        }
    }
    set.batches.push_back(std::move(batch));
    set.truncated = !result.complete;
    return set;
}

} // namespace quire::preview
