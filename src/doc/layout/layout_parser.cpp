// A small XML reader for Sigma's layout subset: prolog, comments, elements with attributes, several
// top-level regions. Positions are those of start tags inside the layout string.
#include <quire/doc/layout.h>
#include <quire/core/rules.h>

#include "io/utf8.h"

#include <cstdint>
#include <string>

namespace quire::doc {
namespace {

struct XmlError {
    std::string message;
    int line;
    int column;
};

class LayoutReader {
public:
    explicit LayoutReader(std::string_view text) : s_(text) {}

    LayoutTree read() {
        LayoutTree tree;
        skipSpace();
        if (s_.substr(i_, 5) == "<?xml") {
            std::size_t end = s_.find("?>", i_);
            if (end == std::string_view::npos) fail("the XML declaration is not closed with '?>'");
            tree.prolog = std::string(s_.substr(i_, end + 2 - i_));
            advanceTo(end + 2);
        } else {
            tree.prolog.clear();
        }
        for (;;) {
            skipMisc();
            if (atEnd()) break;
            if (peek() != '<') fail("unexpected text between layout regions");
            tree.regions.push_back(readElement(0));
        }
        return tree;
    }

private:
    std::string_view s_;
    std::size_t i_ = 0;
    int line_ = 1;
    int column_ = 1;

    [[noreturn]] void fail(std::string message) { throw XmlError{std::move(message), line_, column_}; }
    bool atEnd() const { return i_ >= s_.size(); }
    char peek() const { return s_[i_]; }
    void advance() {
        unsigned char c = static_cast<unsigned char>(s_[i_++]);
        if (c == '\n') { ++line_; column_ = 1; }
        else if ((c & 0xC0) != 0x80) ++column_;
    }
    void advanceTo(std::size_t j) { while (i_ < j && !atEnd()) advance(); }
    void skipSpace() { while (!atEnd() && (peek() == ' ' || peek() == '\n' || peek() == '\t' || peek() == '\r')) advance(); }
    void skipMisc() {
        for (;;) {
            skipSpace();
            if (s_.substr(i_, 4) == "<!--") {
                std::size_t end = s_.find("-->", i_ + 4);
                if (end == std::string_view::npos) fail("a comment is not closed with '-->'");
                advanceTo(end + 3);
                continue;
            }
            return;
        }
    }
    static bool nameChar(char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':' ||
               static_cast<unsigned char>(c) >= 0x80;
    }
    std::string readName() {
        std::size_t start = i_;
        while (!atEnd() && nameChar(peek())) advance();
        if (i_ == start) fail("expected a tag or attribute name");
        return std::string(s_.substr(start, i_ - start));
    }

    std::string unescape(std::string_view raw) {
        std::string out;
        for (std::size_t k = 0; k < raw.size(); ++k) {
            if (raw[k] != '&') { out += raw[k]; continue; }
            std::size_t semi = raw.find(';', k);
            if (semi == std::string_view::npos) fail("an '&' in an attribute value does not start an entity");
            std::string_view entity = raw.substr(k + 1, semi - k - 1);
            if (entity == "amp") out += '&';
            else if (entity == "lt") out += '<';
            else if (entity == "gt") out += '>';
            else if (entity == "quot") out += '"';
            else if (entity == "apos") out += '\'';
            else if (entity.size() > 1 && entity[0] == '#') {
                std::uint32_t cp = 0;
                bool hex = entity[1] == 'x' || entity[1] == 'X';
                std::string_view digits = entity.substr(hex ? 2 : 1);
                if (digits.empty()) fail("empty character reference");
                for (char c : digits) {
                    int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                            : (hex && std::isxdigit(static_cast<unsigned char>(c))) ? (std::tolower(c) - 'a' + 10)
                                                                                     : -1;
                    if (d < 0) fail("invalid character reference &" + std::string(entity) + ";");
                    cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
                    if (cp > 0x10FFFF) fail("character reference out of range");
                }
                if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) fail("invalid character reference");
                detail::appendUtf8(out, cp);
            } else {
                fail("unknown entity &" + std::string(entity) + ";");
            }
            k = semi;
        }
        return out;
    }

    LayoutNode readElement(int depth) {
        if (depth > 256) fail("layout nesting is deeper than 256 levels");
        LayoutNode node;
        node.line = line_;
        node.column = column_;
        advance(); // <
        if (!atEnd() && peek() == '/') fail("unexpected closing tag");
        node.tag = readName();
        node.kind = kindOf(node.tag);
        for (;;) {
            skipSpace();
            if (atEnd()) fail("the <" + node.tag + "> tag is not closed");
            if (peek() == '/') {
                advance();
                if (atEnd() || peek() != '>') fail("expected '>' after '/'");
                advance();
                return node;
            }
            if (peek() == '>') { advance(); break; }
            std::string name = readName();
            skipSpace();
            if (atEnd() || peek() != '=') fail("expected '=' after attribute " + name);
            advance();
            skipSpace();
            if (atEnd() || (peek() != '"' && peek() != '\'')) fail("attribute values must be quoted");
            char quote = peek();
            advance();
            std::size_t start = i_;
            while (!atEnd() && peek() != quote) {
                if (peek() == '<') fail("'<' is not allowed in an attribute value");
                advance();
            }
            if (atEnd()) fail("unterminated attribute value");
            std::string value = unescape(s_.substr(start, i_ - start));
            advance();
            if (node.attribute(name)) fail("duplicate attribute " + name + " on <" + node.tag + ">");
            node.attributes.emplace_back(std::move(name), std::move(value));
        }
        // Children until the matching close tag.
        for (;;) {
            skipMisc();
            if (atEnd()) fail("<" + node.tag + "> is not closed");
            if (peek() != '<') fail("text content is not allowed inside <" + node.tag + ">");
            if (s_.substr(i_, 2) == "</") {
                advance();
                advance();
                std::string name = readName();
                if (name != node.tag) fail("closing tag </" + name + "> does not match <" + node.tag + ">");
                skipSpace();
                if (atEnd() || peek() != '>') fail("expected '>'");
                advance();
                return node;
            }
            node.children.push_back(readElement(depth + 1));
        }
    }

    static LayoutNode::Kind kindOf(const std::string& tag) {
        using K = LayoutNode::Kind;
        if (tag == "Page") return K::Page;
        if (tag == "Panel") return K::Panel;
        if (tag == "Overlay") return K::Overlay;
        if (tag == "Element") return K::Element;
        if (tag == "Container") return K::Container;
        if (tag == "TabbedContainer") return K::TabbedContainer;
        if (tag == "Tab") return K::Tab;
        if (tag == "LayoutElement" || tag == "GridContainer") return K::Legacy;
        return K::Unknown;
    }
};

} // namespace

LayoutParseResult parseLayout(std::string_view xml) {
    LayoutParseResult result;
    try {
        result.tree = LayoutReader(xml).read();
    } catch (const XmlError& e) {
        result.diagnostics.push_back({Severity::Error, RuleCode("layout/xml-syntax"), e.message, "", {"", e.line, e.column}, std::nullopt});
    }
    return result;
}

} // namespace quire::doc
