#pragma once
// The one catalogue of every diagnostic code Quire reports, in every layer: reading files (io/, json/, yaml/),
// the seed importer (seed/), the validator (contents/ ... schema/), formulas and SQL (formula/, sql/), the preview
// (preview/) and publishing (publish/). Each code is declared once here with its default severity and one line
// saying what it checks; `quire validate --list-rules` prints this table and tests check that the docs list
// every code.
//
// Code that reports a diagnostic names its code through RuleCode, whose constructor from a string literal runs
// at compile time: a code missing from this table (a typo, a new code not declared) does not compile.
#include <quire/core/diagnostic.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace quire {

struct RuleInfo {
    std::string_view code;
    Severity severity; // the default; a few sites report a code at another severity
    std::string_view description;
};

inline constexpr RuleInfo kRuleCatalogue[] = {
        // document body
        {"contents/missing", Severity::Error, "the document has a `contents` (or legacy `document`) object"},
        {"contents/legacy-document-key", Severity::Warning, "the body is under `document`, which Sigma's API ignores"},
        {"contents/missing-key", Severity::Error, "the body has schemaVersion, kind, elements and pages"},
        {"contents/not-workbook", Severity::Error, "`contents.kind` is `workbook`"},
        {"contents/legacy-theme-key", Severity::Warning, "no removed themeName/themeOverrides keys"},
        {"contents/nested-elements", Severity::Error, "pages, overlays and panels do not list `elements`"},
        {"contents/empty-layout", Severity::Error, "a workbook with elements has a non-empty layout"},
        {"contents/too-deep", Severity::Error, "the body nests no deeper than the loader's limit (512 levels)"},
        {"contents/converter-envelope", Severity::Error, "the document is not wrapped in a converter envelope `{workbook: {...}}`"},
        {"contents/page-hidden-key", Severity::Warning, "pages hide with `visibility: hidden`, not `hidden: true`"},
        {"envelope/missing-name", Severity::Warning, "the envelope has `name` (required to create a workbook)"},
        {"envelope/missing-folder-id", Severity::Warning, "the envelope has `folderId` (required to create a workbook)"},
        // ids
        {"ids/duplicate-page", Severity::Error, "page ids are unique"},
        {"ids/duplicate-overlay", Severity::Error, "overlay ids are unique"},
        {"ids/duplicate-panel", Severity::Error, "panel ids are unique"},
        {"ids/duplicate-region-id", Severity::Error, "pages, overlays and panels do not share an id"},
        {"ids/duplicate-element", Severity::Error, "element ids are unique"},
        {"ids/duplicate-column", Severity::Error, "column ids are unique within an element"},
        {"ids/duplicate-action", Severity::Error, "action ids are unique across the workbook"},
        {"ids/duplicate-control-id", Severity::Error, "control handles (controlId) are unique"},
        // layout
        {"layout/parse-error", Severity::Error, "the layout XML is well formed"},
        {"layout/unknown-element", Severity::Error, "every layout elementId names an element"},
        {"layout/unplaced-element", Severity::Error, "every element is placed in the layout"},
        {"layout/duplicate-placement", Severity::Error, "no element is placed twice"},
        {"layout/unknown-region", Severity::Error, "every layout region id is a page, overlay or panel id"},
        {"layout/duplicate-region", Severity::Error, "no two layout regions share an id"},
        {"layout/missing-region", Severity::Warning, "every page, overlay and panel has a layout region"},
        {"layout/legacy-tag", Severity::Error, "no legacy <LayoutElement>/<GridContainer> tags"},
        {"layout/invalid-grid", Severity::Error, "gridColumn/gridRow are readable grid-line spans"},
        {"layout/grid-overflow", Severity::Error, "column spans stay within the parent grid's columns"},
        {"layout/page-break-rows", Severity::Error, "a page-break spans exactly one row"},
        {"layout/tab-count", Severity::Error, "a tabbed container has as many <Tab> blocks as `tabs` entries"},
        {"layout/tab-child", Severity::Error, "<Tab> holds only <Element> children"},
        // sources and columns
        {"source/unknown-element", Severity::Error, "table/linked sources name an existing element"},
        {"source/unknown-grouping", Severity::Error, "a source's groupingId exists on the source element"},
        {"source/missing-field", Severity::Error, "a source has the fields its kind requires"},
        {"source/path-depth", Severity::Error, "a warehouse path has 2 or 3 parts"},
        {"source/union-columns", Severity::Error, "union sourceColumns align with the union's sources"},
        {"source/cycle", Severity::Error, "elements are not sourced from themselves, directly or indirectly"},
        {"source/too-deep", Severity::Error, "sources nest (join, union, transpose legs) at most 128 levels deep"},
        {"column/missing-formula", Severity::Error, "every column of a sourced element has a formula"},
        {"column/self-reference", Severity::Error, "a column formula does not reference the column's own name"},
        {"formula/unknown-prefix", Severity::Error, "[Prefix/Col] uses the source's name (table) or table name (warehouse)"},
        {"formula/unknown-column", Severity::Error, "formula references resolve to a source column, a sibling or a control"},
        // full formula check (quire_formula's parser and checker)
        {"formula/syntax", Severity::Error, "the formula parses: balanced brackets and quotes, operators with operands"},
        {"formula/too-deep", Severity::Error, "the formula nests no deeper than the parser's limit (200 levels: parentheses, calls, and each operator of a chain)"},
        {"formula/unknown-function", Severity::Error, "every function is one of Sigma's (with a did-you-mean suggestion)"},
        {"formula/arity", Severity::Error, "functions get the number of arguments they take"},
        {"formula/type", Severity::Error, "arguments and operands have the types the function or operator needs"},
        {"formula/nested-aggregate", Severity::Error, "no aggregate inside another aggregate"},
        {"formula/mixed-aggregate", Severity::Error, "a formula does not mix aggregated and row-level values"},
        {"formula/window-argument", Severity::Error, "window functions get the arguments they need (offsets, frame sizes)"},
        {"formula/date-part", Severity::Error, "date parts are one of year, quarter, month, week, day, hour, minute, second, ..."},
        // element settings
        {"chart/unknown-column", Severity::Error, "chart channels name the element's own columns"},
        {"chart/channel-reuse", Severity::Error, "a column is used by one channel only"},
        {"chart/yaxis2-not-subset", Severity::Error, "yAxis2 columns are also on yAxis"},
        {"chart/donut-hole-equals-value", Severity::Error, "a donut's holeValue differs from its value"},
        {"chart/color-missing-by", Severity::Error, "cartesian/map `color` is an object with `by`"},
        {"chart/trellis-unsupported", Severity::Warning, "trellis only on bar, line, area, combo, scatter, donut"},
        {"chart/trellis-legacy", Severity::Warning, "the legacy trellis `{column, row, share, tileSize}` binds nothing; use rowsBy/columnsBy"},
        {"chart/series-type", Severity::Error, "a yAxis series `type` is bar, line, area or scatter"},
        {"chart/refmark-shape", Severity::Error, "a reference mark is a `line` or `band` on `x-axis`, `series` or `series2`; a band has an `endValue`"},
        {"chart/refmark-value", Severity::Error, "reference mark values are wrapped `{type: formula, formula}`"},
        {"chart/refmark-label", Severity::Error, "a reference mark `label` says `visibility: shown`"},
        {"chart/trendline-precondition", Severity::Error, "trend lines need an xAxis, no stacking and no colour channel"},
        {"chart/trendline-model", Severity::Error, "a trend line's `model` is linear, quadratic, polynomial, exponential, logarithmic or power, on a yAxis column"},
        {"chart/label-display", Severity::Error, "`dataLabel.labelDisplay` is auto, minimum, maximum, min-max or all"},
        {"chart/legend-shape", Severity::Error, "`legend` is exactly `{visibility: hidden}` or `{position, fontSize, ...}` with a known position"},
        {"chart/tooltip-shape", Severity::Error, "a chart `tooltip` is `{columnIds, columnNames, multiSeries, valueFormat}` (shown/hidden toggles), a map `tooltip` a list of `{columnId}`"},
        {"chart/inner-radius", Severity::Error, "a donut's `innerRadius` is a number between 0 and 1"},
        {"chart/region-type", Severity::Error, "a region map's `region.regionType` is country, us-state, us-county, us-zipcode, us-cbsa, us-postal-place or ca-province"},
        {"chart/map-channel", Severity::Warning, "a point map has `latitude` and `longitude`, a region map a `region`, a geography map a `geography`"},
        {"kpi/comparison-without-column", Severity::Error, "a KPI `comparison` needs a `comparisonColumn`"},
        {"kpi/comparison-display", Severity::Warning, "KPI `comparison.display` is `delta` (other displays are kept, not drawn)"},
        {"kpi/layout-value", Severity::Error, "KPI `layout` anchor is left/center/right, verticalAnchor top/center/bottom, titleOrient and comparisonValueOrient top/bottom/left/right"},
        {"kpi/font-size", Severity::Error, "a KPI `value.fontSize` is a positive number or `auto`"},
        {"table/conditional-format", Severity::Error, "conditional formats have a known type (single, backgroundScale, fontScale, dataBars) and a single rule a known condition"},
        {"table/conditional-format-column", Severity::Error, "conditional format `columnIds` name the element's own columns"},
        {"table/style-value", Severity::Error, "`tableStyle` preset, cellSpacing, gridLines and banding use Sigma's values"},
        {"page/visibility", Severity::Error, "a page's `visibility` is `hidden` or `{kind: specific-users-and-teams, assignments}`"},
        {"grouping/unknown-column", Severity::Error, "grouping groupBy/calculations/sort name the element's columns"},
        {"sort/unknown-column", Severity::Error, "sort entries name the element's columns"},
        {"pivot/unknown-column", Severity::Error, "pivot values/rowsBy/columnsBy name the element's columns"},
        {"filter/unknown-column", Severity::Error, "an element filter's columnId exists on the element"},
        {"filter/duplicate-column", Severity::Error, "at most one element filter per column"},
        // controls
        {"control/unknown-target", Severity::Error, "control filters target existing elements"},
        {"control/unknown-target-column", Severity::Error, "control filter columnId exists on the target element"},
        {"control/map-target", Severity::Error, "controls do not source or target maps"},
        {"control/unknown-value-source", Severity::Error, "a control's value source element and column exist"},
        {"control/list-missing-field", Severity::Error, "list controls have source, mode, selectionMode and values"},
        {"control/slider-missing-mode", Severity::Error, "slider controls have a mode"},
        {"control/synced-unknown", Severity::Error, "a synced control references an existing primary control handle"},
        {"control/page-labels-shape", Severity::Error, "navigation `pageLabels` is a list of {pageId, label}"},
        {"control/drill-alignment", Severity::Error, "each drill target has one `columnIds` entry per category (null where it does not drill)"},
        {"control/drill-unknown-column", Severity::Error, "drill categories name columns of the control's source; target columnIds name columns of the target"},
        {"control/drill-value", Severity::Error, "a drill control's value is null or one of its category column ids"},
        // actions
        {"action/illegal-trigger", Severity::Error, "the trigger is available on the host element kind"},
        {"action/unknown-effect", Severity::Error, "effect kinds are known"},
        {"action/missing-field", Severity::Error, "effects carry their required fields"},
        {"action/wrong-key", Severity::Error, "`*Id` vs bare key spellings follow Sigma's quirks"},
        {"action/unknown-target", Severity::Error, "referenced pages, overlays, controls, elements and tabs exist"},
        {"action/not-input-table", Severity::Error, "row effects target an input table"},
        {"action/tab-index", Severity::Error, "select-tab index is within the container's tabs"},
        // style, agents
        {"style/container-padding", Severity::Error, "container style.padding is absent or `none`"},
        {"style/padding-with-border", Severity::Error, "`padding: none` is not combined with borderColor/borderWidth"},
        {"style/hex-color", Severity::Error, "colours are hex or theme references"},
        {"agent/unknown-agent", Severity::Error, "chat elements name an agent of the workbook"},
        // JSON Schema (schemas/workbook.schema.json)
        {"schema/required", Severity::Error, "schema: a required property is present"},
        {"schema/type", Severity::Error, "schema: values have the right JSON type"},
        {"schema/enum", Severity::Error, "schema: enumerated fields (kinds, modes, stacking, ...) use a known value"},
        {"schema/const", Severity::Error, "schema: fixed values match"},
        {"schema/min-length", Severity::Error, "schema: strings (ids) are not empty"},
        {"schema/max-length", Severity::Error, "schema: strings are not too long"},
        {"schema/min-items", Severity::Error, "schema: arrays are not too short"},
        {"schema/max-items", Severity::Error, "schema: arrays are not too long"},
        {"schema/minimum", Severity::Error, "schema: numbers are not too small"},
        {"schema/maximum", Severity::Error, "schema: numbers are not too large"},
        {"schema/not", Severity::Error, "schema: a forbidden shape is absent"},
        {"schema/any-of", Severity::Error, "schema: a value matches one of the allowed shapes"},
        {"schema/one-of", Severity::Error, "schema: a value matches exactly one allowed shape"},
        {"schema/items", Severity::Error, "schema: array items match their schema"},
        {"schema/properties", Severity::Error, "schema: properties match their schema"},
        {"schema/if-then", Severity::Error, "schema: kind-specific fields match the kind"},
        {"schema/unknown-property", Severity::Error, "schema: no unknown keys where the schema lists them all (quire.yaml)"},
    {"schema/other", Severity::Error, "schema: any other schema violation"},
        {"schema/invalid-schema", Severity::Error, "the JSON Schema itself can be read"},

        // --- reading documents (src/doc/io): docs/document-model.md
        {"io/read-failed", Severity::Error, "the file can be opened and read"},
        {"io/too-large", Severity::Error, "the file is not larger than the size limit (1 GiB; 16 MiB for the connections file)"},
        {"io/too-deep", Severity::Error, "the document nests no deeper than the loader's limit (512 levels)"},
        {"io/invalid-utf8", Severity::Error, "the text (and every YAML scalar after unescaping) is valid UTF-8"},
        {"io/nul-byte", Severity::Error, "the text holds no NUL byte (YAML and JSON text cannot; a binary file is refused at the first one)"},
        {"json/syntax", Severity::Error, "the file is well-formed JSON"},
        {"json/duplicate-key", Severity::Error, "no object repeats a key"},
        {"json/number-out-of-range", Severity::Error, "numbers fit a 64-bit integer or a finite double without becoming 0 or infinity"},
        {"json/not-an-object", Severity::Error, "the top level of a workbook file is an object"},
        {"yaml/syntax", Severity::Error, "the file is well-formed YAML (and aliases name a defined anchor)"},
        {"yaml/duplicate-key", Severity::Error, "no mapping repeats a key"},
        {"yaml/complex-key", Severity::Error, "mapping keys are plain strings"},
        {"yaml/multiple-documents", Severity::Error, "the file holds exactly one YAML document"},
        {"yaml/not-a-mapping", Severity::Error, "the top level of a workbook file is a mapping"},
        {"yaml/alias-expansion", Severity::Error, "aliases expand to no more than the alias limits (count and bytes)"},
        {"yaml/number-out-of-range", Severity::Error, "numbers fit a 64-bit integer or a finite double without becoming 0 or infinity"},
        {"yaml/unsupported-tag", Severity::Error, "no tags other than the core schema's (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)"},
        {"yaml/tag-mismatch", Severity::Error, "a tag matches the node it is on (a scalar tag on a scalar, ...)"},
        {"layout/xml-syntax", Severity::Error, "the layout XML is well formed (the layout parser)"},
        // --- compact seed import (src/doc/seed): docs/document-model.md
        {"seed/not-a-seed", Severity::Error, "a compact seed starts with a `workbook:` mapping"},
        {"seed/missing-field", Severity::Error, "seed entries have their required fields"},
        {"seed/wrong-type", Severity::Error, "seed fields are text values where text is expected"},
        {"seed/duplicate-name", Severity::Error, "data source names are unique"},
        {"seed/unknown-data-source", Severity::Error, "elements name a defined data source"},
        {"seed/unsupported-element", Severity::Error, "element types are ones the importer converts"},
        {"seed/unsupported-action", Severity::Error, "action types are ones the importer converts"},
        {"seed/unknown-target", Severity::Error, "actions target a defined element, page or control"},
        {"seed/short-path", Severity::Warning, "data source tables are qualified (database.schema.table)"},
        {"seed/no-columns", Severity::Warning, "elements list at least one column"},
        {"seed/unknown-format", Severity::Warning, "column formats are ones Sigma knows"},
        {"seed/added-date-column", Severity::Warning, "date-range controls target a date column (one is added otherwise)"},
        // --- SQL compilation (src/sql): docs/formulas.md
        {"formula/literal-required", Severity::Error, "arguments that must be literals (date parts, sort directions) are text literals"},
        {"sql/unsupported", Severity::Error, "the formula uses only what the connection's SQL dialect can express"},
        {"sql/list-control", Severity::Error, "a list control is used where a list of values can be (In, comparisons)"},
        {"sql/needs-planner", Severity::Error, "elements that need the preview planner (groupings, joins, ...) are not compiled as a plain table select"},
        {"sql/no-columns", Severity::Error, "an element compiled to SQL has at least one column"},
        {"sql/too-large", Severity::Error, "inlined sibling columns stay within the SQL size and depth limits"},
        {"sql/no-persona", Severity::Error, "CurrentUser*() functions have a persona to view as (--as, or a default persona)"},
        {"sql/user-attribute", Severity::Error, "CurrentUserAttribute*() names an attribute the persona has, of the function's type"},
        // --- preview (src/preview): docs/preview.md
        {"preview/control-without-id", Severity::Error, "every control has a controlId the preview can bind"},
        {"preview/unknown-control-type", Severity::Warning, "control kinds are ones the preview knows"},
        {"preview/duplicate-control-id", Severity::Error, "control handles are unique (the preview keeps one value per handle)"},
        {"preview/synced-without-primary", Severity::Error, "a synced control has its primary control"},
        {"preview/drill-level", Severity::Warning, "a drill control's value is one of its categories (else its targets show the outermost level)"},
        {"preview/unknown-element", Severity::Error, "the previewed element exists"},
        {"preview/no-columns", Severity::Error, "the previewed element has columns"},
        {"preview/not-planned", Severity::Error, "the element uses only what the preview plans (the card says what is not previewed yet)"},
        {"preview/bad-parameter", Severity::Error, "every bound parameter has a value"},
        {"preview/bad-source", Severity::Error, "the element's source is complete (kind, path, joins, element)"},
        {"preview/source", Severity::Error, "the element's source can be planned"},
        {"preview/source-cycle", Severity::Error, "elements are not sourced from each other in a cycle"},
        {"preview/custom-sql", Severity::Error, "a Custom SQL source is one statement the preview can wrap"},
        {"preview/ambiguous-leg", Severity::Error, "join legs have distinct names"},
        {"preview/cross-connection", Severity::Error, "the legs of a join or union read one connection"},
        {"preview/unknown-column", Severity::Error, "referenced columns exist on the element they name"},
        {"preview/bad-grouping", Severity::Error, "a grouping named by the element exists"},
        {"preview/grouping", Severity::Error, "groupings are objects with known columns"},
        {"preview/filter", Severity::Error, "element and control filters can be applied to the element's columns"},
        {"preview/pivot", Severity::Error, "pivot fields name formula columns"},
        {"preview/pivot-sort", Severity::Warning, "a pivot sort is previewed as Sigma sorts it (else by the key)"},
        {"preview/unknown-host", Severity::Error, "an action's host element or overlay exists"},
        {"preview/bad-trigger", Severity::Error, "the action's trigger is legal for its host"},
        {"preview/condition", Severity::Error, "an action's condition evaluates"},
        {"preview/no-effects", Severity::Error, "an action has effects"},
        {"preview/unknown-effect", Severity::Warning, "effect kinds are ones the preview runs"},
        {"preview/bad-effect", Severity::Error, "an effect has the fields its kind needs"},
        {"preview/unknown-control", Severity::Error, "an effect's control exists"},
        {"preview/value-source", Severity::Error, "a set-control value source yields a value"},
        {"preview/bad-value", Severity::Error, "a value fits the control it is set on"},
        {"preview/unknown-scope", Severity::Error, "a clear-controls scope names an existing page or container"},
        {"preview/unknown-page", Severity::Error, "a navigate effect names an existing page"},
        {"preview/bad-target", Severity::Error, "a navigate target has a known type"},
        {"preview/unknown-overlay", Severity::Error, "an open-overlay effect names an existing modal or popover"},
        {"preview/bad-tab", Severity::Error, "a select-tab effect names a tab index"},
        {"preview/not-input-table", Severity::Error, "row effects target an input table"},
        {"preview/bad-values", Severity::Error, "row effect values are an object of column values"},
        {"preview/bad-which-rows", Severity::Error, "row effects say which rows (primary keys)"},
        {"preview/which-rows", Severity::Error, "the formula that picks rows evaluates"},
        {"preview/no-current-row", Severity::Error, "a current-row effect runs inside an input-table row"},
        // --- map shapes and geography values (src/geo): docs/ide.md
        {"geo/bad-geometry", Severity::Error, "a geography value is WKT or GeoJSON a map can draw, within the reader's size, depth and vertex limits"},
        {"geo/bad-region-file", Severity::Error, "a region shape file (resources/geo) is well formed"},
        // --- publish and pull (src/publish): docs/publishing.md
        {"publish/no-contents", Severity::Error, "the published document has a workbook body"},
        {"publish/dry-run", Severity::Error, "Sigma's dry run accepts the document"},
        {"publish/dry-run-warning", Severity::Warning, "Sigma's dry run has no warnings"},
        {"publish/api", Severity::Error, "the Sigma API accepts the request (the server's message, located when it names a path)"},
        {"publish/readback", Severity::Warning, "the published workbook can be read back for the sidecar"},
        {"publish/host", Severity::Error, "the Sigma API host is given (flag, environment variable, or a Sigma region host named by quire.yaml or the sidecar) and may receive credentials (https; http only to loopback)"},
        {"publish/credentials", Severity::Error, "the client id and secret are in the environment or the secret store for the profile"},
        {"publish/sidecar", Severity::Error, "the sidecar next to a workbook (`<file>.sigma.json`) is readable, an object with a string workbookId or an `environments` object, and its fields have their types"},
        {"publish/base-snapshot", Severity::Error, "the base snapshot next to the sidecar exists, matches its hash and parses"},
    {"publish/tag", Severity::Error, "the version tag given with --tag is applied to the written workbook"},
    {"publish/grants", Severity::Error, "the sharing declared in quire.yaml is applied to the written workbook (grants API)"},
    {"sharing/unknown-grantee", Severity::Error, "every user (email) and team (name) a grant in quire.yaml names exists in Sigma, once"},
    {"sharing/duplicate-grantee", Severity::Error, "a grantee appears once in a `sharing` list"},
    {"personas/pull", Severity::Error, "Sigma's members, teams and user attributes can be read and are of the documented shape (quire personas pull)"},
    // --- environments and promotion (quire.yaml, publish --env, promote, history): docs/deploy.md
    {"project/environment-name", Severity::Error, "environment names match [a-z][a-z0-9_-]{0,31}"},
    {"project/unknown-region", Severity::Error, "an environment's region is a Sigma region"},
    {"project/untrusted-host", Severity::Error, "an environment's apiHost is one of Sigma's region API hosts (a committed file never chooses where credentials go)"},
    {"project/host-conflict", Severity::Error, "an environment's region and apiHost name the same host"},
    {"project/profile", Severity::Error, "credential profile names use letters, digits, '.', '-' and '_'"},
    {"project/name-pattern", Severity::Error, "workbookName has no braces other than {name}"},
    {"project/connection-id", Severity::Error, "connection ids in an environment's mapping are not empty"},
    {"deploy/unmapped-connection", Severity::Error, "every connection the workbook uses is mapped for the target environment"},
    {"deploy/ambiguous-mapping", Severity::Error, "the source environment's mapping can be inverted (no two source connections map to one id)"},
    {"deploy/too-deep", Severity::Error, "the mapped body nests no deeper than 512 levels"},
    {"history/object", Severity::Error, "a stored publish body (.quire/history/objects) exists and matches its SHA-256 name"},
    {"history/bad-line", Severity::Warning, "every line of .quire/history/*.jsonl is a valid publish record"},
    // --- governance (quire.personas.yaml, --as, columnSecurities, page visibility): docs/governance.md
    {"personas/email", Severity::Error, "a persona's email is one address: text@domain without spaces or control characters"},
    {"personas/duplicate-email", Severity::Error, "persona emails are unique (case-insensitive)"},
    {"personas/several-defaults", Severity::Error, "at most one persona is marked `default: true`"},
    {"personas/warehouse-role", Severity::Error, "warehouse role names have no control characters"},
    {"personas/unknown", Severity::Error, "the persona named with --as is in the personas file"},
    {"personas/no-file", Severity::Error, "a personas file exists when --as is given"},
    {"security/masked-column", Severity::Info, "a column restricted by columnSecurities is masked for the persona (not queried)"},
    {"security/restricted-dependency", Severity::Warning, "a column, filter or element that reads a masked column is not shown to the persona"},
    {"security/hidden-page", Severity::Info, "a page hidden from the persona (visibility) is skipped"},
    {"security/unknown-column", Severity::Error, "columnSecurities restrict columns of their own element"},
    {"security/leak", Severity::Error, "a column restricted by columnSecurities does not flow into an element, chart, control or export without the same restriction"},
    {"security/navigate-hidden-page", Severity::Warning, "a navigate action or navigation option that viewers can see leads to a page hidden from them"},
    {"security/persona-default", Severity::Warning, "a control's default value does not depend on who is viewing (CurrentUser*): viewers can change it"},
    // --- the audit log ($XDG_DATA_HOME/quire/audit.jsonl): docs/governance.md "Audit log"
    {"audit/write-failed", Severity::Warning, "the audit log can be written (the action itself goes on when it cannot)"},
    {"audit/unreadable", Severity::Error, "the audit log can be read"},
    {"audit/garbage", Severity::Error, "every line of the audit log is one audit entry (a JSON object, at most 64 KiB, flat)"},
    {"audit/edited", Severity::Error, "every audit entry still matches its own hash and the next entry's `prev`"},
    {"audit/removed", Severity::Error, "no audit entry is missing from the hash chain"},
    {"audit/reordered", Severity::Error, "audit entries are in the order they were written"},
    {"audit/truncated", Severity::Error, "the audit log ends with its last written entry, on a complete line"},
    // --- git in the IDE (quire_vcs, the Changes dock): docs/version-control.md
    {"vcs/not-a-repository", Severity::Error, "the workbook is inside a git working tree (the Changes dock needs one)"},
    {"vcs/bare-repository", Severity::Error, "the repository has a working tree"},
    {"vcs/open-failed", Severity::Error, "the git repository can be opened"},
    {"vcs/status", Severity::Error, "git can read the working tree's status"},
    {"vcs/index", Severity::Error, "git can read and write the index"},
    {"vcs/head", Severity::Error, "git can read HEAD"},
    {"vcs/stage", Severity::Error, "a path can be staged"},
    {"vcs/unstage", Severity::Error, "a path can be unstaged"},
    {"vcs/empty-message", Severity::Error, "a commit has a message"},
    {"vcs/nothing-to-commit", Severity::Error, "a commit has staged changes"},
    {"vcs/no-identity", Severity::Error, "git's user.name and user.email are set for the commit's author"},
    {"vcs/unresolved-conflicts", Severity::Error, "no conflicts are left unresolved when committing"},
    {"vcs/commit", Severity::Error, "git can write the commit"},
    {"vcs/unknown-branch", Severity::Error, "the branch to switch to exists"},
    {"vcs/would-overwrite", Severity::Error, "switching branches does not overwrite local changes"},
    {"vcs/merge-in-progress", Severity::Error, "no merge is in progress when switching branches"},
    {"vcs/checkout", Severity::Error, "git can check out the branch"},
    {"vcs/branches", Severity::Error, "git can list the branches"},
    {"vcs/history", Severity::Error, "git can walk the file's history"},
    {"vcs/unknown-commit", Severity::Error, "the version asked for is a commit of the repository"},
    {"vcs/not-in-commit", Severity::Error, "the file exists in the version asked for"},
    {"vcs/read-blob", Severity::Error, "git can read the file's bytes at that version"},
    {"vcs/too-large", Severity::Error, "a version of the file is at most 256 MiB"},
    {"vcs/not-conflicted", Severity::Error, "the index holds conflict stages for the file being resolved"},
    {"vcs/bad-markers", Severity::Error, "git conflict markers are balanced and not nested"},
    {"vcs/no-branch", Severity::Error, "pull and push run on a branch (not a detached HEAD)"},
    {"vcs/no-remote", Severity::Error, "the branch has a remote"},
    {"vcs/no-upstream", Severity::Error, "the branch has an upstream to pull from"},
    {"vcs/fetch", Severity::Error, "the remote can be fetched"},
    {"vcs/merge", Severity::Error, "the fetched changes can be merged"},
    {"vcs/not-fast-forward", Severity::Error, "a push is a fast-forward of the remote branch (pull first)"},
    {"vcs/remote-auth", Severity::Error, "the remote needs no credentials beyond ssh-agent (else: use git in a terminal)"},
    {"vcs/push-rejected", Severity::Error, "the remote accepts the push"},
    {"vcs/push", Severity::Error, "git can push"},
    {"vcs/unknown-host-key", Severity::Error, "the SSH server's host key is in known_hosts"},
    {"vcs/host-key-mismatch", Severity::Error, "the SSH server's host key matches known_hosts"},
    // --- git merges (quire merge-driver): docs/version-control.md
    {"merge/conflict", Severity::Error, "a three-way merge has no property changed differently on both sides"},
    // --- connections (src/connect): docs/connectors.md
    {"connect/connections-file", Severity::Error, "the connections file can be read and written, is JSON of the form {version, connections, mappings} and each profile in it is valid"},
    {"connect/profile", Severity::Error, "a connection profile has a known type, fields of the right types, no secret fields, and every field and secret its warehouse needs"},
    {"connect/unknown-connection", Severity::Error, "a connection named on the command line, in a mapping or by an element is a profile, a mapped connectionId or an ODBC connection string"},
    {"connect/table-path", Severity::Error, "a warehouse-table path has 1 to 3 segments"},
    {"connect/sample-warehouse", Severity::Error, "the embedded sample warehouse can be generated on first use"},
    {"secrets/store", Severity::Error, "the secret store can do what is asked (a keychain is reachable, the environment store is only read)"},
    // --- command-line arguments (src/cli): docs/cli.md
    {"cli/argument", Severity::Error, "an argument has the form its command asks for (a JSON pointer, a one-line VALUE)"},
};

// The whole catalogue, in declaration order (validator rules first, then the other layers).
inline std::span<const RuleInfo> ruleCatalogue() { return kRuleCatalogue; }

// The catalogue entry of a code, nullptr when the code is not declared.
constexpr const RuleInfo* findRule(std::string_view code) {
    for (const RuleInfo& rule : kRuleCatalogue)
        if (rule.code == code) return &rule;
    return nullptr;
}

// A declared rule code. From a literal it is checked at compile time; `lookup` checks codes made at run time
// (e.g. read back from JSON).
class RuleCode {
public:
    template <std::size_t N>
    consteval RuleCode(const char (&code)[N]) : info_(findRule(std::string_view(code, N - 1))) {
        // Not a constant expression, so the build fails here: declare the code in kRuleCatalogue.
        if (!info_) throw "rule code missing from quire::kRuleCatalogue (include/quire/core/rules.h)";
    }
    static std::optional<RuleCode> lookup(std::string_view code) {
        const RuleInfo* info = findRule(code);
        return info ? std::optional<RuleCode>(RuleCode(info)) : std::nullopt;
    }
    constexpr std::string_view code() const { return info_->code; }
    constexpr Severity severity() const { return info_->severity; }
    const RuleInfo& info() const { return *info_; }
    operator std::string() const { return std::string(info_->code); }
    friend constexpr bool operator==(RuleCode a, RuleCode b) { return a.info_ == b.info_; }

private:
    constexpr explicit RuleCode(const RuleInfo* info) : info_(info) {}
    const RuleInfo* info_;
};

// A diagnostic of `code` at its catalogue severity.
inline Diagnostic makeDiagnostic(RuleCode code, std::string message, std::string pointer = {}, SourceLocation location = {}) {
    Diagnostic d;
    d.severity = code.severity();
    d.rule = code;
    d.message = std::move(message);
    d.pointer = std::move(pointer);
    d.location = std::move(location);
    return d;
}

} // namespace quire
