#pragma once
// Text renderings of a ResultSet for the CLI: aligned table, CSV (RFC 4180), JSON (array of objects).
#include <quire/connect/result_batch.h>

#include <ostream>

namespace quire::connect {

enum class ResultFormat { Table, Csv, Json };

void writeTable(std::ostream& out, const std::vector<ColumnInfo>& columns, const ResultBatch& batch, bool header);
void writeCsv(std::ostream& out, const std::vector<ColumnInfo>& columns, const ResultBatch& batch, bool header);
// JSON values: numbers as numbers (decimals as their exact text), NULL as null, dates/timestamps as ISO strings.
void writeJsonRows(std::ostream& out, const std::vector<ColumnInfo>& columns, const ResultBatch& batch, bool first);
void writeResult(std::ostream& out, const ResultSet& result, ResultFormat format);

} // namespace quire::connect
