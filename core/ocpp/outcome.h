#pragma once
// Outcome<T, E>: a value or an expected failure, as a value (no exceptions).

#include <utility>
#include <variant>

namespace cd::ocpp {

template <typename T, typename E>
class [[nodiscard]] Outcome {
    static_assert(!std::is_same_v<T, E>, "Outcome needs distinct value and error types");

public:
    Outcome(T value) : m_data(std::in_place_index<0>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Outcome(E error) : m_data(std::in_place_index<1>, std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const E &error() const & { return std::get<1>(m_data); }

private:
    std::variant<T, E> m_data;
};

}  // namespace cd::ocpp
