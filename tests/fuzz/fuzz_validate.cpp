// A whole workbook file through load + every validator rule (schema, semantic, full formula check).
// The first byte picks the format: '{' or '[' JSON, anything else YAML.
#include "fuzz_support.h"

#include <quire/validate/validator.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quire;
    const std::string_view text = fuzz::asText(data, size);
    const bool json = !text.empty() && (text.front() == '{' || text.front() == '[');
    (void)validate::validateText(text, json ? doc::Format::Json : doc::Format::Yaml, json ? "wb.json" : "wb.yaml");
    return 0;
}
