#include "gitattributes.h"

#include <sstream>

namespace quire::cli {
namespace {

bool isSpace(char c) { return c == ' ' || c == '\t'; }

std::vector<std::string> words(const std::string& line) {
    std::vector<std::string> out;
    std::string word;
    for (char c : line) {
        if (isSpace(c) || c == '\r') {
            if (!word.empty()) out.push_back(std::move(word));
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

// The line with merge=quire and diff=quire; unchanged when it has them already.
std::string withQuire(const std::vector<std::string>& w) {
    std::string line = w[0];
    bool merge = false, diff = false;
    for (std::size_t i = 1; i < w.size(); ++i) {
        const std::string& a = w[i];
        const bool isMerge = a == "merge" || a == "-merge" || a == "!merge" || a.rfind("merge=", 0) == 0;
        const bool isDiff = a == "diff" || a == "-diff" || a == "!diff" || a.rfind("diff=", 0) == 0;
        if (isMerge) {
            if (merge) continue;
            line += " merge=quire";
            merge = true;
        } else if (isDiff) {
            if (diff) continue;
            line += " diff=quire";
            diff = true;
        } else {
            line += " " + a;
        }
    }
    if (!merge) line += " merge=quire";
    if (!diff) line += " diff=quire";
    return line;
}

} // namespace

std::string checkPattern(const std::string& pattern) {
    if (pattern.empty()) return "the pattern is empty";
    for (char c : pattern)
        if (isSpace(c) || static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return "the pattern contains a space or a control character";
    if (pattern[0] == '#' || pattern[0] == '!' || pattern[0] == '"') return "the pattern starts with #, ! or \"";
    return {};
}

AttributesEdit addQuireAttributes(const std::string& text, const std::vector<std::string>& patterns) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    AttributesEdit edit;
    for (const std::string& pattern : patterns) {
        bool found = false;
        for (std::string& line : lines) {
            const auto w = words(line);
            if (w.empty() || w[0] != pattern) continue;
            found = true;
            const std::string updated = withQuire(w);
            if (updated != line && words(updated) != w) {
                edit.changes.push_back("updated .gitattributes: " + updated);
                line = updated;
            }
        }
        if (!found) {
            lines.push_back(pattern + " merge=quire diff=quire");
            edit.changes.push_back("added to .gitattributes: " + lines.back());
        }
    }
    if (edit.changes.empty()) {
        edit.text = text;
        return edit;
    }
    for (const std::string& line : lines) edit.text += line + "\n";
    return edit;
}

} // namespace quire::cli
