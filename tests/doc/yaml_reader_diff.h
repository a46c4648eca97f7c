#pragma once
// The YAML reader's two ways of reading a text compared: the fast path (src/doc/io/yaml_fast_path.h) and libyaml
// alone. Used by tests/doc/test_yaml_fast_path.cpp and tests/fuzz/fuzz_yaml_fast_path.cpp.
#include "utf8.h"
#include "yaml_fast_path.h"
#include "yaml_reader.h"

#include <quire/doc/io.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quire::test {

struct YamlReaderComparison {
    bool fastPathRead = false; // the fast path read the text (otherwise both ways are libyaml's)
    std::string difference;    // empty: the same tree (types included) and the same position for every value
};

inline YamlReaderComparison compareYamlReaders(std::string_view text) {
    using namespace quire::doc;
    YamlReaderComparison out;
    // What parseDocument checks before either reader runs.
    if (detail::findInvalidUtf8(text) != std::string_view::npos || text.find('\0') != std::string_view::npos) return out;
    auto source = std::make_shared<const std::string>(text);
    const LoadLimits limits;
    LoadResult viaLibyaml = detail::readYaml(source, "t.yaml", limits, false);
    LoadResult viaReader = detail::readYaml(source, "t.yaml", limits, true);
    std::string_view body = text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
    // The reader's pre-scans refuse some texts before any parser runs; the fast path is only asked after them.
    const bool prescanned = viaLibyaml.document || viaLibyaml.diagnostics.empty() ||
                            (viaLibyaml.diagnostics.front().rule != "io/too-deep" &&
                             viaLibyaml.diagnostics.front().message.find("YAML 1.1") == std::string::npos);
    out.fastPathRead = prescanned && detail::readYamlFast(body, limits.maxDepth).has_value();
    if (!out.fastPathRead) {
        if (viaLibyaml.document.has_value() != viaReader.document.has_value()) out.difference = "the reader and libyaml disagree without the fast path";
        return out;
    }
    if (!viaLibyaml.document) {
        out.difference = "the fast path read a text libyaml refuses: " +
                         (viaLibyaml.diagnostics.empty() ? std::string("?") : viaLibyaml.diagnostics.front().message);
        return out;
    }
    if (!viaReader.document) {
        out.difference = "the reader refused a text the fast path read";
        return out;
    }
    const Json& expected = viaLibyaml.document->root;
    const Json& actual = viaReader.document->root;
    if (expected != actual || expected.dump() != actual.dump()) {
        out.difference = "trees differ:\nlibyaml: " + expected.dump().substr(0, 2000) + "\nfast:    " + actual.dump().substr(0, 2000);
        return out;
    }
    // Every value's position (iterative walk: the depth is the reader's limit, but no recursion is needed).
    std::vector<std::pair<const Json*, std::string>> stack{{&expected, std::string()}};
    while (!stack.empty()) {
        auto [value, pointer] = std::move(stack.back());
        stack.pop_back();
        const SourcePos a = viaLibyaml.document->positions.find(pointer);
        const SourcePos b = viaReader.document->positions.find(pointer);
        if (a.line != b.line || a.column != b.column) {
            out.difference = "position of '" + pointer + "': libyaml " + std::to_string(a.line) + ":" + std::to_string(a.column) +
                             ", fast " + std::to_string(b.line) + ":" + std::to_string(b.column);
            return out;
        }
        if (value->is_object())
            for (auto it = value->begin(); it != value->end(); ++it)
                stack.emplace_back(&*it, pointer + "/" + escapePointerToken(it.key()));
        else if (value->is_array())
            for (std::size_t i = 0; i < value->size(); ++i) stack.emplace_back(&(*value)[i], pointer + "/" + std::to_string(i));
    }
    return out;
}

} // namespace quire::test
