#include <quire/doc/io.h>
#include <quire/core/rules.h>

#include "json_reader.h"
#include "utf8.h"
#include "yaml_reader.h"

#include <quire/core/file_io.h>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace quire::doc {

std::string escapePointerToken(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string unescapePointerToken(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
            out += token[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

Format detectFormat(const std::string& path, std::string_view text) {
    auto ext = std::filesystem::path(path).extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".json") return Format::Json;
    if (ext == ".yaml" || ext == ".yml") return Format::Yaml;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        return (c == '{' || c == '[') ? Format::Json : Format::Yaml;
    }
    return Format::Json;
}

Expected<std::string> readFileBytes(const std::string& path, std::size_t maxBytes) {
    FileReadResult read = readFileBounded(path, maxBytes);
    if (!read.ok())
        return makeDiagnostic(read.status == FileReadResult::Status::TooLarge ? RuleCode("io/too-large") : RuleCode("io/read-failed"),
                              read.message, "", {path, 0, 0});
    return std::move(read.bytes);
}

namespace {

LoadResult tooLarge(const std::string& path, const LoadLimits& limits) {
    LoadResult result;
    result.diagnostics.push_back({Severity::Error, RuleCode("io/too-large"),
                                  "the file is larger than " + std::to_string(limits.maxBytes) + " bytes", "",
                                  {path, 0, 0}, std::nullopt});
    return result;
}

// parseDocument over text the document will keep (shared with its lazy SourceMap): loadDocument hands over the
// bytes it read instead of a copy of them.
LoadResult parseSource(std::shared_ptr<const std::string> source, Format format, const std::string& path, const LoadLimits& limits) {
    const std::string_view text = *source;
    // Only the text before a NUL byte is checked for UTF-8: a file read stops after the block that holds one
    // (readFileBounded's stopAfterNul), possibly inside a UTF-8 sequence.
    const std::size_t nul = text.find('\0');
    if (std::size_t bad = detail::findInvalidUtf8(text.substr(0, nul)); bad != std::string_view::npos) {
        LoadResult result;
        int line, column;
        detail::lineColumnAt(text, bad, line, column);
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
        result.diagnostics.push_back({Severity::Error, RuleCode("io/invalid-utf8"),
                                      std::string("invalid UTF-8: byte ") + byte + " does not start a valid sequence",
                                      "", {path, line, column}, std::nullopt});
        return result;
    }
    // Neither YAML nor JSON text may hold a NUL byte; a binary file (or /dev/zero) is said to be one, located.
    if (nul != std::string_view::npos) {
        LoadResult result;
        int line, column;
        detail::lineColumnAt(text, nul, line, column);
        result.diagnostics.push_back({Severity::Error, RuleCode("io/nul-byte"),
                                      "a NUL byte (0x00) at byte " + std::to_string(nul) +
                                          ": a workbook is YAML or JSON text, and neither may contain one (is this a binary file?)",
                                      "", {path, line, column}, std::nullopt});
        return result;
    }
    LoadResult result = format == Format::Json ? detail::readJson(std::move(source), path, limits)
                                               : detail::readYaml(std::move(source), path, limits);
    // A workbook file is one mapping (the envelope, or a compact seed); a list or a scalar is the wrong file.
    if (result.document && !result.document->root.is_object()) {
        const Json& root = result.document->root;
        SourcePos pos = result.document->positions.find("");
        std::string what = root.is_array() ? "a list" : root.is_string() ? "a string" : root.is_null() ? "null"
                                                                                            : "a " + std::string(root.type_name());
        result.diagnostics.push_back({Severity::Error, format == Format::Json ? RuleCode("json/not-an-object") : RuleCode("yaml/not-a-mapping"),
                                      "the document is " + what + "; a workbook file must be a " +
                                          (format == Format::Json ? "JSON object" : "YAML mapping") + " at the top level",
                                      "", {path, pos.line, pos.column}, std::nullopt});
        result.document.reset();
    }
    return result;
}

} // namespace

LoadResult parseDocument(std::string_view text, Format format, const std::string& path, const LoadLimits& limits) {
    if (text.size() > limits.maxBytes) return tooLarge(path, limits);
    return parseSource(std::make_shared<const std::string>(text), format, path, limits);
}

LoadResult loadDocument(const std::string& path, const LoadLimits& limits) {
    FileReadResult read = readFileBounded(path, limits.maxBytes, /*stopAfterNul=*/true); // parseSource reports it
    if (read.status == FileReadResult::Status::TooLarge) {
        LoadResult result;
        result.diagnostics.push_back({Severity::Error, RuleCode("io/too-large"), "cannot read '" + path + "': the file is " + read.message,
                                      "", {path, 0, 0}, std::nullopt});
        return result;
    }
    if (!read.ok()) {
        LoadResult result;
        result.diagnostics.push_back({Severity::Error, RuleCode("io/read-failed"), "cannot read '" + path + "': " + read.message, "",
                                      {path, 0, 0}, std::nullopt});
        return result;
    }
    if (read.bytes.size() > limits.maxBytes) return tooLarge(path, limits);
    const Format format = detectFormat(path, read.bytes);
    return parseSource(std::make_shared<const std::string>(std::move(read.bytes)), format, path, limits);
}

std::string saveDocument(const Document& document, Format format) {
    return format == Format::Json ? toJsonText(document.root) : toYamlText(document.root);
}

std::string toJsonText(const Json& value) {
    return value.dump(2, ' ', false, Json::error_handler_t::strict) + "\n";
}

} // namespace quire::doc
