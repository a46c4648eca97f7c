#include <quire/doc/document.h>

#include <algorithm>

namespace quire::doc {

namespace {
constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

std::uint64_t pointerHash(std::string_view text) {
    std::uint64_t hash = kFnvOffset;
    for (unsigned char c : text) hash = (hash ^ c) * kFnvPrime;
    return hash;
}
} // namespace

void SourceMap::set(std::string_view pointer, SourcePos pos) {
    entries_.push_back({pointerHash(pointer), pos});
    sorted_ = false;
}

void SourceMap::clear() {
    entries_.clear();
    entries_.shrink_to_fit();
    sorted_ = true;
    lazy_.reset();
}

void SourceMap::setLazy(std::function<void(SourceMap&)> build) {
    clear();
    lazy_ = std::make_shared<Lazy>();
    lazy_->build = std::move(build);
}

void SourceMap::sortEntries() const {
    if (sorted_) return;
    std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
    // Of each run of equal keys keep the last one set (stable_sort kept their order).
    std::size_t out = 0;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (i + 1 < entries_.size() && entries_[i + 1].key == entries_[i].key) continue;
        entries_[out++] = entries_[i];
    }
    entries_.resize(out);
    entries_.shrink_to_fit();
    sorted_ = true;
}

void SourceMap::materialize() const {
    std::shared_ptr<Lazy> lazy = lazy_;
    if (!lazy) {
        sortEntries(); // positions set directly (no loader): sorted on first use, by the thread that set them
        return;
    }
    std::lock_guard<std::mutex> lock(lazy->mutex);
    if (!lazy_) return; // built by another thread meanwhile
    auto build = std::move(lazy->build);
    if (build) build(const_cast<SourceMap&>(*this));
    sortEntries();
    lazy_.reset();
}

std::size_t SourceMap::size() const {
    materialize();
    return entries_.size();
}

const SourceMap::Entry* SourceMap::lookup(std::uint64_t key) const {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), key, [](const Entry& e, std::uint64_t k) { return e.key < k; });
    return it != entries_.end() && it->key == key ? &*it : nullptr;
}

SourcePos SourceMap::find(std::string_view pointer) const {
    materialize();
    if (entries_.empty()) return {};
    // The hash of every ancestor ("", "/a", "/a/b", ...) in one pass: each is the FNV state before a '/'.
    std::vector<std::uint64_t> ancestors;
    std::uint64_t hash = kFnvOffset;
    for (unsigned char c : pointer) {
        if (c == '/') ancestors.push_back(hash);
        hash = (hash ^ c) * kFnvPrime;
    }
    if (const Entry* e = lookup(hash)) return e->pos;
    for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it)
        if (const Entry* e = lookup(*it)) return e->pos;
    if (const Entry* e = lookup(kFnvOffset)) return e->pos; // the root, for a pointer without a leading '/'
    return {};
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
