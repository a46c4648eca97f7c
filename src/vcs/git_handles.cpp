#include "git_handles.h"
#include <quire/core/rules.h>

#include <mutex>

namespace quire::vcs::detail {

void ensureInitialised() {
    static std::once_flag once;
    std::call_once(once, [] { git_libgit2_init(); });
}

Diagnostic gitError(RuleCode rule, const std::string& message, int code) {
    std::string text = message;
    const git_error* e = git_error_last();
    if (e && e->message && *e->message) text += " (git: " + std::string(e->message) + ")";
    else if (code < 0) text += " (git error " + std::to_string(code) + ")";
    git_error_clear();
    return plainError(rule, text);
}

Diagnostic plainError(RuleCode rule, const std::string& message) {
    Diagnostic d;
    d.severity = Severity::Error;
    d.rule = rule;
    d.message = message;
    return d;
}

std::string oidHex(const git_oid& oid) {
    char buffer[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(buffer, sizeof buffer, &oid);
    return buffer;
}

} // namespace quire::vcs::detail
