#pragma once
// A large synthetic workbook for benchmarks: `elements` elements with `columnsPerElement` columns each, as
// JSON text and as block-style YAML text. Valid: validate() reports nothing on it.
#include <string>

namespace quire::bench {

struct GeneratedWorkbook {
    std::string json;
    std::string yaml;
};

GeneratedWorkbook generateWorkbook(int elements, int columnsPerElement);

} // namespace quire::bench
