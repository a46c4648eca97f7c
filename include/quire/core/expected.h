#pragma once
// The error convention outside the document (docs/architecture.md, "Errors"):
// - a failure the user must see and can act on (a file that cannot be read, a host or credential problem, a
//   driver or server that refuses, a reply that does not parse) is returned, as Expected<T>: the value, or the
//   one Diagnostic (made with makeDiagnostic: a rule code of core/rules.h, the message, a location when there
//   is one) that says why;
// - what is wrong inside a document is a list of Diagnostics next to the result (LoadResult, validation);
// - exceptions are for programming faults and for the few standard-library calls that throw by design (they
//   are caught at the module boundary and turned into a Diagnostic); never for control flow.
#include <quire/core/diagnostic.h>
#include <quire/core/rules.h>

#include <stdexcept>
#include <utility>
#include <variant>

namespace quire {

template <class T>
class [[nodiscard]] Expected {
public:
    Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    Expected(Diagnostic error) : state_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    // Asking a failed result for its value (or a good one for its error) is a programming fault.
    T& value() & { return ok() ? std::get<0>(state_) : fault<T&>("value() of a failed Expected"); }
    const T& value() const& { return ok() ? std::get<0>(state_) : fault<const T&>("value() of a failed Expected"); }
    T&& value() && { return ok() ? std::get<0>(std::move(state_)) : fault<T&&>("value() of a failed Expected"); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T valueOr(T fallback) const& { return ok() ? std::get<0>(state_) : std::move(fallback); }

    const Diagnostic& error() const& { return !ok() ? std::get<1>(state_) : fault<const Diagnostic&>("error() of a good Expected"); }
    // The error's message ("" when there is none): for callers that print one line.
    std::string message() const { return ok() ? std::string() : std::get<1>(state_).message; }

private:
    template <class R>
    [[noreturn]] static R fault(const char* what) { throw std::logic_error(what); }
    std::variant<T, Diagnostic> state_;
};

// An action that has no value: ok, or the Diagnostic that says why not.
template <>
class [[nodiscard]] Expected<void> {
public:
    Expected() = default;
    Expected(Diagnostic error) : error_(std::move(error)), failed_(true) {}
    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const Diagnostic& error() const& {
        if (!failed_) throw std::logic_error("error() of a good Expected");
        return error_;
    }
    std::string message() const { return failed_ ? error_.message : std::string(); }

private:
    Diagnostic error_;
    bool failed_ = false;
};

} // namespace quire
