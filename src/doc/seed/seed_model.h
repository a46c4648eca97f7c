#pragma once
// The compact seed as plain structs, read from the seed tree with located diagnostics (seed_parse.cpp)
// and turned into a Sigma document (seed_build.cpp).
#include <quire/doc/document.h>
#include <quire/core/rules.h>

#include <string>
#include <vector>

namespace quire::doc::seed {

struct DataSource {
    std::string name, type, connection, database, schema, table;
    std::string pointer;
};

struct Column {
    std::string name, type, format;
    std::string pointer;
};

struct Element {
    std::string type, name, dataSource;
    std::vector<Column> columns;
    std::string pointer;
};

struct Parameter {
    std::string name, type;
};

struct Action {
    std::string name, type, target;
    std::vector<Parameter> parameters;
    std::string pointer;
};

struct Workbook {
    std::string name, version, description;
    std::vector<DataSource> dataSources;
    std::vector<Element> elements;
    std::vector<Action> actions;
};

class Diagnostics {
public:
    explicit Diagnostics(const Document& seed) : seed_(seed) {}
    void error(RuleCode rule, const std::string& pointer, std::string message) {
        add(Severity::Error, rule, pointer, std::move(message));
    }
    void warning(RuleCode rule, const std::string& pointer, std::string message) {
        add(Severity::Warning, rule, pointer, std::move(message));
    }
    std::vector<Diagnostic> take() { return std::move(list_); }
    bool hasErrors() const { return quire::hasErrors(list_); }

private:
    void add(Severity s, RuleCode rule, const std::string& pointer, std::string message) {
        Diagnostic d;
        d.severity = s;
        d.rule = rule;
        d.message = std::move(message);
        d.pointer = pointer;
        d.location = seed_.locate(pointer);
        list_.push_back(std::move(d));
    }
    const Document& seed_;
    std::vector<Diagnostic> list_;
};

Workbook parse(const Document& seed, Diagnostics& diagnostics);
Json build(const Workbook& workbook, const std::string& folderId, Diagnostics& diagnostics);

// "User Metrics" / "user_metrics" -> "user-metrics" (lower case, runs of other characters -> one '-').
std::string slug(const std::string& text);

} // namespace quire::doc::seed
