#pragma once
// In-session rows of one input table (spec §3.8). Rows are JSON objects keyed by column id; every row carries
// the system columns ID, CREATED_AT, CREATED_BY, UPDATED_AT, UPDATED_BY, which callers can never write.
#include <quire/core/json.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace quire::preview {

bool isSystemColumn(std::string_view columnId);

class InputRowStore {
public:
    std::string user = "preview";
    // Timestamp source for CREATED_AT/UPDATED_AT; replaceable for tests.
    std::function<std::string()> clock;

    // Inserts a row; returns its ID. Throws std::invalid_argument when values name a system column.
    std::string insert(const Json& values);
    // Updates the rows whose index is in rows; returns how many changed. Throws like insert.
    std::size_t update(const std::vector<std::size_t>& rows, const Json& values);
    std::size_t remove(const std::vector<std::size_t>& rows);

    const std::vector<Json>& rows() const { return rows_; }
    std::optional<std::size_t> indexOfId(std::string_view id) const;

private:
    std::string now() const;
    std::vector<Json> rows_;
    std::uint64_t nextId_ = 1;
};

} // namespace quire::preview
