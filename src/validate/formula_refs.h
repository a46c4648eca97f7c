#pragma once
// Shallow scan of a Sigma formula for its column references: `[Name]` and `[Prefix/Name]`, skipping
// string literals. Not a parser (the formula module has the real one); enough to resolve references.
#include <string>
#include <string_view>
#include <vector>

namespace quire::validate {

struct FormulaRef {
    std::string prefix; // "" for a bare [Name]
    std::string name;
    int offset = 0;     // of '[' in the formula
    int length = 0;     // through ']'
    bool qualified() const { return !prefix.empty(); }
};

std::vector<FormulaRef> scanFormulaRefs(std::string_view formula);

} // namespace quire::validate
