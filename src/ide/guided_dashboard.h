#pragma once
// The guided first dashboard (start page): five steps that build a dashboard over the sample warehouse's orders
// — the orders table, a control, a KPI, a chart — then validate and save it. Every step is an ordinary
// document command on the model's undo stack (Edit > Undo takes it back), the same as dropping from the palette.
#include "document_model.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace quire::ide {

class GuidedDashboard : public QDialog {
    Q_OBJECT
public:
    // `save` writes the workbook to a path (the main window's save: format-preserving, recent list, status).
    GuidedDashboard(DocumentModel* model, std::function<bool(const QString&)> save, QWidget* parent = nullptr);

    int stepsDone() const { return stepsDone_; } // 0..5
    QPushButton* addTableButton() const { return addTable_; }
    QComboBox* controlChoice() const { return controlChoice_; }
    QPushButton* addControlButton() const { return addControl_; }
    QComboBox* kpiChoice() const { return kpiChoice_; }
    QPushButton* addKpiButton() const { return addKpi_; }
    QComboBox* chartChoice() const { return chartChoice_; }
    QPushButton* addChartButton() const { return addChart_; }
    QLineEdit* savePath() const { return savePath_; }
    QPushButton* saveButton() const { return save_; }
    QString statusText() const;

private:
    void addTable();
    void addControl();
    void addKpi();
    void addChart();
    void validateAndSave();
    void advance(QLabel* done);
    std::string page() const;

    DocumentModel* model_;
    std::function<bool(const QString&)> saveWorkbook_;
    int stepsDone_ = 0;
    std::string tableId_ = "orders";
    QPushButton* addTable_;
    QComboBox* controlChoice_;
    QPushButton* addControl_;
    QComboBox* kpiChoice_;
    QPushButton* addKpi_;
    QComboBox* chartChoice_;
    QPushButton* addChart_;
    QLineEdit* savePath_;
    QPushButton* save_;
    QLabel* status_;
    std::vector<QLabel*> checks_;
};

} // namespace quire::ide
