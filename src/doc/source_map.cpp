#include <quire/doc/document.h>

namespace quire::doc {

void SourceMap::setLazy(std::function<void(SourceMap&)> build) {
    positions_.clear();
    lazy_ = std::make_shared<Lazy>();
    lazy_->build = std::move(build);
}

void SourceMap::materialize() const {
    std::shared_ptr<Lazy> lazy = lazy_;
    if (!lazy) return;
    std::lock_guard<std::mutex> lock(lazy->mutex);
    if (!lazy_) return; // built by another thread meanwhile
    auto build = std::move(lazy->build);
    lazy_.reset();
    if (build) build(const_cast<SourceMap&>(*this));
}

SourcePos SourceMap::find(const std::string& pointer) const {
    materialize();
    std::string p = pointer;
    for (;;) {
        if (auto it = positions_.find(p); it != positions_.end()) return it->second;
        if (p.empty()) return {};
        auto slash = p.rfind('/');
        p = slash == std::string::npos ? std::string() : p.substr(0, slash);
    }
}

const Json* Document::contents() const {
    if (!root.is_object()) return nullptr;
    if (auto it = root.find("contents"); it != root.end() && it->is_object()) return &*it;
    if (auto it = root.find("document"); it != root.end() && it->is_object()) return &*it;
    return nullptr;
}

Json* Document::contents() {
    return const_cast<Json*>(static_cast<const Document*>(this)->contents());
}

std::string Document::contentsPointer() const {
    if (!root.is_object()) return {};
    if (auto it = root.find("contents"); it != root.end() && it->is_object()) return "/contents";
    if (auto it = root.find("document"); it != root.end() && it->is_object()) return "/document";
    return {};
}

SourceLocation Document::locate(const std::string& pointer) const {
    SourcePos pos = positions.find(pointer);
    return SourceLocation{path, pos.line, pos.column};
}

} // namespace quire::doc
