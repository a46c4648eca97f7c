#include "merge_report.h"

#include <quire/core/rules.h>

namespace quire::cli {
namespace {

std::string singular(const std::string& collection) {
    if (collection == "settings") return "setting";
    if (collection == "layout") return "layout placement";
    if (collection == "envelope") return "workbook key";
    if (collection == "contents") return "body key";
    if (!collection.empty() && collection.back() == 's') return collection.substr(0, collection.size() - 1);
    return collection;
}

std::string shown(const std::optional<Json>& value) {
    if (!value) return "(absent)";
    std::string text = value->dump(-1, ' ', false, Json::error_handler_t::replace);
    constexpr std::size_t kWidth = 60;
    if (text.size() > kWidth) {
        std::size_t cut = kWidth - 3;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut; // keep UTF-8 whole
        text = text.substr(0, cut) + "...";
    }
    return text;
}

std::string what(diff::ConflictKind kind) {
    switch (kind) {
    case diff::ConflictKind::AddedBoth: return "added on both sides with different values";
    case diff::ConflictKind::DeletedOursChanged: return "deleted on our side, changed on theirs";
    case diff::ConflictKind::ChangedOursDeleted: return "changed on our side, deleted on theirs";
    case diff::ConflictKind::ChangedBoth: break;
    }
    return "changed differently on both sides";
}

} // namespace

std::string conflictSubject(const diff::MergeConflict& c) {
    std::string subject = singular(c.collection) + " '" + c.id + "'";
    if (!c.pointer.empty()) subject += " property " + c.pointer;
    return subject;
}

Diagnostic conflictDiagnostic(const diff::MergeConflict& c, const doc::Document& ours) {
    Diagnostic d;
    d.severity = Severity::Error;
    d.rule = "merge/conflict";
    d.pointer = c.bodyPointer;
    d.message = conflictSubject(c) + " " + what(c.kind) + ": ours " + shown(c.ours) + ", theirs " + shown(c.theirs) +
                ", base " + shown(c.base);
    d.location = ours.locate(c.bodyPointer);
    return d;
}

} // namespace quire::cli
