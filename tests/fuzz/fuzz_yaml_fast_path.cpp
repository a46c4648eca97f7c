// The YAML reader's fast path against libyaml: wherever the fast path reads an input, the tree and every value's
// position must be what libyaml's reading gives (tests/doc/yaml_reader_diff.h); a difference aborts.
#include "fuzz_support.h"

#include "../doc/yaml_reader_diff.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto comparison = quire::test::compareYamlReaders(quire::fuzz::asText(data, size));
    if (!comparison.difference.empty()) {
        std::fprintf(stderr, "fast path and libyaml differ: %s\n", comparison.difference.c_str());
        std::abort();
    }
    return 0;
}
