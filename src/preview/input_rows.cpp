#include <quire/preview/input_rows.h>

#include <chrono>
#include <ctime>
#include <stdexcept>

namespace quire::preview {

bool isSystemColumn(std::string_view columnId) {
    return columnId == "ID" || columnId == "CREATED_AT" || columnId == "CREATED_BY" || columnId == "UPDATED_AT" ||
           columnId == "UPDATED_BY";
}

namespace {
void checkValues(const Json& values) {
    if (!values.is_object()) throw std::invalid_argument("row values must be an object of column id -> value");
    for (const auto& [key, value] : values.items())
        if (isSystemColumn(key)) throw std::invalid_argument("system column " + key + " cannot be written");
}
} // namespace

std::string InputRowStore::now() const {
    if (clock) return clock();
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string InputRowStore::insert(const Json& values) {
    checkValues(values);
    const std::string id = std::to_string(nextId_++);
    const std::string ts = now();
    Json row = Json::object();
    row["ID"] = id;
    row["CREATED_AT"] = ts;
    row["CREATED_BY"] = user;
    row["UPDATED_AT"] = ts;
    row["UPDATED_BY"] = user;
    for (const auto& [key, value] : values.items()) row[key] = value;
    rows_.push_back(std::move(row));
    return id;
}

std::size_t InputRowStore::update(const std::vector<std::size_t>& rows, const Json& values) {
    checkValues(values);
    const std::string ts = now();
    std::size_t n = 0;
    for (const auto index : rows) {
        if (index >= rows_.size()) continue;
        for (const auto& [key, value] : values.items()) rows_[index][key] = value;
        rows_[index]["UPDATED_AT"] = ts;
        rows_[index]["UPDATED_BY"] = user;
        ++n;
    }
    return n;
}

std::size_t InputRowStore::remove(const std::vector<std::size_t>& rows) {
    std::vector<bool> drop(rows_.size(), false);
    for (const auto index : rows)
        if (index < rows_.size()) drop[index] = true;
    std::vector<Json> kept;
    std::size_t n = 0;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (drop[i]) ++n;
        else kept.push_back(std::move(rows_[i]));
    }
    rows_ = std::move(kept);
    return n;
}

std::optional<std::size_t> InputRowStore::indexOfId(std::string_view id) const {
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].value("ID", "") == id) return i;
    return std::nullopt;
}

} // namespace quire::preview
