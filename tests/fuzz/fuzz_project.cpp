// Committed deployment files: quire.yaml (the first byte 'P' or anything else: parseProject) and a publish
// history log (first byte 'H': .quire/history/<stem>.jsonl read by publish::History). Both are untrusted
// repository content: located diagnostics or warnings, never a crash.
#include "fuzz_support.h"

#include <quire/publish/history.h>
#include <quire/publish/project.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view text = quire::fuzz::asText(data + 1, size - 1);
    if (data[0] != 'H') {
        (void)quire::publish::parseProject(text, "quire.yaml");
        return 0;
    }
    namespace fs = std::filesystem;
    const char* tmp = std::getenv("TMPDIR");
    static const fs::path root = fs::path(tmp && *tmp ? tmp : "/tmp") / ("quire-fuzz-history-" + std::to_string(::getpid()));
    fs::create_directories(root / ".quire" / "history");
    std::ofstream(root / ".quire" / "history" / "wb.jsonl", std::ios::binary | std::ios::trunc) << text;
    quire::publish::History history{root.string()};
    std::vector<quire::Diagnostic> problems;
    (void)history.read((root / "wb.yaml").string(), &problems);
    return 0;
}
