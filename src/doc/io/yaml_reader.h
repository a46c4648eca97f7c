#pragma once
#include <quire/core/expected.h>
#include <quire/doc/document.h>
#include <quire/doc/io.h>

#include <memory>
#include <string>

namespace quire::doc::detail {
// YAML through libyaml's event parser, converted to the same JSON tree with YAML 1.2 core-schema typing (quoted
// scalars stay strings), positions for every value, duplicate keys rejected, and a nesting pre-scan so hostile
// depth is a located error before any tree is built (see docs/document-model.md for what libyaml, a YAML 1.1
// parser, reads differently).
// `source` is the whole text (a UTF-8 byte-order mark included); the document keeps it (Document::sourceText).
// The block-style shape most workbooks have is read by the fast path (yaml_fast_path.h) and everything else by
// libyaml; `fastPath` false reads all of it with libyaml (the tests compare the two).
LoadResult readYaml(std::shared_ptr<const std::string> source, const std::string& path, const LoadLimits& limits,
                    bool fastPath = true);

// Core-schema resolution of a plain scalar (shared with the YAML writer, which must quote what resolves
// to anything but a string). A number the JSON tree cannot hold exactly (see numberFromText) is
// yaml/number-out-of-range with the reason (the reader adds the location).
Expected<Json> resolvePlainScalar(const std::string& text);
// An untagged plain scalar that is null: empty, ~, null, Null or NULL.
bool isPlainNull(std::string_view text);
} // namespace quire::doc::detail
