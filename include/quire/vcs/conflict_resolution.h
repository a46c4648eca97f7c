#pragma once
// Element-level three-way resolution of a conflicted workbook: the sides come from the index stages (during a
// merge) or from the conflict markers in the file; quire::diff::mergeContents merges every item changed on one
// side only, and each item changed on both sides is decided by the user (ours, theirs or base).
#include <quire/core/diagnostic.h>
#include <quire/core/json.h>
#include <quire/diff/merge.h>
#include <quire/doc/document.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace quire::vcs {

enum class Side { Ours, Theirs, Base };
std::string_view sideName(Side side);

// One item changed differently on both sides, with each side's value (nullopt: absent on that side).
// collection as in diff::ItemChange ("elements", "pages", "settings", "layout", "contents", "envelope").
struct ItemConflict {
    std::string collection, id, reason;
    std::optional<Json> base, ours, theirs;
};

struct ThreeWay {
    doc::Document ours;         // the document written back (its path and format)
    Json base, theirs;          // whole document roots (base = {} when no side gave one)
    std::vector<ItemConflict> conflicts;
};

// Parses the three texts (base may be missing) as workbooks and finds the conflicts. `format` and `path` are
// those of the file in the working tree. nullopt with the parse diagnostics (naming the side) on failure.
std::optional<ThreeWay> prepareThreeWay(const std::optional<std::string>& base, const std::string& ours,
                                        const std::string& theirs, doc::Format format, const std::string& path,
                                        std::vector<Diagnostic>* diagnostics);

using Picks = std::map<std::pair<std::string, std::string>, Side>; // (collection, id) -> side
// The merged document root: everything merged automatically, each conflict from its picked side (ours when
// not picked). The result has no conflict left.
Json resolveThreeWay(const ThreeWay& threeWay, const Picks& picks);

} // namespace quire::vcs
