#pragma once
// SQL sent per element for previews, with timings and status; Cancel asks the preview to stop.
#include <QWidget>

class QTreeWidget;

namespace quire::ide {

class QueryLog : public QWidget {
    Q_OBJECT
public:
    explicit QueryLog(QWidget* parent = nullptr);
    void addEntry(const QString& elementId, const QString& sql, double milliseconds, const QString& status);
    int entryCount() const;

signals:
    void cancelRequested();

private:
    QTreeWidget* tree_;
};

} // namespace quire::ide
