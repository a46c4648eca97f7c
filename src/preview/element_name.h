#pragma once
// Names in the planners: the name an element's columns are referenced by from elements built on it
// ([Name/Column]): its `name` (a string, or a title object's `text`), else its id; and bracketed names.
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

// "[Order Id]" -> "Order Id"; other text unchanged.
inline std::string bareName(std::string text) {
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
    return text;
}

} // namespace quire::preview
