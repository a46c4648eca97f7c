#pragma once
// Shared pieces of the property editors (src/ide/props): the context an editor is built with, pickers that
// show names and store ids, and the one way editors change the document (one undoable command per edit).
#include "document_model.h"

#include <QComboBox>
#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

class QFormLayout;
class QLineEdit;
class QWidget;

namespace quire::ide::props {

// What every editor gets. The panel rebuilds all editors after each change, so `element` is current while
// the editor lives; edits still read the model (current value at a pointer) before changing it.
struct Context {
    DocumentModel* model;
    std::string pointer;        // JSON pointer of the element, e.g. "/contents/elements/3"
    const Json* element;        // the element at `pointer`
    QHash<QString, int>* rows;  // selected row of each list editor, kept across rebuilds of the panel
    std::function<void()> refresh; // rebuilds the panel's editors (after a view-only change such as a picker)
};

// Sets (or with nullopt removes) the value at pointer as one undoable command; nothing when unchanged.
void setValue(DocumentModel* model, const std::string& pointer, const std::optional<Json>& value,
              const QString& text, int mergeId = -1);
// The current value at pointer, or null when absent.
Json current(DocumentModel* model, const std::string& pointer);

// An id no object of the workbook uses yet ("stem-1", "stem-2"…): ids of actions and filters are
// workbook-wide in Sigma.
std::string uniqueId(DocumentModel* model, const std::string& stem);

// Pickers: the item text is the name, the item data the id. An id that is not offered is kept as an extra
// item "id (missing)" so the picker never silently changes what the document says.
QComboBox* columnPicker(const Json& element, const std::string& currentId, bool allowNone = false);
QComboBox* choicePicker(const std::vector<std::pair<std::string, QString>>& choices, const std::string& current);
QComboBox* enumPicker(const QStringList& values, const std::string& current, bool allowDefault = false);
// The `mode` values of a text-match filter or text control (spec §3.8).
const QStringList& textMatchModes();
std::vector<std::pair<std::string, QString>> pageChoices(DocumentModel* model);
std::vector<std::pair<std::string, QString>> overlayChoices(DocumentModel* model);
std::vector<std::pair<std::string, QString>> controlChoices(DocumentModel* model);    // by controlId
std::vector<std::pair<std::string, QString>> dataElementChoices(DocumentModel* model); // elements with columns
std::vector<std::pair<std::string, QString>> elementChoices(DocumentModel* model);     // every element
std::vector<std::pair<std::string, QString>> columnChoices(const Json& element);
QString columnName(const Json& element, const std::string& columnId);
std::string pickedId(const QComboBox* box); // the data of the current item

// The string member `key` of j; empty when j is not an object or the member is missing or not a string (a
// malformed document must not throw while the panel reads it).
std::string str(const Json& j, const char* key);

// A comma-separated list of values: numbers, true/false and null become JSON values, "quoted" text stays text.
Json parseValueList(const QString& text);
QString formatValueList(const Json& values);
// A number typed in a field; nullopt when the text is not a number.
std::optional<double> parseNumber(const QString& text);
Json numberJson(double value); // integers stay integers

// Fields of an item the editor does not offer, shown read-only so they stay visible (and are never dropped).
void addOtherFields(QFormLayout* form, const Json& item, const std::set<std::string>& known);

} // namespace quire::ide::props
