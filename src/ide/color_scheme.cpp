#include "color_scheme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

#include <cmath>
#include <memory>

#include <optional>

namespace quire::ide {
namespace {

constexpr const char* kPortalService = "org.freedesktop.portal.Desktop";
constexpr const char* kPortalPath = "/org/freedesktop/portal/desktop";
constexpr const char* kPortalInterface = "org.freedesktop.portal.Settings";
constexpr int kPortalTimeoutMs = 400;

std::optional<ColorScheme> fromPortalValue(QVariant v) {
    for (int unwrap = 0; unwrap < 4 && v.canConvert<QDBusVariant>(); ++unwrap) v = v.value<QDBusVariant>().variant();
    bool ok = false;
    const uint value = v.toUInt(&ok);
    if (!ok) return std::nullopt;
    if (value == 1) return ColorScheme::Dark;
    if (value == 2) return ColorScheme::Light;
    return std::nullopt; // 0: no preference
}

double luminance(const QColor& c) {
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

QColor lightTone(Tone tone) {
    switch (tone) {
    case Tone::Error: return QColor("#b91c1c");
    case Tone::Ok: return QColor("#15803d");
    case Tone::Warning: return QColor("#b45309");
    case Tone::Hint: return QColor("#6b7280");
    case Tone::Accent: return QColor("#1d4ed8");
    }
    return QColor("#111827");
}

} // namespace

double contrastRatio(const QColor& a, const QColor& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::optional<ColorScheme> portalColorScheme() {
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) return std::nullopt;
    QDBusMessage call = QDBusMessage::createMethodCall(kPortalService, kPortalPath, kPortalInterface, "Read");
    call << QString("org.freedesktop.appearance") << QString("color-scheme");
    const QDBusMessage reply = bus.call(call, QDBus::Block, kPortalTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) return std::nullopt;
    return fromPortalValue(reply.arguments().front());
}

bool isDark(const QPalette& palette) { return palette.color(QPalette::Window).lightness() < 128; }

ColorScheme systemColorScheme(const QPalette& platformPalette) {
    const QString forced = qEnvironmentVariable("QUIRE_COLOR_SCHEME").trimmed().toLower();
    if (forced == "dark") return ColorScheme::Dark;
    if (forced == "light") return ColorScheme::Light;
    if (auto portal = portalColorScheme()) return *portal;
    if (qEnvironmentVariable("GTK_THEME").endsWith(":dark", Qt::CaseInsensitive)) return ColorScheme::Dark;
    return isDark(platformPalette) ? ColorScheme::Dark : ColorScheme::Light;
}

QPalette lightPalette() {
    static const QPalette fusion = [] {
        std::unique_ptr<QStyle> style(QStyleFactory::create("Fusion"));
        return style ? style->standardPalette() : QPalette(QColor("#efefef"));
    }();
    return fusion;
}

QPalette darkPalette() {
    QPalette p(QColor("#2b2d31"), QColor("#25272b"));
    p.setColor(QPalette::Window, QColor("#25272b"));
    p.setColor(QPalette::Button, QColor("#2f3237"));
    p.setColor(QPalette::Base, QColor("#1d1f22"));
    p.setColor(QPalette::AlternateBase, QColor("#24272b"));
    p.setColor(QPalette::Text, QColor("#e5e7eb"));
    p.setColor(QPalette::WindowText, QColor("#e5e7eb"));
    p.setColor(QPalette::ButtonText, QColor("#e5e7eb"));
    p.setColor(QPalette::ToolTipBase, QColor("#374151"));
    p.setColor(QPalette::ToolTipText, QColor("#f3f4f6"));
    p.setColor(QPalette::PlaceholderText, QColor("#9ca3af"));
    p.setColor(QPalette::Highlight, QColor("#3b82f6"));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor("#93c5fd"));
    p.setColor(QPalette::BrightText, QColor("#fca5a5"));
    p.setColor(QPalette::Light, QColor("#3a3d42"));
    p.setColor(QPalette::Midlight, QColor("#33363b"));
    p.setColor(QPalette::Mid, QColor("#4b5563"));
    p.setColor(QPalette::Dark, QColor("#16181b"));
    p.setColor(QPalette::Shadow, QColor("#0b0c0e"));
    for (auto role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor("#6b7280"));
    return p;
}

QColor readableOn(const QColor& color, const QColor& background) {
    if (contrastRatio(color, background) >= 4.5) return color;
    // Step the lightness away from the background, keeping hue and saturation, until the text reads (WCAG AA).
    const bool lighten = background.lightness() < 128;
    float h, s, l, a;
    color.getHslF(&h, &s, &l, &a);
    QColor out = color;
    for (int step = 0; step < 20 && contrastRatio(out, background) < 4.5; ++step) {
        l = lighten ? std::min(1.0f, l + 0.05f) : std::max(0.0f, l - 0.05f);
        out = QColor::fromHslF(h < 0 ? 0 : h, s, l, a);
    }
    return out;
}

QColor onBase(const QColor& color) { return readableOn(color, QApplication::palette().color(QPalette::Base)); }

QColor toneColor(Tone tone) {
    const QPalette palette = QApplication::palette();
    return readableOn(lightTone(tone), palette.color(QPalette::Window));
}

QString toneStyle(Tone tone) { return QStringLiteral("color: %1;").arg(toneColor(tone).name()); }

QString invalidFieldStyle() {
    return isDark(QApplication::palette()) ? QStringLiteral("background: #5b2121; color: #fee2e2;")
                                           : QStringLiteral("background: #fde8e8;");
}

ColorSchemeController& ColorSchemeController::instance() {
    static auto* controller = new ColorSchemeController; // lives as long as the application
    return *controller;
}

void ColorSchemeController::start() {
    if (started_) return;
    started_ = true;
    platformPalette_ = QApplication::palette();
    const QString saved = QSettings().value("appearance/colorScheme", "system").toString();
    choice_ = saved == "dark" ? SchemeChoice::Dark : saved == "light" ? SchemeChoice::Light : SchemeChoice::System;
    choose(choice_);
}

void ColorSchemeController::choose(SchemeChoice choice) {
    if (!started_) {
        started_ = true;
        platformPalette_ = QApplication::palette();
    }
    choice_ = choice;
    QSettings().setValue("appearance/colorScheme",
                         choice == SchemeChoice::Dark ? "dark" : choice == SchemeChoice::Light ? "light" : "system");
    if (choice == SchemeChoice::System && !watching_) {
        // Follow the desktop while running: the portal says when its appearance changes.
        watching_ = QDBusConnection::sessionBus().connect(kPortalService, kPortalPath, kPortalInterface, "SettingChanged", this,
                                                         SLOT(portalSettingChanged(QString, QString, QDBusVariant)));
    }
    apply(choice == SchemeChoice::Dark    ? ColorScheme::Dark
          : choice == SchemeChoice::Light ? ColorScheme::Light
                                          : systemColorScheme(platformPalette_));
}

void ColorSchemeController::portalSettingChanged(const QString& group, const QString& key, const QDBusVariant& value) {
    if (choice_ != SchemeChoice::System || group != "org.freedesktop.appearance" || key != "color-scheme") return;
    apply(fromPortalValue(QVariant::fromValue(value)).value_or(isDark(platformPalette_) ? ColorScheme::Dark : ColorScheme::Light));
}

void ColorSchemeController::apply(ColorScheme scheme) {
    const bool changed = scheme != current_ || isDark(QApplication::palette()) != (scheme == ColorScheme::Dark);
    current_ = scheme;
    QApplication::setPalette(scheme == ColorScheme::Dark ? darkPalette() : lightPalette());
    if (changed) emit schemeChanged(scheme);
}

QMenu* ColorSchemeController::makeMenu(QWidget* parent) {
    auto* menu = new QMenu(tr("Colour &Scheme"), parent);
    auto* group = new QActionGroup(menu);
    const struct {
        QString text;
        SchemeChoice choice;
        QKeySequence key;
    } entries[] = {{tr("Follow &System"), SchemeChoice::System, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_0)},
                   {tr("&Light"), SchemeChoice::Light, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_1)},
                   {tr("&Dark"), SchemeChoice::Dark, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_2)}};
    for (const auto& e : entries) {
        QAction* action = menu->addAction(e.text);
        action->setCheckable(true);
        action->setShortcut(e.key);
        action->setChecked(choice_ == e.choice);
        action->setObjectName(e.choice == SchemeChoice::Dark ? "scheme-dark" : e.choice == SchemeChoice::Light ? "scheme-light" : "scheme-system");
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice = e.choice] { choose(choice); });
    }
    connect(this, &ColorSchemeController::schemeChanged, menu, [menu, this] {
        for (QAction* a : menu->actions())
            a->setChecked(a->objectName() == (choice_ == SchemeChoice::Dark ? "scheme-dark" : choice_ == SchemeChoice::Light ? "scheme-light" : "scheme-system"));
    });
    return menu;
}

} // namespace quire::ide
