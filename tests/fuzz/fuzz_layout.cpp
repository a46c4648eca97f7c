// The page layout XML parser and writer.
#include "fuzz_support.h"

#include <quire/doc/layout.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quire::doc;
    const auto result = parseLayout(quire::fuzz::asText(data, size));
    if (result.ok()) {
        const std::string text = writeLayout(result.tree);
        (void)parseLayout(text);
        for (const auto& region : result.tree.regions) (void)result.tree.find(region.handle());
    }
    return 0;
}
