#pragma once
// Which elements must re-run when something changes. Edges: element -> the elements it reads from (table,
// join legs, union sources, transpose, linked input tables), control -> target elements (control
// filters[].source.elementId) and elements whose formulas or custom SQL reference the controlId. Filters flow
// to descendants, so every answer includes the transitive descendants of the directly affected elements.
#include <quire/core/json.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace quire::preview {

class DependencyGraph {
public:
    DependencyGraph() = default;
    explicit DependencyGraph(const Json& contents);

    // Direct sources of an element (ids of other elements), in document order.
    const std::vector<std::string>& sourcesOf(const std::string& elementId) const;
    // Elements reading directly from elementId.
    const std::vector<std::string>& childrenOf(const std::string& elementId) const;
    // Elements a control filters or whose formulas/SQL reference it (direct, without descendants).
    const std::vector<std::string>& directTargetsOfControl(const std::string& controlId) const;

    // Element plus all its transitive descendants, in document order.
    std::vector<std::string> affectedByElement(const std::string& elementId) const;
    // Transitive set of elements to re-run when the control's value changes, in document order.
    std::vector<std::string> affectedByControl(const std::string& controlId) const;
    // Union for several changes, in document order.
    std::vector<std::string> affectedBy(const std::vector<std::string>& controlIds,
                                        const std::vector<std::string>& elementIds) const;

    // Element ids in document order.
    const std::vector<std::string>& elements() const { return order_; }

private:
    std::vector<std::string> ordered(const std::set<std::string>& ids) const;
    void closeOver(std::set<std::string>& ids) const;

    std::vector<std::string> order_;
    std::map<std::string, std::vector<std::string>> sources_;
    std::map<std::string, std::vector<std::string>> children_;
    std::map<std::string, std::vector<std::string>> controlTargets_;
};

// Control handles referenced by a formula or SQL text: `[name]` tokens without '/' and `{{name}}` tokens whose
// name is in controlIds.
std::vector<std::string> referencedControls(std::string_view text, const std::set<std::string>& controlIds);

} // namespace quire::preview
