#pragma once
// Expected failures are values: an operation returns either its result or an Error.

#include <QString>

#include <optional>
#include <utility>

namespace cd {

// Process exit codes shared by every executable, so scripts can tell failures apart.
enum class ExitCode : int {
    Ok = 0,
    Failure = 1,
    Usage = 2,
    KeyMissing = 3,   // no key source could provide the database key
    WrongKey = 4,     // the key does not open the database file
    DatabaseUnavailable = 5,
    MigrationFailed = 6,
    Forbidden = 7,    // the actor's role does not allow it, or a login is required (core/access)
};

struct Error {
    ExitCode code = ExitCode::Failure;
    QString message;  // already translated, shown to the user as is
};

template <typename T>
class [[nodiscard]] Expected {
public:
    Expected(T value) : m_value(std::move(value)) {}          // NOLINT(google-explicit-constructor)
    Expected(Error error) : m_error(std::move(error)) {}      // NOLINT(google-explicit-constructor)

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    T &value() & { return *m_value; }
    const T &value() const & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }
    T &operator*() & { return *m_value; }
    const T &operator*() const & { return *m_value; }

    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

// For operations that return nothing on success.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : m_failed(true), m_error(std::move(error)) {}  // NOLINT(google-explicit-constructor)
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    bool m_failed = false;
    Error m_error;
};

}  // namespace cd
