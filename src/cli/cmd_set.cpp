// quire set FILE POINTER VALUE [--force]: sets one field, changing only that field's bytes in the file.
#include "command_registry.h"
#include "document_edit.h"

#include <iostream>
#include <memory>

namespace quire::cli {
namespace {

QUIRE_CLI_COMMAND("set", 22, [](CLI::App& app, const GlobalOptions&) {
    struct Args {
        std::string file, pointer, value;
        bool force = false;
    };
    auto args = std::make_shared<Args>();
    auto* sub = app.add_subcommand("set", "Set one field (JSON pointer) of a workbook, keeping the file's formatting");
    sub->add_option("FILE", args->file, "Workbook file (.json, .yaml, .yml)")->required();
    sub->add_option("POINTER", args->pointer, "JSON pointer of the field, e.g. /contents/elements/0/name")->required();
    sub->add_option("VALUE", args->value,
                    "New value, one line of YAML/JSON: a scalar (12 is a number, '\"12\"' a string) or a flow "
                    "collection ([a, b], {k: v})")
        ->required();
    sub->add_flag("--force", args->force, "Write the file even if the result has validation errors");
    sub->callback([args] {
        const auto pointer = parsePointer(args->pointer);
        const auto value = parseValueText(args->value);
        if (!pointer || !value) {
            std::cerr << "quire set: " << (pointer ? value.message() : pointer.message()) << "\n";
            throw ExitCode{2};
        }
        const int code = editDocumentFile("set", args->file, args->force, [&](Json& root) -> std::optional<std::string> {
            if (pointer->empty()) {
                if (!value->is_object()) return std::string("the root of a workbook must be a mapping");
                root = *value;
                return std::nullopt;
            }
            const JsonPointer parent = pointer->parent_pointer();
            if (!root.contains(parent)) return "nothing at " + parent.to_string() + " to set " + pointer->back() + " in";
            Json& container = root[parent];
            const std::string& token = pointer->back();
            if (container.is_object()) {
                container[token] = *value;
            } else if (container.is_array()) {
                if (token == "-" || token == std::to_string(container.size())) {
                    container.push_back(*value);
                } else {
                    const bool digits = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos &&
                                        (token.size() == 1 || token[0] != '0');
                    const std::size_t index = digits && token.size() < 19 ? std::stoull(token) : container.size() + 1;
                    if (index >= container.size())
                        return "no item " + token + " in the list at " + parent.to_string() + " (it has " +
                               std::to_string(container.size()) + ")";
                    container[index] = *value;
                }
            } else {
                return parent.to_string() + " is a " + std::string(container.type_name()) + ", not a mapping or list";
            }
            return std::nullopt;
        });
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace
} // namespace quire::cli
