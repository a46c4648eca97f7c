#pragma once
// The element palette: every kind Quire can place, grouped like Sigma's "Add element" bar. Entries drag
// onto the canvas (mime kPaletteMime) or are added with a double-click.
#include <QTreeWidget>

namespace quire::ide {

class PaletteWidget : public QTreeWidget {
    Q_OBJECT
public:
    explicit PaletteWidget(QWidget* parent = nullptr);

signals:
    void entryActivated(const QString& key);

protected:
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override;
    QStringList mimeTypes() const override;
};

} // namespace quire::ide
