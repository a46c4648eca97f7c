#pragma once
// The YAML reader's fast path. Workbook YAML nearly always has one shape: block mappings and sequences, one-line
// plain and quoted scalars, literal and folded block scalars, one-line flow sequences, comments. That shape is read
// here without libyaml, several times faster (libyaml was two thirds of a YAML load, see docs/performance.md).
//
// The fast path never decides what a text means where it could differ from libyaml: anything outside the shape
// (anchors, aliases, tags, directives, multi-line plain or quoted scalars, tabs in indentation, keep chomping, a
// document marker after the first line...) and every error (duplicate keys, a number out of range, a key on a
// continuation line...) returns nullopt, and the caller reads the whole text with libyaml, which then builds the
// tree or reports the located error. Where the fast path does build a tree, it is the tree libyaml's reader builds,
// with the same positions: tests/doc/test_yaml_fast_path.cpp and tests/fuzz/fuzz_yaml_fast_path.cpp compare the
// two on every input.
#include <quire/core/json.h>
#include <quire/doc/document.h>

#include <optional>
#include <string_view>

namespace quire::doc::detail {

// `text` is valid UTF-8 without a byte-order mark and within the reader's depth pre-scan. With `positions`, only
// the positions are recorded (for mapping members, of the key), as the libyaml reader's positions pass does, and the
// returned value is null on success.
std::optional<Json> readYamlFast(std::string_view text, int maxDepth, SourceMap* positions = nullptr);

} // namespace quire::doc::detail
