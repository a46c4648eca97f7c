// The compact seed YAML -> a Sigma document (import), then the validator on the result.
#include "fuzz_support.h"

#include <quire/doc/io.h>
#include <quire/doc/seed.h>
#include <quire/validate/validator.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quire;
    const auto loaded = doc::parseDocument(fuzz::asText(data, size), doc::Format::Yaml, "seed.yaml");
    if (!loaded.document || !doc::isCompactSeed(loaded.document->root)) return 0;
    const auto imported = doc::importSeed(*loaded.document);
    if (imported.document) (void)validate::validate(*imported.document);
    return 0;
}
