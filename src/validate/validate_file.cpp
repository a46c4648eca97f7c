// validateText / validateFile: the loader's diagnostics, then validate() on the loaded document.
#include <quire/doc/io.h>
#include <quire/validate/validator.h>

namespace quire::validate {
namespace {

FileValidation finish(doc::LoadResult loaded, const ValidationOptions& options) {
    FileValidation out;
    out.diagnostics = std::move(loaded.diagnostics);
    if (!loaded.document) return out;
    out.loaded = true;
    auto found = validate(*loaded.document, options);
    out.diagnostics.insert(out.diagnostics.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    return out;
}

} // namespace

FileValidation validateText(std::string_view text, doc::Format format, const std::string& path, const ValidationOptions& options) {
    return finish(doc::parseDocument(text, format, path), options);
}

FileValidation validateFile(const std::string& path, const ValidationOptions& options) {
    return finish(doc::loadDocument(path), options);
}

} // namespace quire::validate
