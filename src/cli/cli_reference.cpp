#include "cli_reference.h"

namespace quire::cli {
namespace {

// Nested commands are two levels deep today; the limit keeps the walk bounded whatever is registered.
constexpr int kMaxCommandDepth = 8;

OptionReference referenceOfOption(const CLI::Option& option) {
    OptionReference out;
    out.positional = !option.nonpositional();
    for (const auto& s : option.get_snames()) out.flags.push_back("-" + s);
    for (const auto& l : option.get_lnames()) out.flags.push_back("--" + l);
    out.name = out.positional ? option.get_name(true) : (out.flags.empty() ? option.get_name() : out.flags.back());
    if (option.get_type_size_max() > 0) out.valueType = option.get_type_name();
    out.description = option.get_description();
    out.defaultValue = option.get_default_str();
    out.required = option.get_required();
    out.repeatable = option.get_items_expected_max() > 1;
    return out;
}

CommandReference describeCommandTree(const CLI::App& app, std::vector<std::string> path, int depth) {
    CommandReference out;
    out.path = std::move(path);
    out.description = app.get_description();
    out.footer = app.get_footer();
    out.requiresSubcommand = app.get_require_subcommand_min() > 0;
    for (const CLI::Option* option : app.get_options([](const CLI::Option* o) { return !o->get_group().empty(); }))
        out.options.push_back(referenceOfOption(*option));
    if (depth >= kMaxCommandDepth) return out;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty() && !s->get_name().empty(); })) {
        auto subPath = out.path;
        subPath.push_back(sub->get_name());
        out.subcommands.push_back(describeCommandTree(*sub, std::move(subPath), depth + 1));
    }
    return out;
}

} // namespace

std::string CommandReference::joinedPath(const std::string& separator) const {
    std::string out;
    for (const auto& part : path) out += (out.empty() ? "" : separator) + part;
    return out;
}

std::string CommandReference::usage() const {
    std::string out = joinedPath(" ");
    bool hasFlags = false;
    for (const auto& option : options) hasFlags = hasFlags || !option.positional;
    if (hasFlags) out += " [OPTIONS]";
    for (const auto& option : options) {
        if (!option.positional) continue;
        const std::string word = option.name + (option.repeatable ? "..." : "");
        out += " " + (option.required ? word : "[" + word + "]");
    }
    if (!subcommands.empty()) out += requiresSubcommand ? " COMMAND" : " [COMMAND]";
    return out;
}

CommandReference describeCommands(const CLI::App& app) { return describeCommandTree(app, {app.get_name()}, 0); }

} // namespace quire::cli
