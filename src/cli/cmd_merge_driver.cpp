// quire merge-driver BASE OURS THEIRS [PATH]: git's custom merge driver for workbooks
// (`merge.quire.driver = quire merge-driver %O %A %B %P`, set up by `quire init-repo`).
// Merges the three versions per element property (diff::mergeDocuments). Clean: the result is written into
// OURS (git's %A) in ours' format, exit 0. Conflicts: OURS gets the merge with our value at each conflict, each
// conflict is reported on stderr with the element, the property, the three values and its line, exit 1 (git
// marks the file conflicted).
// A version that cannot be read: a located error, exit 2, OURS untouched.
#include <quire/diff/merge.h>
#include <quire/doc/io.h>
#include <quire/governance/audit_log.h>
#include <quire/validate/validator.h>

#include <iostream>
#include <memory>
#include <optional>

#include "command_registry.h"
#include "git_process.h"
#include "merge_report.h"
#include "merged_document_writer.h"

namespace quire::cli {
namespace {

struct MergeDriverArgs {
    std::string base, ours, theirs, pathName;
};

struct Version {
    std::string text;
    std::optional<doc::Document> document; // empty for an empty base (both branches added the file)
};

// Reads one version; prints located errors and returns nullopt when it is not a workbook document.
// shownPath names the version in diagnostics; formatPath (the repository path) decides JSON or YAML by extension.
std::optional<Version> readVersion(const std::string& file, const std::string& label, const std::string& shownPath,
                                   const std::string& formatPath, bool emptyAllowed) {
    Version v;
    auto bytes = doc::readFileBytes(file);
    if (!bytes) {
        std::cerr << "quire merge-driver: cannot read " << label << " (" << file << "): " << bytes.message() << "\n";
        return std::nullopt;
    }
    v.text = std::move(*bytes);
    if (emptyAllowed && v.text.find_first_not_of(" \t\r\n") == std::string::npos) return v;
    doc::LoadResult loaded = doc::parseDocument(v.text, doc::detectFormat(formatPath, v.text), shownPath);
    if (!loaded.ok() || !loaded.document->root.is_object()) {
        std::cerr << "quire merge-driver: " << label << " is not a readable workbook document:\n";
        for (const Diagnostic& d : loaded.diagnostics)
            if (d.severity == Severity::Error) std::cerr << "  " << formatDiagnostic(d) << "\n";
        if (loaded.ok()) std::cerr << "  " << shownPath << ": the top level is not a mapping/object\n";
        return std::nullopt;
    }
    v.document = std::move(loaded.document);
    return v;
}

// After a clean merge: the validator's errors on the result, as a hint (the merge itself succeeded).
void noteValidationErrors(const doc::Document& ours, const Json& merged) {
    doc::Document result;
    result.root = merged;
    result.format = ours.format;
    result.path = ours.path;
    int errors = 0;
    for (const Diagnostic& d : validate::validate(result))
        if (d.severity == Severity::Error) ++errors;
    if (errors > 0)
        std::cerr << "quire merge-driver: " << ours.path << ": merged cleanly, but the result has " << errors
                  << (errors == 1 ? " validation error" : " validation errors") << " (run quire validate " << ours.path << ")\n";
}

// git's own line merge of the three files, when it is clean AND loads to exactly the semantic result; nullopt
// otherwise (git missing, overlapping lines, or a line merge that means something else).
std::optional<std::string> agreeingTextMerge(const MergeDriverArgs& args, const doc::Document& ours, const Json& merged) {
    GitOptions options;
    options.maxOutput = doc::LoadLimits{}.maxBytes;
    options.keepOutput = true;
    const GitRun run = runGit({"merge-file", "-p", "--quiet", "--", args.ours, args.base, args.theirs}, options);
    if (run.exitCode != 0 || run.truncated) return std::nullopt;
    doc::LoadResult loaded = doc::parseDocument(run.out, ours.format, ours.path);
    if (!loaded.ok() || loaded.document->root != merged) return std::nullopt;
    return run.out;
}

// Writes the merged root into OURS: ours' or theirs' own bytes when the result equals one of them, else git's
// line merge when it is clean and means the same workbook, else writeMergedDocument. "" or why not.
std::string writeResult(const MergeDriverArgs& args, const Version& ours, const Version& theirs, const Json& merged) {
    if (merged == ours.document->root) return {}; // nothing came from theirs: ours' bytes stay
    std::optional<std::string> bytes;
    if (merged == theirs.document->root && theirs.document->format == ours.document->format) bytes = theirs.text;
    else bytes = agreeingTextMerge(args, *ours.document, merged);
    if (!bytes) return writeMergedDocument(args.ours, ours.text, *ours.document, merged);
    try { // theirs' bytes, or git's line merge: every comment and style of both sides kept
        doc::writeFileAtomically(args.ours, *bytes);
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

int run(const MergeDriverArgs& args) {
    const std::string shown = args.pathName.empty() ? args.ours : args.pathName;
    auto ours = readVersion(args.ours, "our version of " + shown, shown, shown, false);
    auto base = ours ? readVersion(args.base, "the base version of " + shown, shown + " (base)", shown, true) : std::nullopt;
    auto theirs = base ? readVersion(args.theirs, "their version of " + shown, shown + " (theirs)", shown, false) : std::nullopt;
    if (!ours || !base || !theirs) {
        std::cerr << "quire merge-driver: " << shown << " was left as our version; merge it by hand\n";
        return 2;
    }
    diff::MergeOptions options;
    options.granularity = diff::MergeGranularity::Property;
    const Json none;
    const diff::MergeResult merged =
        diff::mergeDocuments(base->document ? base->document->root : none, ours->document->root, theirs->document->root, options);

    // Written for conflicts too (with ours' values at the conflicts): resolving the listed properties and
    // committing must not drop the other side's clean changes.
    const std::string problem = writeResult(args, *ours, *theirs, merged.contents);
    if (!problem.empty()) {
        std::cerr << "quire merge-driver: " << shown << ": " << problem << "; the file keeps our version\n";
        if (merged.clean()) return 2;
    }
    if (!merged.clean()) {
        // Positions in the file as it is now in the work tree.
        std::optional<doc::Document> written;
        if (problem.empty())
            if (auto again = readVersion(args.ours, "the merged " + shown, shown, shown, false)) written = std::move(again->document);
        const std::size_t n = merged.conflicts.size();
        std::cerr << "quire merge-driver: " << shown << ": " << n << (n == 1 ? " conflict" : " conflicts") << "; "
                  << (problem.empty() ? "the file has both sides' other changes and our value at each conflict"
                                      : "the file is our version")
                  << ". Edit the values below as needed, then git add " << shown << "\n";
        for (diff::MergeConflict c : merged.conflicts) {
            if (written) c.bodyPointer = c.resultPointer;
            std::cerr << formatDiagnostic(conflictDiagnostic(c, written ? *written : *ours->document)) << "\n";
        }
        return 1;
    }
    if (merged.contents != ours->document->root) noteValidationErrors(*ours->document, merged.contents);
    return 0;
}

} // namespace

QUIRE_CLI_COMMAND("merge-driver", 75, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<MergeDriverArgs>();
    CLI::App* cmd = app.add_subcommand("merge-driver", "git merge driver: three-way merge of a workbook per element property");
    cmd->add_option("base", args->base, "The common ancestor's version (git's %O)")->required();
    cmd->add_option("ours", args->ours, "Our version; receives the result (git's %A)")->required();
    cmd->add_option("theirs", args->theirs, "Their version (git's %B)")->required();
    cmd->add_option("path", args->pathName, "The file's path in the repository, for messages and its format (git's %P)");
    cmd->footer("Set up by `quire init-repo`. Exit status: 0 = merged into OURS, 1 = conflicts (OURS: the merge with our\n"
                "value at each conflict), 2 = a version could not be read or the result not written (OURS untouched).");
    cmd->callback([args] {
        int code = run(*args);
        governance::audit::Entry entry;
        entry.action = "merge";
        entry.outcome = code == 0 ? "merged" : code == 1 ? "conflicts" : "failed";
        entry.workbook = args->pathName.empty() ? args->ours : args->pathName;
        governance::audit::record(entry);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace quire::cli
