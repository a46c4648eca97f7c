#include "drill_navigator.h"

#include <QDate>
#include <QDateTime>
#include <QPainter>

namespace quire::ide {

namespace {

constexpr int kCrumbHeight = 18;
const char* kSeparator = " › ";

// A clicked cell as the JSON value a drill path keeps (dates as ISO text, like control values).
Json cellJson(const QVariant& v) {
    if (v.isNull() || !v.isValid()) return nullptr;
    switch (v.metaType().id()) {
    case QMetaType::Bool: return v.toBool();
    case QMetaType::Int: case QMetaType::LongLong: case QMetaType::UInt: case QMetaType::ULongLong: return v.toLongLong();
    case QMetaType::Double: case QMetaType::Float: return v.toDouble();
    case QMetaType::QDate: return v.toDate().toString(Qt::ISODate).toStdString();
    case QMetaType::QDateTime: return v.toDateTime().toString(Qt::ISODate).toStdString();
    default: return v.toString().toStdString();
    }
}

QString pathText(const Json& v) {
    if (v.is_object()) return QObject::tr("All");
    if (v.is_null()) return QObject::tr("(null)");
    return QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
}

QString columnNameIn(const Json* element, const std::string& columnId) {
    if (element && element->contains("columns") && (*element)["columns"].is_array())
        for (const auto& c : (*element)["columns"])
            if (c.is_object() && c.value("id", "") == columnId && c.contains("name") && c["name"].is_string())
                return QString::fromStdString(c["name"].get<std::string>());
    return QString::fromStdString(columnId);
}

} // namespace

DrillNavigator::DrillNavigator(DocumentModel* model, EnginePreviewProvider* provider, QObject* parent)
    : QObject(parent), model_(model), provider_(provider) {
    reload();
    connect(provider_, &EnginePreviewProvider::controlsChanged, this, &DrillNavigator::reload);
    connect(provider_, &EnginePreviewProvider::viewAsChanged, this, &DrillNavigator::reload);
    if (model_) connect(model_, &DocumentModel::changed, this, &DrillNavigator::reload);
    // A card keeps drawing its last rows while the next level runs: the element those rows were planned for.
    connect(provider_, &PreviewProvider::updated, this, [this](const QString& id) {
        const auto state = provider_->data(id).state;
        if (state == PreviewData::State::Busy) return;
        const auto it = current_.find(id.toStdString());
        if (it == current_.end()) delivered_.erase(id.toStdString());
        else delivered_[it->first] = it->second;
    });
}

void DrillNavigator::reload() {
    specs_ = provider_->drillSpecs();
    current_ = provider_->drilledElements();
    fields_.clear();
    for (const auto& spec : specs_) fields_[spec.controlId] = provider_->controlFields(QString::fromStdString(spec.controlId));
    for (auto it = delivered_.begin(); it != delivered_.end();)
        it = current_.count(it->first) ? std::next(it) : delivered_.erase(it);
}

const Json* DrillNavigator::shown(const QString& elementId) const {
    const std::string id = elementId.toStdString();
    if (!current_.count(id)) return nullptr;
    if (const auto it = delivered_.find(id); it != delivered_.end()) return &it->second;
    return &current_.at(id);
}

DrillNavigator::Found DrillNavigator::find(const QString& elementId) const {
    const std::string id = elementId.toStdString();
    for (const auto& spec : specs_)
        for (const auto& target : spec.targets)
            if (target.elementId == id) return {&spec, &target};
    return {};
}

preview::DrillPosition DrillNavigator::position(const preview::DrillSpec& spec) const {
    const auto it = fields_.find(spec.controlId);
    return preview::drillPosition(spec, it == fields_.end() ? Json::object() : it->second);
}

std::vector<DrillNavigator::Crumb> DrillNavigator::crumbs(const QString& elementId) const {
    const Found found = find(elementId);
    if (!found.spec || found.spec->categories.empty()) return {};
    const auto at = position(*found.spec);
    const Json* authored = model_ ? model_->findElement(elementId.toStdString()) : nullptr;
    const auto& columns = found.target->columnIds;
    const std::string outer = !columns.empty() && columns[0] ? *columns[0] : found.spec->categories[0];
    std::vector<Crumb> out;
    out.push_back({columnNameIn(authored, outer), 0, at.level == 0, {}});
    for (std::size_t level = 1; level <= at.level; ++level)
        out.push_back({pathText(level - 1 < at.path.size() ? at.path[level - 1] : Json::object()), level, level == at.level, {}});
    return out;
}

const std::vector<DrillNavigator::Crumb>& DrillNavigator::paintedCrumbs(const QString& elementId) const {
    static const std::vector<Crumb> none;
    const auto it = painted_.find(elementId);
    return it == painted_.end() ? none : it->second;
}

QRect DrillNavigator::paintBreadcrumb(QPainter& p, const QRect& area, const QString& elementId) {
    auto list = crumbs(elementId);
    painted_[elementId] = {};
    if (list.empty()) return area;
    p.save();
    QFont f = p.font();
    f.setPixelSize(11);
    f.setBold(false);
    p.setFont(f);
    const QRect strip(area.left(), area.top(), area.width(), kCrumbHeight);
    p.fillRect(strip, QColor("#f1f5f9"));
    int x = strip.left() + 6;
    const QFontMetrics metrics(f);
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i) {
            p.setPen(QColor("#94a3b8"));
            p.drawText(QRect(x, strip.top(), metrics.horizontalAdvance(kSeparator), strip.height()), Qt::AlignVCenter, kSeparator);
            x += metrics.horizontalAdvance(kSeparator);
        }
        QFont crumbFont = f;
        crumbFont.setUnderline(!list[i].current);
        crumbFont.setBold(list[i].current && list.size() > 1);
        const int w = QFontMetrics(crumbFont).horizontalAdvance(list[i].text) + 1;
        list[i].rect = QRect(x, strip.top(), w, strip.height()).intersected(strip);
        p.setFont(crumbFont);
        p.setPen(list[i].current ? QColor("#334155") : QColor("#2563eb"));
        p.drawText(list[i].rect, Qt::AlignVCenter | Qt::AlignLeft, list[i].text);
        x += w;
    }
    p.restore();
    painted_[elementId] = std::move(list);
    return area.adjusted(0, kCrumbHeight + 2, 0, 0);
}

bool DrillNavigator::click(const QString& elementId, const QPoint& pos, const std::vector<int>& rows) {
    if (const auto it = painted_.find(elementId); it != painted_.end())
        for (const auto& crumb : it->second)
            if (crumb.rect.contains(pos)) return !crumb.current && drillUp(elementId, crumb.level);
    return !rows.empty() && drillDown(elementId, rows.front());
}

bool DrillNavigator::drillDown(const QString& elementId, int row) {
    const Found found = find(elementId);
    if (!found.spec) return false;
    const auto at = position(*found.spec);
    const auto& columns = found.target->columnIds;
    if (at.level >= columns.size() || !columns[at.level]) return false; // it does not drill at this level
    const PreviewData data = provider_->data(elementId);
    const int column = data.columnIndex(QString::fromStdString(*columns[at.level]));
    if (data.state != PreviewData::State::Ready || column < 0 || row < 0 || row >= int(data.rows.size()) ||
        column >= int(data.rows[std::size_t(row)].size()))
        return false;
    const auto fields = preview::drillDownFields(*found.spec, at, cellJson(data.rows[std::size_t(row)][std::size_t(column)]));
    if (!fields) return false; // already the innermost level
    provider_->setControlFields(QString::fromStdString(found.spec->controlId), *fields);
    return true;
}

bool DrillNavigator::drillUp(const QString& elementId, std::size_t level) {
    const Found found = find(elementId);
    if (!found.spec) return false;
    const auto at = position(*found.spec);
    if (level >= at.level) return false;
    provider_->setControlFields(QString::fromStdString(found.spec->controlId), preview::drillUpFields(*found.spec, at, level));
    return true;
}

} // namespace quire::ide
