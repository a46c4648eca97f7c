#include <quire/vcs/conflict_markers.h>

#include <vector>

namespace quire::vcs {
namespace {

enum class Marker { None, Ours, Base, Split, Theirs };

Marker markerOf(std::string_view line) {
    if (line.size() < 7) return Marker::None;
    const char c = line[0];
    if (c != '<' && c != '|' && c != '=' && c != '>') return Marker::None;
    for (int i = 1; i < 7; ++i)
        if (line[i] != c) return Marker::None;
    if (line.size() > 7 && line[7] != ' ' && line[7] != '\r' && line[7] != '\n') return Marker::None;
    switch (c) {
    case '<': return Marker::Ours;
    case '|': return Marker::Base;
    case '=': return Marker::Split;
    default: return Marker::Theirs;
    }
}

// Lines including their '\n' (the last one may lack it).
std::vector<std::string_view> splitLines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
        lines.push_back(text.substr(start, next - start));
        start = next;
    }
    return lines;
}

} // namespace

bool hasConflictMarkers(std::string_view text) {
    for (std::string_view line : splitLines(text))
        if (markerOf(line) == Marker::Ours || markerOf(line) == Marker::Theirs) return true;
    return false;
}

std::optional<MarkerSides> splitConflictMarkers(std::string_view text, Diagnostic* error) {
    enum class State { Common, Ours, Base, Theirs } state = State::Common;
    MarkerSides sides;
    std::string base;
    bool everyHunkHasBase = true, anyHunk = false, hunkHasBase = false;
    int lineNumber = 0, hunkStart = 0;
    auto fail = [&](const std::string& message, int line) -> std::optional<MarkerSides> {
        if (error) *error = {Severity::Error, "vcs/bad-markers", message, "", {"", line, 1}, std::nullopt};
        return std::nullopt;
    };
    for (std::string_view line : splitLines(text)) {
        ++lineNumber;
        const Marker marker = markerOf(line);
        switch (marker) {
        case Marker::Ours:
            if (state != State::Common) return fail("a conflict starts inside another conflict", lineNumber);
            state = State::Ours;
            anyHunk = true;
            hunkHasBase = false;
            hunkStart = lineNumber;
            continue;
        case Marker::Base:
            if (state != State::Ours) break; // a line of content that happens to look like a marker
            state = State::Base;
            hunkHasBase = true;
            continue;
        case Marker::Split:
            if (state != State::Ours && state != State::Base) break;
            state = State::Theirs;
            continue;
        case Marker::Theirs:
            if (state != State::Theirs) return fail("a conflict end marker without its start", lineNumber);
            state = State::Common;
            everyHunkHasBase = everyHunkHasBase && hunkHasBase;
            continue;
        case Marker::None: break;
        }
        switch (state) {
        case State::Common:
            sides.ours.append(line);
            sides.theirs.append(line);
            base.append(line);
            break;
        case State::Ours: sides.ours.append(line); break;
        case State::Base: base.append(line); break;
        case State::Theirs: sides.theirs.append(line); break;
        }
    }
    if (state != State::Common) return fail("the conflict that starts here is not closed", hunkStart);
    if (!anyHunk) return fail("the file has no conflict markers", 0);
    if (everyHunkHasBase) sides.base = std::move(base);
    return sides;
}

} // namespace quire::vcs
