#include <catch2/catch.hpp>
#include <quire/doc/io.h>
#include <test_support.h>

#include <filesystem>
#include <random>

using namespace quire;
using namespace quire::doc;

namespace {

std::vector<std::string> corpusFiles() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(quire::test::sourceDir() + "/tests/corpus")) {
        auto ext = entry.path().extension();
        if (ext == ".json" || ext == ".yaml") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

Json reload(const std::string& text, Format format) {
    auto r = parseDocument(text, format);
    INFO(text);
    for (const auto& d : r.diagnostics) INFO(formatDiagnostic(d));
    REQUIRE(r.ok());
    return r.document->root;
}

} // namespace

TEST_CASE("every corpus document round-trips through JSON and YAML", "[doc][corpus]") {
    auto files = corpusFiles();
    REQUIRE(files.size() >= 5);
    for (const auto& file : files) {
        INFO(file);
        auto loaded = loadDocument(file);
        REQUIRE(loaded.ok());
        const Json& original = loaded.document->root;
        const std::string json = saveDocument(*loaded.document, Format::Json);
        const std::string yaml = saveDocument(*loaded.document, Format::Yaml);
        CHECK(reload(json, Format::Json) == original);
        CHECK(reload(yaml, Format::Yaml) == original);
        // JSON -> YAML -> JSON gives the same value, and key order survives (compare the texts).
        Json viaYaml = reload(yaml, Format::Yaml);
        CHECK(toJsonText(viaYaml) == json);
        // Saving an unchanged document twice is byte-identical, in both formats.
        Document again = *loaded.document;
        again.root = reload(json, Format::Json);
        CHECK(saveDocument(again, Format::Json) == json);
        again.root = reload(yaml, Format::Yaml);
        CHECK(saveDocument(again, Format::Yaml) == yaml);
    }
}

TEST_CASE("the YAML writer puts the layout in a literal block", "[doc][yaml]") {
    auto loaded = loadDocument(quire::test::sourceDir() + "/tests/corpus/minimal.json");
    REQUIRE(loaded.ok());
    std::string yaml = saveDocument(*loaded.document, Format::Yaml);
    CHECK(yaml.find("  layout: |\n    <?xml version=\"1.0\" encoding=\"utf-8\"?>\n    <Page") != std::string::npos);
}

TEST_CASE("hostile strings survive JSON and YAML", "[doc][yaml][json]") {
    std::vector<std::string> strings = {
        "", " ", "yes", "no", "on", "Off", "y", "~", "null", "Null", "true", "1", "1.0", "-1", "+1", ".5", "1e3",
        "0x1F", "0o17", ".inf", "-.nan", "1_000", "12:30", "2024-01-31", "- a", "-", "? x", ": x", "a: b", "a #b",
        "#c", "[x]", "{x}", "a, b", "'q'", "\"dq\"", "back\\slash", "tab\there", "new\nline", "trail\n",
        "two\n\n", "\nlead", " lead", "trail ", "line \nspace", "\r\n", std::string("nul\0x", 5), "\x01\x1f",
        "caf\xC3\xA9", "\xF0\x9F\x98\x80", "\xE2\x80\xA8sep", "\xC2\x85nel", "\xEF\xBB\xBF" "bom", "*alias", "&anchor",
        "!tag", "%dir", "@at", "`tick`", "|", ">", "=", "<<", "[Orders/Amount]", "Sum([A]) / Count()",
        "If([Status] = \"won\", 1, 0)", "<Page id=\"p\">\n  <Element/>\n</Page>\n", "a\tb\n\tc", "end:", "k:v"};
    Json doc = Json::object();
    Json list = Json::array();
    for (std::size_t i = 0; i < strings.size(); ++i) {
        doc["k" + std::to_string(i)] = strings[i];
        doc[strings[i].empty() ? std::string("empty-key") : strings[i]] = static_cast<int>(i);
        list.push_back(strings[i]);
    }
    doc["list"] = list;
    doc["nested"] = Json::array({Json::array({1, "x"}), Json::object(), Json::array(), Json::object({{"a", Json::array({"b"})}})});
    CHECK(reload(toJsonText(doc), Format::Json) == doc);
    CHECK(reload(toYamlText(doc), Format::Yaml) == doc);
}

TEST_CASE("random strings round-trip through YAML", "[doc][yaml]") {
    std::mt19937 rng(20261125);
    const std::string alphabet = std::string("abcXYZ019 -_:#'\"[]{},&*!|>%@`\\\n\t/.?~=+") + "\xC3\xA9";
    for (int n = 0; n < 2000; ++n) {
        std::uniform_int_distribution<int> len(0, 12);
        std::string s;
        int l = len(rng);
        for (int k = 0; k < l; ++k) {
            std::size_t pick = std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng);
            if (static_cast<unsigned char>(alphabet[pick]) >= 0x80) s += "\xC3\xA9";
            else s += alphabet[pick];
        }
        Json doc = {{"v", s}, {"list", Json::array({s, s + "x"})}};
        INFO("string: [" << s << "]");
        auto r = parseDocument(toYamlText(doc), Format::Yaml);
        REQUIRE(r.ok());
        CHECK(r.document->root == doc);
    }
}

TEST_CASE("saving writes atomically and can be read back", "[doc]") {
    auto dir = quire::test::makeTempDir("atomic");
    std::string path = dir + "/out.yaml";
    auto loaded = loadDocument(quire::test::sourceDir() + "/tests/corpus/marketing-analytics.yaml");
    REQUIRE(loaded.ok());
    writeFileAtomically(path, saveDocument(*loaded.document, Format::Yaml));
    auto again = loadDocument(path);
    REQUIRE(again.ok());
    CHECK(again.document->root == loaded.document->root);
    CHECK_THROWS(writeFileAtomically(dir + "/missing-dir/x.json", "{}"));
}

TEST_CASE("keys longer than YAML's implicit-key limit use the explicit form", "[doc][yaml]") {
    Json doc = Json::object();
    doc[std::string(2000, 'k')] = 1;
    doc[std::string(1500, 'x') + " \"q\"\n"] = Json::object({{"nested", Json::array({1, 2})}});
    doc["list"] = Json::array({Json::object({{std::string(1200, 'z'), "multi\nline\n"}, {"b", 2}})});
    const std::string yaml = toYamlText(doc);
    CHECK(yaml.find("? kkkk") != std::string::npos);
    CHECK(reload(yaml, Format::Yaml) == doc);
    CHECK(toJsonText(reload(yaml, Format::Yaml)) == toJsonText(doc));
}

namespace {

// A random JSON tree: every value type, numbers at the edges, keys and strings from a hostile alphabet.
Json randomTree(std::mt19937& rng, int depth) {
    static const std::vector<std::string> pieces = {"a", "Z", "0", "1.5", " ", "-", "?", ":", "#", "'", "\"", "\\",
                                                    "\n", "\t", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">",
                                                    "%", "@", "`", "~", "yes", "null", "true", "\xC3\xA9", "\xE2\x80\xA8"};
    auto text = [&] {
        std::string s;
        int n = std::uniform_int_distribution<int>(0, 6)(rng);
        for (int k = 0; k < n; ++k) s += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
        return s;
    };
    int pick = std::uniform_int_distribution<int>(0, depth > 0 ? 9 : 7)(rng);
    switch (pick) {
    case 0: return nullptr;
    case 1: return std::uniform_int_distribution<int>(0, 1)(rng) == 1;
    case 2: return std::uniform_int_distribution<std::int64_t>(INT64_MIN, INT64_MAX)(rng);
    case 3: return std::uniform_int_distribution<std::uint64_t>(std::uint64_t(INT64_MAX) + 1, UINT64_MAX)(rng);
    case 4: {
        static const double edges[] = {0.0, 1.0, -2.5, 0.1, 1e300, -1e-300, 123456789.123456789, 5e-324};
        return edges[std::uniform_int_distribution<int>(0, 7)(rng)];
    }
    case 5: return std::uniform_real_distribution<double>(-1e6, 1e6)(rng);
    case 6:
    case 7: return text();
    case 8: {
        Json array = Json::array();
        int n = std::uniform_int_distribution<int>(0, 4)(rng);
        for (int k = 0; k < n; ++k) array.push_back(randomTree(rng, depth - 1));
        return array;
    }
    default: {
        Json object = Json::object();
        int n = std::uniform_int_distribution<int>(0, 4)(rng);
        for (int k = 0; k < n; ++k) object[text()] = randomTree(rng, depth - 1);
        return object;
    }
    }
}

} // namespace

TEST_CASE("random trees round-trip through JSON and YAML, byte-stable", "[doc][yaml][json]") {
    std::mt19937 rng(4242);
    for (int n = 0; n < 500; ++n) {
        Json doc = Json::object();
        for (int k = 0; k < 4; ++k) doc["k" + std::to_string(k)] = randomTree(rng, 4);
        const std::string json = toJsonText(doc);
        const std::string yaml = toYamlText(doc);
        INFO(json);
        const Json fromJson = reload(json, Format::Json);
        const Json fromYaml = reload(yaml, Format::Yaml);
        CHECK(fromJson == doc);
        CHECK(fromYaml == doc);
        CHECK(toJsonText(fromYaml) == json); // types (int / unsigned / float) and key order survive YAML
        CHECK(toYamlText(fromYaml) == yaml);
    }
}
