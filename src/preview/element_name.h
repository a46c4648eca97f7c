#pragma once
// The name an element's columns are referenced by from elements built on it ([Name/Column]): its `name`
// (a string, or a title object's `text`), else its id.
#include <quire/core/json.h>

#include <string>

namespace quire::preview {

inline std::string elementDisplayName(const Json& element) {
    if (!element.is_object()) return {};
    const auto name = element.find("name");
    if (name != element.end() && name->is_string()) return name->get<std::string>();
    if (name != element.end() && name->is_object()) {
        const auto text = name->find("text");
        if (text != name->end() && text->is_string()) return text->get<std::string>();
    }
    const auto id = element.find("id");
    return id != element.end() && id->is_string() ? id->get<std::string>() : std::string();
}

} // namespace quire::preview
