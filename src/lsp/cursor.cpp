#include <quire/lsp/cursor.h>

namespace quire::lsp {
namespace {

bool isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The formula (decoded) with the cursor at `k`: fills the formula kinds of `out`, offsets relative to the
// formula; `toDocument` maps them back.
template <class Map>
void analyzeFormula(const std::string& text, std::size_t k, const Map& toDocument, CursorContext& out) {
    char inString = 0;
    std::size_t open = std::string::npos;
    for (std::size_t i = 0; i < k && i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == inString) inString = 0;
            continue;
        }
        if (open != std::string::npos) {
            if (c == ']') open = std::string::npos;
            continue;
        }
        if (c == '"' || c == '\'') inString = c;
        else if (c == '[') open = i;
    }
    if (inString) return; // inside a text literal: nothing to complete
    if (open == std::string::npos && k < text.size() && text[k] == '[') open = k; // on the bracket itself
    if (open != std::string::npos) {
        std::size_t close = text.find(']', open + 1);
        out.kind = CursorContext::Kind::FormulaReference;
        out.closed = close != std::string::npos;
        if (close == std::string::npos) close = text.size();
        const std::size_t from = open + 1;
        out.prefix = text.substr(from, k > from ? k - from : 0);
        out.token = text.substr(from, close - from);
        out.tokenStart = toDocument(from);
        out.tokenEnd = toDocument(close);
        return;
    }
    std::size_t start = k;
    while (start > 0 && isNameChar(text[start - 1])) --start;
    std::size_t end = k;
    while (end < text.size() && isNameChar(text[end])) ++end;
    if (start < end && text[start] >= '0' && text[start] <= '9') return; // a number
    out.kind = CursorContext::Kind::FormulaName;
    out.prefix = text.substr(start, k - start);
    out.token = text.substr(start, end - start);
    out.tokenStart = toDocument(start);
    out.tokenEnd = toDocument(end);
    std::size_t next = end;
    while (next < text.size() && text[next] == ' ') ++next;
    out.callFollows = next < text.size() && text[next] == '(';
}

// `elementId="..."` around the cursor (a layout XML line; in a JSON file the quotes are escaped: \"): the
// attribute's value.
bool layoutAttribute(std::string_view line, std::size_t column, std::size_t lineStart, CursorContext& out) {
    for (const std::string_view attribute : {std::string_view("elementId=\""), std::string_view("elementId=\\\"")}) {
        const std::string_view close = attribute.substr(attribute.size() - (attribute.size() == 11 ? 1 : 2));
        for (std::size_t at = line.find(attribute); at != std::string_view::npos; at = line.find(attribute, at + 1)) {
            const std::size_t valueStart = at + attribute.size();
            const std::size_t valueEnd = line.find(close, valueStart);
            if (valueEnd == std::string_view::npos) break;
            if (column >= valueStart && column <= valueEnd) {
                out.kind = CursorContext::Kind::MemberValue;
                out.key = "elementId";
                out.token = std::string(line.substr(valueStart, valueEnd - valueStart));
                out.prefix = std::string(line.substr(valueStart, column - valueStart));
                out.tokenStart = lineStart + valueStart;
                out.tokenEnd = lineStart + valueEnd;
                return true;
            }
        }
    }
    return false;
}

// The member of the line whose value holds the column: JSON objects written on one line have several.
LineMember memberAt(std::string_view line, std::size_t column) {
    std::size_t from = 0;
    for (int guard = 0; guard < 1000 && from < line.size(); ++guard) {
        const LineMember member = scanLineMember(line, from);
        if (!member.found) break;
        if (column >= member.valueStart && column <= member.valueEnd) return member;
        const std::size_t next = member.valueEnd + (member.quote ? 1 : 0);
        if (next <= from) break;
        from = next;
    }
    return {};
}

} // namespace

CursorContext analyzeCursor(const LineIndex& lines, Position position) {
    CursorContext out;
    const std::string_view line = lines.line(position.line);
    const std::size_t lineStart = lines.offset({position.line, 0});
    out.cursor = lines.offset(position);
    const std::size_t column = out.cursor - lineStart;
    if (layoutAttribute(line, column, lineStart, out)) return out;

    const LineMember member = memberAt(line, column);
    if (!member.found) return out;
    const std::string_view raw = line.substr(member.valueStart, member.valueEnd - member.valueStart);
    if (member.key == "formula") {
        const DecodedScalar decoded = decodeScalar(raw, member.quote);
        std::size_t k = 0;
        while (k < decoded.text.size() && decoded.rawOffsets[k] < column - member.valueStart) ++k;
        const auto toDocument = [&](std::size_t i) { return lineStart + member.valueStart + decoded.rawOffsets[i]; };
        analyzeFormula(decoded.text, k, toDocument, out);
        return out;
    }
    if (raw.find_first_of("[{") != std::string_view::npos) return out; // a flow collection: not one value
    out.kind = CursorContext::Kind::MemberValue;
    out.key = member.key;
    out.token = std::string(raw);
    out.prefix = std::string(raw.substr(0, column - member.valueStart));
    out.tokenStart = lineStart + member.valueStart;
    out.tokenEnd = lineStart + member.valueEnd;
    return out;
}

} // namespace quire::lsp
