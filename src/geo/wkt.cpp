// Well-known text, read by hand: a cursor over the text, one function per production, nesting counted.
#include "geometry_readers.h"

#include <quire/core/text.h>

#include <charconv>

namespace quire::geo::detail {
namespace {

class WktReader {
public:
    WktReader(std::string_view text, const GeometryLimits& limits) : text_(text), limits_(limits) {}

    Expected<Geometry> read() {
        skipSpace();
        if (startsWithWord("SRID")) { // EWKT: SRID=4326;POINT(...)
            pos_ += 4;
            skipSpace();
            if (!take('=')) return fail("expected '=' after SRID");
            while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
            skipSpace();
            if (!take(';')) return fail("expected ';' after the SRID number");
        }
        if (!tagged(0)) return error_;
        skipSpace();
        if (pos_ != text_.size()) return fail("unexpected text after the geometry");
        return std::move(geometry_);
    }

private:
    std::string_view text_;
    const GeometryLimits& limits_;
    std::size_t pos_ = 0;
    std::size_t vertices_ = 0;
    Geometry geometry_;
    Diagnostic error_;

    Diagnostic fail(const std::string& message) {
        int column = 1;
        for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i)
            if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column; // code points, not bytes
        error_ = badGeometry("WKT: " + message, 1, column);
        return error_;
    }
    bool failed(const std::string& message) {
        fail(message);
        return false;
    }
    void skipSpace() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r' || text_[pos_] == '\n')) ++pos_;
    }
    bool take(char c) {
        skipSpace();
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    bool peek(char c) {
        skipSpace();
        return pos_ < text_.size() && text_[pos_] == c;
    }
    std::string word() {
        skipSpace();
        const std::size_t start = pos_;
        while (pos_ < text_.size() && ((text_[pos_] >= 'A' && text_[pos_] <= 'Z') || (text_[pos_] >= 'a' && text_[pos_] <= 'z'))) ++pos_;
        return asciiUpper(text_.substr(start, pos_ - start));
    }
    bool startsWithWord(std::string_view w) const {
        return text_.size() - pos_ >= w.size() && asciiUpper(text_.substr(pos_, w.size())) == w;
    }

    bool number(double& out) {
        skipSpace();
        const char* begin = text_.data() + pos_;
        const char* end = text_.data() + text_.size();
        if (begin == end || !((*begin >= '0' && *begin <= '9') || *begin == '-' || *begin == '.'))
            return failed("expected a number");
        const auto [next, ec] = std::from_chars(begin, end, out);
        if (ec != std::errc()) return failed("expected a number");
        pos_ += std::size_t(next - begin);
        return true;
    }
    // lon lat [z [m]]
    bool coordinate(LonLat& out) {
        double lon = 0, lat = 0, ignored = 0;
        if (!number(lon) || !number(lat)) return false;
        for (int extra = 0; extra < 2; ++extra) {
            skipSpace();
            if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != ')') {
                if (!number(ignored)) return false;
            }
        }
        if (!validCoordinate(lon, lat)) return failed("coordinate out of range (longitude, latitude in degrees)");
        if (++vertices_ > limits_.maxVertices) return failed("more than " + std::to_string(limits_.maxVertices) + " coordinates");
        out = {lon, lat};
        return true;
    }
    // ( x y, x y, ... )
    bool coordinates(Ring& out, std::size_t minimum, const char* what) {
        if (!take('(')) return failed("expected '('");
        do {
            LonLat p;
            if (!coordinate(p)) return false;
            out.push_back(p);
        } while (take(','));
        if (!take(')')) return failed("expected ',' or ')'");
        if (out.size() < minimum) return failed(std::string(what) + " needs at least " + std::to_string(minimum) + " coordinates");
        return true;
    }
    bool ring(Ring& out) {
        if (!coordinates(out, 4, "a polygon ring")) return false;
        if (out.front().lon != out.back().lon || out.front().lat != out.back().lat) return failed("a polygon ring is not closed");
        return true;
    }
    bool polygonBody(std::vector<Ring>& out) {
        if (!take('(')) return failed("expected '('");
        do {
            Ring r;
            if (!ring(r)) return false;
            out.push_back(std::move(r));
        } while (take(','));
        if (!take(')')) return failed("expected ',' or ')'");
        return true;
    }
    // A point of a MULTIPOINT: "x y" or "(x y)".
    bool multiPointItem() {
        LonLat p;
        const bool wrapped = take('(');
        if (!coordinate(p)) return false;
        if (wrapped && !take(')')) return failed("expected ')'");
        geometry_.points.push_back(p);
        return true;
    }

    bool tagged(int depth) {
        const std::size_t start = pos_;
        const std::string type = word();
        if (type.empty()) return failed("expected a geometry type (POINT, LINESTRING, POLYGON, MULTIPOLYGON, ...)");
        const std::string dims = word(); // Z, M, ZM or the start of EMPTY
        if (dims == "EMPTY") return known(type, start);
        if (!dims.empty() && dims != "Z" && dims != "M" && dims != "ZM") return failed("unexpected word " + dims);
        if (word() == "EMPTY") return known(type, start);
        if (type == "POINT") {
            LonLat p;
            if (!take('(')) return failed("expected '('");
            if (!coordinate(p)) return false;
            if (!take(')')) return failed("expected ')'");
            geometry_.points.push_back(p);
            return true;
        }
        if (type == "LINESTRING") {
            Ring line;
            if (!coordinates(line, 2, "a line")) return false;
            geometry_.lines.push_back(std::move(line));
            return true;
        }
        if (type == "POLYGON") {
            std::vector<Ring> polygon;
            if (!polygonBody(polygon)) return false;
            geometry_.polygons.push_back(std::move(polygon));
            return true;
        }
        if (type == "MULTIPOINT" || type == "MULTILINESTRING" || type == "MULTIPOLYGON" || type == "GEOMETRYCOLLECTION") {
            if (type == "GEOMETRYCOLLECTION" && depth + 1 > limits_.maxDepth)
                return failed("geometry collections nest deeper than " + std::to_string(limits_.maxDepth) + " levels");
            if (!take('(')) return failed("expected '('");
            do {
                if (type == "MULTIPOINT") {
                    if (!multiPointItem()) return false;
                } else if (type == "MULTILINESTRING") {
                    Ring line;
                    if (!coordinates(line, 2, "a line")) return false;
                    geometry_.lines.push_back(std::move(line));
                } else if (type == "MULTIPOLYGON") {
                    std::vector<Ring> polygon;
                    if (!polygonBody(polygon)) return false;
                    geometry_.polygons.push_back(std::move(polygon));
                } else if (!tagged(depth + 1)) {
                    return false;
                }
            } while (take(','));
            if (!take(')')) return failed("expected ',' or ')'");
            return true;
        }
        pos_ = start;
        return failed("unknown geometry type " + type);
    }
    bool known(const std::string& type, std::size_t start) {
        for (const char* t : {"POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"})
            if (type == t) return true;
        pos_ = start;
        return failed("unknown geometry type " + type);
    }
};

} // namespace

Expected<Geometry> parseWkt(std::string_view text, const GeometryLimits& limits) { return WktReader(text, limits).read(); }

} // namespace quire::geo::detail
