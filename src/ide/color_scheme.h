#pragma once
// Light and dark: the IDE follows the desktop's colour scheme (the freedesktop appearance portal, GTK_THEME, or
// the platform palette), or the user's choice under View > Colour Scheme (kept in QSettings). The workbook canvas
// keeps the light palette of a published Sigma workbook in both schemes, so cards and charts read the same.
#include <QColor>
#include <QObject>
#include <QPalette>
#include <QString>
#include <QDBusVariant>

#include <optional>

class QAction;
class QMenu;

namespace quire::ide {

enum class ColorScheme { Light, Dark };
enum class SchemeChoice { System, Light, Dark };

// What the desktop asks for. QUIRE_COLOR_SCHEME=light|dark overrides the desktop (scripts and tests).
ColorScheme systemColorScheme(const QPalette& platformPalette);
// Reads the appearance portal (org.freedesktop.appearance color-scheme: 1 dark, 2 light); nullopt when the
// session bus or the portal does not answer within a short timeout.
std::optional<ColorScheme> portalColorScheme();

QPalette lightPalette(); // Fusion's own light palette (what the IDE looked like before dark mode)
QPalette darkPalette();
bool isDark(const QPalette& palette);

// Colours that carry meaning in text (errors, success, hints) and in marked fields, readable on the current
// application palette: the light-scheme colour as is, a lighter shade of the same hue on a dark palette.
enum class Tone { Error, Ok, Warning, Hint, Accent };
QColor toneColor(Tone tone);
QString toneStyle(Tone tone);        // "color: #…;" for a label's style sheet
QString invalidFieldStyle();          // background of a field whose text is refused
// Any colour chosen for a light background, made readable as text on `background` (keeps the hue).
QColor readableOn(const QColor& color, const QColor& background);
QColor onBase(const QColor& color);
double contrastRatio(const QColor& a, const QColor& b); // WCAG: 1 (same) to 21 (black on white) // readable on the application palette's Base (lists, editors)

// Applies the choice, remembers it, and (for System) follows the desktop while the IDE runs.
class ColorSchemeController : public QObject {
    Q_OBJECT
public:
    static ColorSchemeController& instance();
    void start();                         // the saved choice (default System), applied once at startup
    void choose(SchemeChoice choice);     // applies and saves
    SchemeChoice choice() const { return choice_; }
    ColorScheme current() const { return current_; }
    // View > Colour Scheme: Follow System, Light, Dark (checkable, one checked).
    QMenu* makeMenu(QWidget* parent);

signals:
    void schemeChanged(quire::ide::ColorScheme scheme);

private slots:
    void portalSettingChanged(const QString& group, const QString& key, const QDBusVariant& value);

private:
    ColorSchemeController() = default;
    void apply(ColorScheme scheme);
    SchemeChoice choice_ = SchemeChoice::System;
    ColorScheme current_ = ColorScheme::Light;
    QPalette platformPalette_;
    bool started_ = false;
    bool watching_ = false;
};

} // namespace quire::ide
