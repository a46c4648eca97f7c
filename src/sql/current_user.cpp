#include "quire/sql/current_user.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace quire::sql {

bool CurrentUser::inTeam(const std::string& team) const {
    return std::find(teams.begin(), teams.end(), team) != teams.end();
}

bool CurrentUser::attributeText(const std::string& id, std::string& out) const {
    const auto it = attributes.find(id);
    if (it == attributes.end()) return false;
    if (const auto* s = std::get_if<std::string>(&it->second)) {
        out = *s;
    } else if (const auto* b = std::get_if<bool>(&it->second)) {
        out = *b ? "true" : "false";
    } else {
        const double v = std::get<double>(it->second);
        char buf[64];
        if (std::nearbyint(v) == v && std::fabs(v) < 1e15) std::snprintf(buf, sizeof buf, "%.0f", v);
        else std::snprintf(buf, sizeof buf, "%.17g", v);
        out = buf;
    }
    return true;
}

} // namespace quire::sql
