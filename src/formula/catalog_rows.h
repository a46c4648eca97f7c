#pragma once
#include <vector>

namespace quire::formula::detail {

struct CatalogRow {
    const char* name;
    const char* category;
    char kind;            // A aggregate, W window, R row-level
    const char* params;   // see catalog_table.cpp
    const char* returns;
    const char* description;
    const char* aliasOf;
    const char* example;  // a formula over the example columns of docs/functions.md (the sample warehouse's orders)
};

const std::vector<CatalogRow>& catalogRows();

} // namespace quire::formula::detail
