#pragma once
// Pieces of the canonical YAML writer that the format-preserving patcher (text_patch.h) reuses to write the
// nodes it inserts or replaces, in the indentation style of the file being patched.
#include <quire/core/json.h>

#include <string>

namespace quire::doc::detail {

struct YamlStyle {
    int step = 2;                 // indentation of a nested mapping under its key
    bool indentSequences = true;  // "key:\n  - a" (true) or "key:\n- a" (false)
};

// "<level spaces>key: value\n" with nested blocks below it (every line ends with a newline).
std::string yamlMemberText(const std::string& key, const Json& value, int level, const YamlStyle& style);
// "<level spaces>- value\n".
std::string yamlItemText(const Json& value, int level, const YamlStyle& style);
// What follows "key:" (item=false) or "-" (item=true) whose indicator is at column `level`: " scalar" or
// "\n<nested block>", without the final newline.
std::string yamlAfterIndicator(const Json& value, int level, bool item, const YamlStyle& style);
// Flow style on one line: "[a, b]", "{k: v}".
std::string yamlFlowText(const Json& value);
// Canonical scalar text (plain, double-quoted or a literal block whose lines are at indentForBlock).
std::string yamlScalarText(const Json& value, int indentForBlock);

bool yamlPlainSafe(const std::string& s);
bool yamlLiteralSafe(const std::string& s);
std::string yamlPlainOrQuoted(const std::string& s);
std::string yamlDoubleQuoted(const std::string& s);
std::string yamlLiteralBlock(const std::string& s, int indentation);

} // namespace quire::doc::detail
