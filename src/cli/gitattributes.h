#pragma once
// Adding `merge=quire diff=quire` to patterns of a .gitattributes text, keeping every other line as it is.
#include <string>
#include <vector>

namespace quire::cli {

struct AttributesEdit {
    std::string text;                 // the new file content
    std::vector<std::string> changes; // one line per pattern added or updated (empty: nothing to do)
};

// For each pattern: a line whose first word is the pattern gets merge=quire and diff=quire (replacing other
// merge=/diff= values on it); a pattern without a line gets "PATTERN merge=quire diff=quire" at the end.
AttributesEdit addQuireAttributes(const std::string& text, const std::vector<std::string>& patterns);

// "" when the pattern can be written as a .gitattributes word; else why not.
std::string checkPattern(const std::string& pattern);

} // namespace quire::cli
