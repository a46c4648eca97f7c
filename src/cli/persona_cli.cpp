#include "persona_cli.h"

#include "command_registry.h"

#include <quire/core/diagnostic.h>
#include <quire/preview/session.h>

#include <iostream>

namespace quire::cli {

void addPersonaOptions(CLI::App* cmd, const std::shared_ptr<PersonaArgs>& args) {
    cmd->add_option("--as", args->as, "View as this persona (an email in quire.personas.yaml)");
    cmd->add_option("--personas", args->personas,
                    "Personas file (default: quire.personas.yaml next to the workbook or in the repository root)");
}

ElementView viewElementAs(const std::string& workbookPath, const doc::Document& document, const std::string& elementId,
                          const PersonaArgs& args) {
    ElementView out;
    const Json& contents = *document.contents();
    auto choice = governance::choosePersona(workbookPath, args.personas, args.as);
    for (const auto& d : choice.diagnostics) std::cerr << formatDiagnostic(d) << "\n";
    if (!choice.ok()) throw ExitCode{2};
    out.persona = std::move(choice.persona);
    out.view = preview::viewAs(contents, out.persona ? &out.persona->user : nullptr);
    if (!out.persona) return out;
    std::cerr << "quire: viewing as " << out.persona->email() << (args.as.empty() ? " (the default persona)" : "") << "\n";

    const preview::PreviewSession layout(contents);
    if (const auto page = layout.pageOf(elementId); page && out.view.hiddenPages.count(*page)) {
        std::cerr << "quire: note: element '" << elementId << "' is on page '" << *page << "', which is hidden from "
                  << out.persona->email() << "; skipped\n";
        out.skip = true;
        return out;
    }
    // The element's own notes: its masked columns and what depends on them.
    std::string elementPointer;
    if (contents.contains("elements") && contents["elements"].is_array())
        for (std::size_t i = 0; i < contents["elements"].size(); ++i)
            if (contents["elements"][i].is_object() && contents["elements"][i].value("id", "") == elementId)
                elementPointer = "/elements/" + std::to_string(i);
    for (auto d : out.view.diagnostics)
        if (!elementPointer.empty() && (d.pointer == elementPointer || d.pointer.rfind(elementPointer + "/", 0) == 0)) {
            d.pointer = document.contentsPointer() + d.pointer;
            d.location = document.locate(d.pointer);
            std::cerr << formatDiagnostic(d) << "\n";
        }
    if (out.view.withheld.count(elementId)) throw ExitCode{1};
    return out;
}

connect::ResultSet withMaskedColumns(const connect::ResultSet& result, const std::vector<std::string>& masked) {
    if (masked.empty()) return result;
    connect::ResultSet out;
    out.columns = result.columns;
    for (const auto& name : masked) {
        connect::ColumnInfo info;
        info.name = name;
        info.type = connect::ColumnType::Text;
        out.columns.push_back(std::move(info));
    }
    out.affectedRows = result.affectedRows;
    out.truncated = result.truncated;
    for (const auto& batch : result.batches) {
        connect::ResultBatch copy(out.columns);
        for (std::size_t c = 0; c < batch.columnCount(); ++c) {
            const connect::Column& from = batch.column(c);
            connect::Column& to = copy.column(c);
            for (std::size_t r = 0; r < from.size(); ++r) {
                if (from.isNull(r)) to.appendNull();
                else if (from.type() == connect::ColumnType::Decimal) to.appendDecimal(from.textAt(r));
                else if (from.type() == connect::ColumnType::Double) to.appendDouble(from.doubleAt(r));
                else if (from.type() == connect::ColumnType::Text) to.appendText(from.textAt(r));
                else to.appendInt64(from.int64At(r)); // Int64, Bool, Date, Timestamp
            }
        }
        for (std::size_t c = batch.columnCount(); c < out.columns.size(); ++c)
            for (std::size_t r = 0; r < batch.rowCount(); ++r) copy.column(c).appendText(kMaskedValue);
        out.batches.push_back(std::move(copy));
    }
    return out;
}

} // namespace quire::cli
