#pragma once
// What the crash-recovery file needs to rebuild the open workbook exactly, without writing the whole tree out
// on the UI thread: the document as a text (or tree) it was read from, plus the values set since, in order.
// Both are immutable once recorded (shared, never copied), so an autosave hands them to a worker thread.
#include <quire/core/json.h>
#include <quire/doc/document.h>
#include <quire/doc/io.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace quire::ide {

// Sets the value at a JSON pointer the way document commands do (object members and array items are created or
// replaced; "" replaces the whole tree), or removes it when `value` is empty (later array items shift down).
void setValueAt(Json& root, const std::string& pointer, const Json* value);

struct EditLog {
    struct Entry {
        std::string pointer;
        std::shared_ptr<const Json> value; // null: the value was removed
    };
    // The document the entries start from: `baseText` read as `baseFormat`, or else `baseTree`. Neither: not
    // known yet (the model takes the tree as it is before the first edit).
    std::shared_ptr<const std::string> baseText;
    doc::Format baseFormat = doc::Format::Json;
    std::shared_ptr<const Json> baseTree;
    std::vector<Entry> entries;
    // Entries before this index belong to a save under way (its snapshot, document_saver.h): a later value at
    // the same pointer is a new entry then, so the entries after the snapshot are exactly the later edits.
    std::size_t sealed = 0;

    bool hasBase() const { return baseText || baseTree; }
    // Appends one set value. A value set again at the same pointer replaces the previous entry (typing in a
    // property merges into one entry) unless that one is sealed; a whole new tree becomes the base.
    void record(const std::string& pointer, const Json* value); // null: removed
    // The document rebuilt: the base read (with the limits of opening a file), then the entries set in order.
    // nullopt and the reason when the base does not read or an entry does not apply.
    std::optional<Json> replay(std::string* error, const doc::LoadLimits& limits = {}) const;
    // The entries from `first` on set in order on `root` (the base, read): false and the reason when one does
    // not apply (root is then partly changed).
    bool applyEntries(Json& root, std::string* error, const doc::LoadLimits& limits = {}, std::size_t first = 0) const;
};

} // namespace quire::ide
