// The format-preserving save (doc/io: span scanners + patchers): any loadable text, one edit chosen by the
// input (replace a value, delete a member or item, add a member or item), and the promise users rely on: the
// saved text loads back as exactly the edited tree, whether it was patched or written canonically.
#include "fuzz_support.h"

#include <quire/doc/io.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace {

using quire::Json;

// Up to `limit` values of the tree (iterative walk: no recursion on hostile depth).
std::vector<Json*> valuesOf(Json& root, std::size_t limit) {
    std::vector<Json*> out, stack{&root};
    while (!stack.empty() && out.size() < limit) {
        Json* v = stack.back();
        stack.pop_back();
        out.push_back(v);
        if (v->is_object())
            for (auto it = v->begin(); it != v->end(); ++it) stack.push_back(&it.value());
        else if (v->is_array())
            for (auto& item : *v) stack.push_back(&item);
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quire::doc;
    if (size < 3) return 0;
    const Format format = data[0] & 1 ? Format::Json : Format::Yaml;
    const unsigned edit = data[1] % 5;
    const unsigned pick = data[2];
    auto loaded = parseDocument(quire::fuzz::asText(data + 3, size - 3), format, "fuzz");
    if (!loaded.ok()) return 0;
    Document document = std::move(*loaded.document);
    std::vector<Json*> values = valuesOf(document.root, 4096);
    Json* target = values[pick % values.size()];
    const Json text = "fuzz: \"x\" # not a comment\n[y]";
    // A workbook's root is a mapping (the loader refuses anything else): never replace it by a scalar.
    if (edit == 0 && target == &document.root) return 0;
    switch (edit) {
    case 0: *target = text; break;                                    // replace a value
    case 1: *target = Json{{"k", 1}, {"list", Json::array({true, nullptr})}}; break;
    case 2:                                                           // delete a member or item
        if (target->is_object() && !target->empty()) target->erase(target->begin());
        else if (target->is_array() && !target->empty()) target->erase(target->begin() + long(pick % target->size()));
        break;
    case 3:                                                           // add a member or item
        if (target->is_object()) (*target)["added key: " + std::to_string(pick)] = text;
        else if (target->is_array()) target->push_back(text);
        break;
    default: break;                                                   // no change: the same bytes back
    }
    const PreservingSave saved = saveDocumentPreserving(document, format);
    auto back = parseDocument(saved.text, format, "saved");
    if (!back.ok() || back.document->root != document.root) std::abort(); // a save that changes the workbook
    if (edit == 4 && saved.preserved && saved.text != quire::fuzz::asText(data + 3, size - 3)) std::abort();
    return 0;
}
