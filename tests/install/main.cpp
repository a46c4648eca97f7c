// A program outside the Quire source tree that uses the installed libraries (see run-install-test.sh):
// validates each workbook named on the command line and compiles one formula for PostgreSQL.
#include <quire/core/diagnostic.h>
#include <quire/sql/compiler.h>
#include <quire/sql/dialect.h>
#include <quire/validate/validator.h>

#include <iostream>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: quire_embed WORKBOOK...\n";
        return 2;
    }
    for (int i = 1; i < argc; ++i) {
        const quire::validate::FileValidation result = quire::validate::validateFile(argv[i]);
        int errors = 0, warnings = 0;
        for (const quire::Diagnostic& d : result.diagnostics) {
            if (d.severity == quire::Severity::Error) ++errors;
            if (d.severity == quire::Severity::Warning) ++warnings;
            std::cout << quire::formatDiagnostic(d) << '\n';
        }
        std::cout << "validated " << argv[i] << ": loaded=" << (result.loaded ? "yes" : "no") << " errors=" << errors
                  << " warnings=" << warnings << '\n';
    }

    const auto resolve = [](const quire::sql::Reference& ref) -> quire::sql::Resolution {
        if (ref.name == "Amount") return quire::sql::ColumnSql{"\"t\".\"AMOUNT\"", quire::formula::Type::Number};
        if (ref.name == "Order Date") return quire::sql::ColumnSql{"\"t\".\"ORDER_DATE\"", quire::formula::Type::Date};
        return quire::sql::ResolveError{"unknown column " + ref.name};
    };
    const auto& postgres = quire::sql::dialect(quire::sql::DialectId::PostgreSQL);
    const quire::sql::CompiledExpression compiled =
        quire::sql::compileFormula("If([Amount] > 100, DateTrunc(\"month\", [Order Date]), Today())", postgres, resolve);
    for (const quire::Diagnostic& d : compiled.diagnostics) std::cout << quire::formatDiagnostic(d) << '\n';
    if (!compiled.ok()) return 1;
    std::cout << "sql (" << postgres.name() << "): " << compiled.sql << '\n';
    std::cout << "parameters: " << compiled.parameters.size() << '\n';
    return 0;
}
