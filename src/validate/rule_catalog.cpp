// The catalogue of every rule the validator reports: code, severity, one line. `quire validate --list-rules`
// and docs/validator.md are generated from / checked against this list.
#include <quire/validate/validator.h>

#include <algorithm>

namespace quire::validate {

const std::vector<RuleInfo>& allRules() {
    using S = Severity;
    static const std::vector<RuleInfo> rules{
        // document body
        {"contents/missing", S::Error, "the document has a `contents` (or legacy `document`) object"},
        {"contents/legacy-document-key", S::Warning, "the body is under `document`, which Sigma's API ignores"},
        {"contents/missing-key", S::Error, "the body has schemaVersion, kind, elements and pages"},
        {"contents/not-workbook", S::Error, "`contents.kind` is `workbook`"},
        {"contents/legacy-theme-key", S::Warning, "no removed themeName/themeOverrides keys"},
        {"contents/nested-elements", S::Error, "pages, overlays and panels do not list `elements`"},
        {"contents/empty-layout", S::Error, "a workbook with elements has a non-empty layout"},
        {"contents/too-deep", S::Error, "the body nests no deeper than the loader's limit (512 levels)"},
        {"envelope/missing-name", S::Warning, "the envelope has `name` (required to create a workbook)"},
        {"envelope/missing-folder-id", S::Warning, "the envelope has `folderId` (required to create a workbook)"},
        // ids
        {"ids/duplicate-page", S::Error, "page ids are unique"},
        {"ids/duplicate-overlay", S::Error, "overlay ids are unique"},
        {"ids/duplicate-panel", S::Error, "panel ids are unique"},
        {"ids/duplicate-region-id", S::Error, "pages, overlays and panels do not share an id"},
        {"ids/duplicate-element", S::Error, "element ids are unique"},
        {"ids/duplicate-column", S::Error, "column ids are unique within an element"},
        {"ids/duplicate-action", S::Error, "action ids are unique across the workbook"},
        {"ids/duplicate-control-id", S::Error, "control handles (controlId) are unique"},
        // layout
        {"layout/parse-error", S::Error, "the layout XML is well formed"},
        {"layout/unknown-element", S::Error, "every layout elementId names an element"},
        {"layout/unplaced-element", S::Error, "every element is placed in the layout"},
        {"layout/duplicate-placement", S::Error, "no element is placed twice"},
        {"layout/unknown-region", S::Error, "every layout region id is a page, overlay or panel id"},
        {"layout/duplicate-region", S::Error, "no two layout regions share an id"},
        {"layout/missing-region", S::Warning, "every page, overlay and panel has a layout region"},
        {"layout/legacy-tag", S::Error, "no legacy <LayoutElement>/<GridContainer> tags"},
        {"layout/invalid-grid", S::Error, "gridColumn/gridRow are readable grid-line spans"},
        {"layout/grid-overflow", S::Error, "column spans stay within the parent grid's columns"},
        {"layout/page-break-rows", S::Error, "a page-break spans exactly one row"},
        {"layout/tab-count", S::Error, "a tabbed container has as many <Tab> blocks as `tabs` entries"},
        {"layout/tab-child", S::Error, "<Tab> holds only <Element> children"},
        // sources and columns
        {"source/unknown-element", S::Error, "table/linked sources name an existing element"},
        {"source/unknown-grouping", S::Error, "a source's groupingId exists on the source element"},
        {"source/missing-field", S::Error, "a source has the fields its kind requires"},
        {"source/path-depth", S::Error, "a warehouse path has 2 or 3 parts"},
        {"source/union-columns", S::Error, "union sourceColumns align with the union's sources"},
        {"source/cycle", S::Error, "elements are not sourced from themselves, directly or indirectly"},
        {"source/too-deep", S::Error, "sources nest (join, union, transpose legs) at most 128 levels deep"},
        {"column/missing-formula", S::Error, "every column of a sourced element has a formula"},
        {"column/self-reference", S::Error, "a column formula does not reference the column's own name"},
        {"formula/unknown-prefix", S::Error, "[Prefix/Col] uses the source's name (table) or table name (warehouse)"},
        {"formula/unknown-column", S::Error, "formula references resolve to a source column, a sibling or a control"},
        // full formula check (quire_formula's parser and checker)
        {"formula/syntax", S::Error, "the formula parses: balanced brackets and quotes, operators with operands"},
        {"formula/too-deep", S::Error, "the formula nests no deeper than the parser's limit (200 levels: parentheses, calls, and each operator of a chain)"},
        {"formula/unknown-function", S::Error, "every function is one of Sigma's (with a did-you-mean suggestion)"},
        {"formula/arity", S::Error, "functions get the number of arguments they take"},
        {"formula/type", S::Error, "arguments and operands have the types the function or operator needs"},
        {"formula/nested-aggregate", S::Error, "no aggregate inside another aggregate"},
        {"formula/mixed-aggregate", S::Error, "a formula does not mix aggregated and row-level values"},
        {"formula/window-argument", S::Error, "window functions get the arguments they need (offsets, frame sizes)"},
        {"formula/date-part", S::Error, "date parts are one of year, quarter, month, week, day, hour, minute, second, ..."},
        // element settings
        {"chart/unknown-column", S::Error, "chart channels name the element's own columns"},
        {"chart/channel-reuse", S::Error, "a column is used by one channel only"},
        {"chart/yaxis2-not-subset", S::Error, "yAxis2 columns are also on yAxis"},
        {"chart/donut-hole-equals-value", S::Error, "a donut's holeValue differs from its value"},
        {"chart/color-missing-by", S::Error, "cartesian/map `color` is an object with `by`"},
        {"chart/trellis-unsupported", S::Warning, "trellis only on bar, line, area, combo, scatter, donut"},
        {"grouping/unknown-column", S::Error, "grouping groupBy/calculations/sort name the element's columns"},
        {"sort/unknown-column", S::Error, "sort entries name the element's columns"},
        {"pivot/unknown-column", S::Error, "pivot values/rowsBy/columnsBy name the element's columns"},
        {"filter/unknown-column", S::Error, "an element filter's columnId exists on the element"},
        {"filter/duplicate-column", S::Error, "at most one element filter per column"},
        // controls
        {"control/unknown-target", S::Error, "control filters target existing elements"},
        {"control/unknown-target-column", S::Error, "control filter columnId exists on the target element"},
        {"control/map-target", S::Error, "controls do not source or target maps"},
        {"control/unknown-value-source", S::Error, "a control's value source element and column exist"},
        {"control/list-missing-field", S::Error, "list controls have source, mode, selectionMode and values"},
        {"control/slider-missing-mode", S::Error, "slider controls have a mode"},
        {"control/synced-unknown", S::Error, "a synced control references an existing primary control handle"},
        // actions
        {"action/illegal-trigger", S::Error, "the trigger is available on the host element kind"},
        {"action/unknown-effect", S::Error, "effect kinds are known"},
        {"action/missing-field", S::Error, "effects carry their required fields"},
        {"action/wrong-key", S::Error, "`*Id` vs bare key spellings follow Sigma's quirks"},
        {"action/unknown-target", S::Error, "referenced pages, overlays, controls, elements and tabs exist"},
        {"action/not-input-table", S::Error, "row effects target an input table"},
        {"action/tab-index", S::Error, "select-tab index is within the container's tabs"},
        // style, agents
        {"style/container-padding", S::Error, "container style.padding is absent or `none`"},
        {"style/padding-with-border", S::Error, "`padding: none` is not combined with borderColor/borderWidth"},
        {"style/hex-color", S::Error, "colours are hex or theme references"},
        {"agent/unknown-agent", S::Error, "chat elements name an agent of the workbook"},
        // JSON Schema (schemas/workbook.schema.json)
        {"schema/required", S::Error, "schema: a required property is present"},
        {"schema/type", S::Error, "schema: values have the right JSON type"},
        {"schema/enum", S::Error, "schema: enumerated fields (kinds, modes, stacking, ...) use a known value"},
        {"schema/const", S::Error, "schema: fixed values match"},
        {"schema/min-length", S::Error, "schema: strings (ids) are not empty"},
        {"schema/max-length", S::Error, "schema: strings are not too long"},
        {"schema/min-items", S::Error, "schema: arrays are not too short"},
        {"schema/max-items", S::Error, "schema: arrays are not too long"},
        {"schema/minimum", S::Error, "schema: numbers are not too small"},
        {"schema/maximum", S::Error, "schema: numbers are not too large"},
        {"schema/not", S::Error, "schema: a forbidden shape is absent"},
        {"schema/any-of", S::Error, "schema: a value matches one of the allowed shapes"},
        {"schema/one-of", S::Error, "schema: a value matches exactly one allowed shape"},
        {"schema/items", S::Error, "schema: array items match their schema"},
        {"schema/properties", S::Error, "schema: properties match their schema"},
        {"schema/if-then", S::Error, "schema: kind-specific fields match the kind"},
        {"schema/unknown-property", S::Error, "schema: no unknown keys where the schema lists them all (quire.yaml)"},
        {"schema/other", S::Error, "schema: any other schema violation"},
        {"schema/invalid-schema", S::Error, "the JSON Schema itself can be read"},
    };
    return rules;
}

const RuleInfo* findRule(std::string_view code) {
    const auto& rules = allRules();
    auto it = std::find_if(rules.begin(), rules.end(), [&](const RuleInfo& r) { return r.code == code; });
    return it == rules.end() ? nullptr : &*it;
}

} // namespace quire::validate
