// The YAML reader: any bytes -> a document or located diagnostics; canonical writers on what loads.
#include "fuzz_support.h"

#include <quire/doc/io.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quire::doc;
    const auto result = parseDocument(quire::fuzz::asText(data, size), Format::Yaml, "fuzz.yaml");
    if (result.document) {
        // The positions pass (lazy: a second parse that records positions and builds nothing).
        (void)result.document->positions.size();
        (void)result.document->locate("/contents/elements/0/columns/0/formula");
        const std::string again = saveDocument(*result.document, Format::Yaml);
        (void)parseDocument(again, Format::Yaml, "again.yaml");
        (void)saveDocument(*result.document, Format::Json);
    }
    return 0;
}
