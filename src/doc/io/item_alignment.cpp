// Which old sequence item each new item continues (text_patch.h): the basis of inserting, deleting and
// editing items in place.
#include "text_patch.h"

#include <unordered_map>

#include <algorithm>
#include <functional>

namespace quire::doc::detail {
namespace {

constexpr std::size_t kMaxLcsCells = 4'000'000; // beyond this, gaps pair by id/position only

const std::string* idOf(const Json& v) {
    if (!v.is_object()) return nullptr;
    auto it = v.find("id");
    return it != v.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

// Pairs the items of one gap (old [o0, o1), new [n0, n1)) that are neither equal nor matched.
void pairGap(const Json& oldItems, const Json& newItems, std::size_t o0, std::size_t o1, std::size_t n0, std::size_t n1,
             std::vector<long>& out) {
    bool allIds = true;
    for (std::size_t i = o0; i < o1 && allIds; ++i) allIds = idOf(oldItems[i]) != nullptr;
    for (std::size_t j = n0; j < n1 && allIds; ++j) allIds = idOf(newItems[j]) != nullptr;
    if (allIds) {
        std::size_t next = o0; // old items before `next` are taken (or skipped): indices stay increasing
        for (std::size_t j = n0; j < n1; ++j) {
            for (std::size_t i = next; i < o1; ++i)
                if (*idOf(oldItems[i]) == *idOf(newItems[j])) {
                    out[j] = static_cast<long>(i);
                    next = i + 1;
                    break;
                }
        }
        // An item whose id changed: paired with an unpaired old item between the same neighbours.
        std::size_t low = o0;
        for (std::size_t j = n0; j < n1; ++j) {
            if (out[j] >= 0) {
                low = static_cast<std::size_t>(out[j]) + 1;
                continue;
            }
            std::size_t high = o1;
            for (std::size_t k = j + 1; k < n1; ++k)
                if (out[k] >= 0) {
                    high = static_cast<std::size_t>(out[k]);
                    break;
                }
            if (low < high) out[j] = static_cast<long>(low++);
        }
        return;
    }
    for (std::size_t k = 0; o0 + k < o1 && n0 + k < n1; ++k) out[n0 + k] = static_cast<long>(o0 + k);
}

} // namespace

std::vector<long> alignItems(const Json& oldItems, const Json& newItems) {
    const std::size_t n = oldItems.size(), m = newItems.size();
    std::vector<long> out(m, -1);
    std::size_t prefix = 0;
    while (prefix < n && prefix < m && oldItems[prefix] == newItems[prefix]) {
        out[prefix] = static_cast<long>(prefix);
        ++prefix;
    }
    std::size_t suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix && oldItems[n - 1 - suffix] == newItems[m - 1 - suffix]) {
        out[m - 1 - suffix] = static_cast<long>(n - 1 - suffix);
        ++suffix;
    }
    const std::size_t o0 = prefix, o1 = n - suffix, n0 = prefix, n1 = m - suffix;
    const std::size_t on = o1 - o0, nn = n1 - n0;
    if (on == 0 || nn == 0) return out;
    // Equal items in the middle: a longest common subsequence over hashes (equality confirmed).
    std::vector<std::pair<std::size_t, std::size_t>> matches;
    if ((on + 1) * (nn + 1) <= kMaxLcsCells) {
        std::hash<Json> hash;
        std::vector<std::size_t> ho(on), hn(nn);
        for (std::size_t i = 0; i < on; ++i) ho[i] = hash(oldItems[o0 + i]);
        for (std::size_t j = 0; j < nn; ++j) hn[j] = hash(newItems[n0 + j]);
        auto equal = [&](std::size_t i, std::size_t j) { return ho[i] == hn[j] && oldItems[o0 + i] == newItems[n0 + j]; };
        std::vector<std::uint32_t> table((on + 1) * (nn + 1), 0);
        auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return table[i * (nn + 1) + j]; };
        for (std::size_t i = on; i-- > 0;)
            for (std::size_t j = nn; j-- > 0;)
                at(i, j) = equal(i, j) ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        for (std::size_t i = 0, j = 0; i < on && j < nn;) {
            if (equal(i, j)) {
                matches.emplace_back(o0 + i, n0 + j);
                ++i;
                ++j;
            } else if (at(i + 1, j) >= at(i, j + 1)) {
                ++i;
            } else {
                ++j;
            }
        }
    }
    std::size_t po = o0, pn = n0;
    for (const auto& [oi, nj] : matches) {
        pairGap(oldItems, newItems, po, oi, pn, nj, out);
        out[nj] = static_cast<long>(oi);
        po = oi + 1;
        pn = nj + 1;
    }
    pairGap(oldItems, newItems, po, o1, pn, n1, out);
    return out;
}

ChildAlignment alignChildren(const Json& oldValue, const Json& newValue, bool isObject) {
    ChildAlignment out;
    if (isObject) {
        std::unordered_map<std::string, long> index;
        long i = 0;
        for (auto it = oldValue.begin(); it != oldValue.end(); ++it) index.emplace(it.key(), i++);
        for (auto it = newValue.begin(); it != newValue.end(); ++it) {
            const auto found = index.find(it.key());
            out.from.push_back(found == index.end() ? -1 : found->second);
            out.values.push_back(&it.value());
            out.keys.push_back(&it.key());
        }
    } else {
        out.from = alignItems(oldValue, newValue);
        for (const auto& item : newValue) out.values.push_back(&item);
        out.keys.assign(newValue.size(), nullptr);
    }
    return out;
}

} // namespace quire::doc::detail
