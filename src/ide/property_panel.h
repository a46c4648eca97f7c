#pragma once
// Edits the selected element: common fields, kind-specific fields, columns with their formulas, chart
// channels, and every field Quire does not model shown read-only (and preserved). Each edit is a command.
#include "document_model.h"
#include "props/props_support.h"

#include <functional>
#include <set>
#include <string>

#include <QHash>
#include <QWidget>

class QFormLayout;
class QTableWidget;
class QVBoxLayout;

namespace quire::ide {

class FormulaEditor;

class PropertyPanel : public QWidget {
    Q_OBJECT
public:
    explicit PropertyPanel(DocumentModel* model, QWidget* parent = nullptr);

    // For tests and keyboard users: set a column's formula by column index of the selected element.
    bool setColumnFormula(int columnIndex, const QString& formula);
    FormulaEditor* formulaEditor() const { return formula_; }
    // The editors of the current selection (replaced on every rebuild; tests find widgets by object name here).
    QWidget* content() const { return content_; }
    // The page the canvas shows: with nothing selected the panel edits that page's settings (visibility).
    void setRegionSource(std::function<QString()> source) { regionSource_ = std::move(source); }
    void showRegion(); // the shown page changed: rebuild when no element is selected

private:
    // What the section builders of rebuild() share: the element shown, the keys edited so far, the layout.
    struct Section {
        const Json& element;
        std::string kind;
        props::Context context;
        std::set<std::string> known;
        QVBoxLayout* box;
    };
    void rebuild();
    bool addPageSection(QVBoxLayout* vbox); // false when the canvas shows no page
    void addGeneralSection(Section& section);  // id, title, kind fields, control settings
    void addSourceSection(Section& section);   // a control's source, read-only
    void addColumnsSection(Section& section);  // columns and the formula editor
    void addChannelsSection(Section& section); // chart and pivot channels
    void addKindEditors(Section& section);     // format, colour, sort, grouping, filters, actions (src/ide/props)
    void addOtherFields(Section& section);     // everything else, read-only
    void addTextField(QFormLayout* form, const QString& label, const std::string& key, bool multiLine = false);
    void addChannel(QFormLayout* form, const QString& label, const std::string& pointerSuffix, bool list = false);
    std::string elementPointer() const;
    const Json* element() const;

    DocumentModel* model_;
    std::function<QString()> regionSource_;
    QString elementId_;
    Json shown_;
    QVBoxLayout* layout_;
    QWidget* content_ = nullptr;
    QTableWidget* columns_ = nullptr;
    FormulaEditor* formula_ = nullptr;
    int formulaColumn_ = -1;
    int lastIndex_ = 0;         // undo stack index at the last change (tells undo from new edits)
    QHash<QString, int> rows_; // selected row of each list editor, kept while the same element is shown
};

} // namespace quire::ide
