#include "merge_rules.h"

#include <list>
#include <map>
#include <set>

namespace quire::diff::detail {

Pick pick(const Json* base, const Json* ours, const Json* theirs) {
    auto same = [](const Json* x, const Json* y) { return (!x && !y) || (x && y && *x == *y); };
    if (same(ours, theirs)) return Pick::Ours;
    if (same(ours, base)) return Pick::Theirs;
    if (same(theirs, base)) return Pick::Ours;
    return Pick::Conflict;
}

ConflictKind conflictKind(const Json* base, const Json* ours, const Json* theirs) {
    if (!base) return ConflictKind::AddedBoth;
    if (!ours) return ConflictKind::DeletedOursChanged;
    if (!theirs) return ConflictKind::ChangedOursDeleted;
    return ConflictKind::ChangedBoth;
}

std::string conflictReason(ConflictKind kind) {
    switch (kind) {
    case ConflictKind::AddedBoth: return "added on both sides with different content";
    case ConflictKind::DeletedOursChanged: return "deleted locally, changed remotely";
    case ConflictKind::ChangedOursDeleted: return "changed locally, deleted remotely";
    case ConflictKind::ChangedBoth: break;
    }
    return "changed on both sides";
}

std::optional<Json> copyOf(const Json* value) { return value ? std::optional<Json>(*value) : std::nullopt; }

std::string indexToken(const std::map<std::string, std::size_t>& oursIndex,
                       const std::map<std::string, std::size_t>& theirsIndex, const std::string& id) {
    if (auto it = oursIndex.find(id); it != oursIndex.end()) return std::to_string(it->second);
    if (auto it = theirsIndex.find(id); it != theirsIndex.end()) return std::to_string(it->second);
    return "-";
}

std::vector<std::string> mergedOrder(const std::vector<std::string>& base, const std::vector<std::string>& ours,
                                     const std::vector<std::string>& theirs) {
    std::set<std::string> inBase(base.begin(), base.end()), inOurs(ours.begin(), ours.end());
    std::vector<std::string> oursCommon, baseCommon;
    for (const auto& id : ours) if (inBase.count(id)) oursCommon.push_back(id);
    for (const auto& id : base) if (inOurs.count(id)) baseCommon.push_back(id);
    const bool followTheirs = oursCommon == baseCommon;
    const auto& first = followTheirs ? theirs : ours;
    const auto& second = followTheirs ? ours : theirs;
    std::list<std::string> order;
    std::map<std::string, std::list<std::string>::iterator> placed;
    for (const auto& id : first)
        if (!placed.count(id)) placed[id] = order.insert(order.end(), id);
    // The other side's additions go before the next id that follows them on that side (so an element
    // inserted in the middle stays there), or at the end when nothing placed follows them.
    // next[i]: the first id after position i on the other side that the first side has (one backward pass).
    std::vector<std::list<std::string>::iterator> next(second.size(), order.end());
    for (std::size_t i = second.size(); i-- > 1;) {
        auto it = placed.find(second[i]);
        next[i - 1] = it != placed.end() ? it->second : next[i];
    }
    for (std::size_t i = 0; i < second.size(); ++i)
        if (!placed.count(second[i])) placed[second[i]] = order.insert(next[i], second[i]);
    return {order.begin(), order.end()};
}

} // namespace quire::diff::detail
