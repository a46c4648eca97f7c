// The JSON reader: any bytes -> a document or located diagnostics; canonical writers on what loads.
#include "fuzz_support.h"

#include <quire/doc/io.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quire::doc;
    const auto result = parseDocument(quire::fuzz::asText(data, size), Format::Json, "fuzz.json");
    if (result.document) {
        (void)result.document->positions.size(); // the lazy positions pass
        (void)result.document->locate("/contents/elements/0/columns/0/formula");
        // What loads must write and load again (the writers walk the whole tree).
        const std::string again = saveDocument(*result.document, Format::Json);
        (void)parseDocument(again, Format::Json, "again.json");
        (void)saveDocument(*result.document, Format::Yaml);
    }
    return 0;
}
