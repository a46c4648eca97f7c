// JUnit XML for CI test reports (GitLab's artifacts:reports:junit, Jenkins, ...): a file is a test suite,
// a rule with errors in it a failing test case.
#include <quire/validate/report.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace quire::validate {
namespace {

// Length of the UTF-8 sequence at text[i] when it encodes a character XML 1.0 allows (shortest form, no
// surrogates, not U+FFFE/U+FFFF, at most U+10FFFF), else 0.
std::size_t utf8Length(const std::string& text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > text.size()) return 0;
    if (n == 1) return 1;
    char32_t code = c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(text[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        code = (code << 6) | (b & 0x3F);
    }
    static const char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[n] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) || code == 0xFFFE || code == 0xFFFF)
        return 0;
    return n;
}

// Text for XML 1.0 content (inContent) or attribute values: markup characters escaped (tabs and newlines too
// in attributes, where a parser would turn them into spaces), characters XML cannot carry (other control
// characters, invalid UTF-8) replaced by U+FFFD.
std::string xml(const std::string& text, bool inContent = false) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        const std::size_t n = utf8Length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        if (n > 1) {
            out.append(text, i, n);
            i += n;
            continue;
        }
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\t': out += inContent ? "\t" : "&#9;"; break;
        case '\n': out += inContent ? "\n" : "&#10;"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) out += "\xEF\xBF\xBD";
            else out += c;
        }
        ++i;
    }
    return out;
}

struct FileReport {
    std::map<std::string, std::vector<const Diagnostic*>> errorsByRule;
    std::vector<const Diagnostic*> others;
};

} // namespace

std::string toJunitXml(const std::vector<std::string>& files, const std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> order = files;
    std::map<std::string, FileReport> reports;
    for (const Diagnostic& d : diagnostics) {
        if (!reports.count(d.location.file) && std::find(order.begin(), order.end(), d.location.file) == order.end())
            order.push_back(d.location.file);
        FileReport& report = reports[d.location.file];
        if (d.severity == Severity::Error) report.errorsByRule[d.rule].push_back(&d);
        else report.others.push_back(&d);
    }
    std::size_t tests = 0, failures = 0;
    std::ostringstream suites;
    for (const std::string& file : order) {
        const FileReport& report = reports[file];
        const std::size_t cases = report.errorsByRule.empty() ? 1 : report.errorsByRule.size();
        tests += cases;
        failures += report.errorsByRule.size();
        suites << "  <testsuite name=\"" << xml(file) << "\" tests=\"" << cases << "\" failures=\""
               << report.errorsByRule.size() << "\" errors=\"0\" skipped=\"0\">\n";
        if (report.errorsByRule.empty())
            suites << "    <testcase classname=\"" << xml(file) << "\" name=\"no errors\"/>\n";
        for (const auto& [rule, found] : report.errorsByRule) {
            suites << "    <testcase classname=\"" << xml(file) << "\" name=\"" << xml(rule) << "\">\n"
                   << "      <failure type=\"" << xml(rule) << "\" message=\"" << found.size()
                   << (found.size() == 1 ? " error: " : " errors, first: ") << xml(found.front()->message) << "\">";
            for (const Diagnostic* d : found) suites << "\n" << xml(formatDiagnostic(*d), true);
            suites << "\n      ";
            suites << "</failure>\n    </testcase>\n";
        }
        if (!report.others.empty()) {
            suites << "    <system-out>";
            for (const Diagnostic* d : report.others) suites << "\n" << xml(formatDiagnostic(*d), true);
            suites << "\n    ";
            suites << "</system-out>\n";
        }
        suites << "  </testsuite>\n";
    }
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<testsuites name=\"quire validate\" tests=\"" << tests << "\" failures=\"" << failures << "\" errors=\"0\">\n"
        << suites.str() << "</testsuites>\n";
    return out.str();
}

} // namespace quire::validate
