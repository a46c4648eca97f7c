#pragma once
// The property editors, one file each. Each returns nullptr when the element has nothing for it to edit, and
// reports the element keys it edits through `known` (the panel shows the rest read-only).
#include "props_support.h"

#include <set>

class QWidget;

namespace quire::ide::props {

QWidget* makeFilterEditor(const Context& c, std::set<std::string>& known);          // filter_editor.cpp
QWidget* makeSortEditor(const Context& c, std::set<std::string>& known);            // sort_editor.cpp
QWidget* makeGroupingEditor(const Context& c, std::set<std::string>& known);        // grouping_editor.cpp
QWidget* makeFormatEditor(const Context& c, std::set<std::string>& known);          // format_editor.cpp
QWidget* makeColorEditor(const Context& c, std::set<std::string>& known);           // color_editor.cpp
QWidget* makeControlSettingsEditor(const Context& c, std::set<std::string>& known); // control_settings_editor.cpp
QWidget* makeDrillEditor(const Context& c, std::set<std::string>& known);           // drill_editor.cpp
QWidget* makeActionEditor(const Context& c, std::set<std::string>& known);          // action_editor.cpp
QWidget* makeSeriesEditor(const Context& c, std::set<std::string>& known);          // series_editor.cpp
QWidget* makeRefMarkEditor(const Context& c, std::set<std::string>& known);         // chart_marks_editor.cpp
QWidget* makeTrendlineEditor(const Context& c, std::set<std::string>& known);       // chart_marks_editor.cpp
QWidget* makeLabelLegendEditor(const Context& c, std::set<std::string>& known);     // label_legend_editor.cpp
QWidget* makeKpiEditor(const Context& c, std::set<std::string>& known);             // kpi_donut_editor.cpp
QWidget* makeDonutEditor(const Context& c, std::set<std::string>& known);           // kpi_donut_editor.cpp
QWidget* makeConditionalFormatEditor(const Context& c, std::set<std::string>& known); // conditional_format_editor.cpp
QWidget* makeTrellisEditor(const Context& c, std::set<std::string>& known);         // trellis_editor.cpp
QWidget* makeTooltipEditor(const Context& c, std::set<std::string>& known);         // tooltip_editor.cpp
QWidget* makeRegionEditor(const Context& c, std::set<std::string>& known);          // region_editor.cpp

// Shared by filters and date-range controls: the date `mode` family of spec §3.6 on the object at pointer.
void addDateModeFields(const Context& c, QFormLayout* form, const std::string& pointer, const Json& object,
                       const QString& name, std::set<std::string>& known);
// Text field bound to a string member (typing merges into one undo step); removes the key when emptied
// if removeWhenEmpty.
QLineEdit* addStringField(const Context& c, QFormLayout* form, const QString& label, const QString& name,
                          const std::string& pointer, const Json& object, const std::string& key,
                          bool removeWhenEmpty = false);
// Combo bound to a string member; "(default)" (when allowDefault) removes the key.
QComboBox* addEnumField(const Context& c, QFormLayout* form, const QString& label, const QString& name,
                        const std::string& pointer, const Json& object, const std::string& key,
                        const QStringList& values, bool allowDefault = false);
// Text field bound to a number member; empty removes the key when optional, text that is not a number is
// marked and not written.
QLineEdit* addNumberField(const Context& c, QFormLayout* form, const QString& label, const QString& name,
                          const std::string& pointer, const Json& object, const std::string& key, bool optional);

} // namespace quire::ide::props
