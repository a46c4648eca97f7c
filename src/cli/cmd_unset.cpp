// quire unset FILE POINTER [--force]: removes one field or list item, with its own lines only.
#include "command_registry.h"
#include "document_edit.h"

#include <iostream>
#include <memory>

namespace quire::cli {
namespace {

QUIRE_CLI_COMMAND("unset", 23, [](CLI::App& app, const GlobalOptions&) {
    struct Args {
        std::string file, pointer;
        bool force = false;
    };
    auto args = std::make_shared<Args>();
    auto* sub = app.add_subcommand("unset", "Remove one field or list item (JSON pointer) of a workbook, keeping the file's formatting");
    sub->add_option("FILE", args->file, "Workbook file (.json, .yaml, .yml)")->required();
    sub->add_option("POINTER", args->pointer, "JSON pointer of the field or item, e.g. /contents/elements/3")->required();
    sub->add_flag("--force", args->force, "Write the file even if the result has validation errors");
    sub->callback([args] {
        const auto pointer = parsePointer(args->pointer);
        if (!pointer || pointer->empty()) {
            std::cerr << "quire unset: " << (pointer ? std::string("the root cannot be removed") : pointer.message()) << "\n";
            throw ExitCode{2};
        }
        const int code = editDocumentFile("unset", args->file, args->force, [&](Json& root) -> std::optional<std::string> {
            if (!root.contains(*pointer)) return "nothing at " + pointer->to_string();
            Json& container = root[pointer->parent_pointer()];
            if (container.is_object()) container.erase(pointer->back());
            else container.erase(static_cast<std::size_t>(std::stoul(pointer->back())));
            return std::nullopt;
        });
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace
} // namespace quire::cli
