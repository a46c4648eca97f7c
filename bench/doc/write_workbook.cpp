// Writes the benchmarks' generated workbook to a file, for measuring whole programs on it
// (scripts/bench-ide-open.sh): write_bench_workbook ELEMENTS OUT.yaml|OUT.json [COLUMNS=20].
#include "generate_workbook.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: write_bench_workbook ELEMENTS OUT.yaml|OUT.json [COLUMNS]\n";
        return 2;
    }
    const int elements = std::atoi(argv[1]);
    const int columns = argc > 3 ? std::atoi(argv[3]) : 20;
    if (elements <= 0 || elements > 1'000'000 || columns <= 0 || columns > 1000) {
        std::cerr << "ELEMENTS must be 1..1000000 and COLUMNS 1..1000\n";
        return 2;
    }
    const auto workbook = quire::bench::generateWorkbook(elements, columns);
    const std::string out = argv[2];
    std::ofstream file(out, std::ios::binary);
    file << (out.ends_with(".json") ? workbook.json : workbook.yaml);
    return file.good() ? 0 : 1;
}
