#include <quire/connect/result_format.h>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace quire::connect {
namespace {
std::size_t displayWidth(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}
bool numeric(ColumnType t) { return t == ColumnType::Int64 || t == ColumnType::Double || t == ColumnType::Decimal; }
} // namespace

void writeTable(std::ostream& out, const std::vector<ColumnInfo>& columns, const ResultBatch& batch, bool header) {
    std::vector<std::size_t> width(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) {
        width[c] = displayWidth(columns[c].name);
        for (std::size_t r = 0; r < batch.rowCount(); ++r)
            width[c] = std::max(width[c], std::min<std::size_t>(60, displayWidth(batch.column(c).isNull(r) ? "NULL" : batch.column(c).toString(r))));
    }
    auto cell = [&](const std::string& v, std::size_t c, bool right) {
        std::string s = displayWidth(v) > 60 ? v.substr(0, 57) + "..." : v;
        std::string pad(width[c] > displayWidth(s) ? width[c] - displayWidth(s) : 0, ' ');
        out << (c ? " | " : "") << (right ? pad + s : s + pad);
    };
    if (header) {
        for (std::size_t c = 0; c < columns.size(); ++c) cell(columns[c].name, c, false);
        out << "\n";
        for (std::size_t c = 0; c < columns.size(); ++c) out << (c ? "-+-" : "") << std::string(width[c], '-');
        out << "\n";
    }
    for (std::size_t r = 0; r < batch.rowCount(); ++r) {
        for (std::size_t c = 0; c < columns.size(); ++c)
            cell(batch.column(c).isNull(r) ? "NULL" : batch.column(c).toString(r), c, numeric(columns[c].type));
        out << "\n";
    }
}

void writeCsv(std::ostream& out, const std::vector<ColumnInfo>& columns, const ResultBatch& batch, bool header) {
    auto field = [&](const std::string& v) {
        if (v.find_first_of(",\"\r\n") == std::string::npos) return out << v, void();
        out << '"';
        for (char ch : v) out << (ch == '"' ? "\"\"" : std::string(1, ch));
        out << '"';
    };
    if (header) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (c) out << ',';
            field(columns[c].name);
        }
        out << "\r\n";
    }
    for (std::size_t r = 0; r < batch.rowCount(); ++r) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (c) out << ',';
            field(batch.column(c).toString(r));
        }
        out << "\r\n";
    }
}

void writeJsonRows(std::ostream& out, const std::vector<ColumnInfo>& columns, const ResultBatch& batch, bool first) {
    for (std::size_t r = 0; r < batch.rowCount(); ++r) {
        nlohmann::ordered_json row = nlohmann::ordered_json::object();
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const Column& col = batch.column(c);
            auto& v = row[columns[c].name];
            if (col.isNull(r)) v = nullptr;
            else if (col.type() == ColumnType::Int64) v = col.int64At(r);
            else if (col.type() == ColumnType::Double) v = col.doubleAt(r);
            else if (col.type() == ColumnType::Bool) v = col.boolAt(r);
            else if (col.type() == ColumnType::Decimal) v = nlohmann::ordered_json::parse(col.textAt(r), nullptr, false).is_number() ? nlohmann::ordered_json::parse(col.textAt(r)) : nlohmann::ordered_json(std::string(col.textAt(r)));
            else v = col.toString(r);
        }
        out << (first && r == 0 ? "\n  " : ",\n  ") << row.dump();
    }
}

void writeResult(std::ostream& out, const ResultSet& result, ResultFormat format) {
    if (format == ResultFormat::Json) out << "[";
    bool first = true;
    for (const auto& b : result.batches) {
        if (format == ResultFormat::Csv) writeCsv(out, result.columns, b, first);
        else if (format == ResultFormat::Json) writeJsonRows(out, result.columns, b, first && true);
        first = first && b.rowCount() == 0;
    }
    if (format == ResultFormat::Table) {
        ResultBatch all(result.columns);
        // A table needs every row for its widths: merge the batches (the CLI applies --limit first).
        for (const auto& b : result.batches)
            for (std::size_t r = 0; r < b.rowCount(); ++r)
                for (std::size_t c = 0; c < result.columns.size(); ++c) {
                    const Column& src = b.column(c);
                    Column& dst = all.column(c);
                    if (src.isNull(r)) dst.appendNull();
                    else switch (src.type()) {
                        case ColumnType::Double: dst.appendDouble(src.doubleAt(r)); break;
                        case ColumnType::Decimal: dst.appendDecimal(src.textAt(r)); break;
                        case ColumnType::Text: dst.appendText(src.textAt(r)); break;
                        default: dst.appendInt64(src.int64At(r)); break;
                    }
                }
        writeTable(out, result.columns, all, true);
        out << "(" << result.rowCount() << " row" << (result.rowCount() == 1 ? "" : "s")
            << (result.truncated ? ", limited" : "") << ")\n";
    }
    if (format == ResultFormat::Csv && result.batches.empty()) writeCsv(out, result.columns, ResultBatch(result.columns), true);
    if (format == ResultFormat::Json) out << (result.rowCount() ? "\n]\n" : "]\n");
}

} // namespace quire::connect
