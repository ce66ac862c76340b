#pragma once
// Prints results either as aligned text tables for people or as JSON for scripts.

#include <QJsonValue>
#include <QList>
#include <QStringList>
#include <QTextStream>

namespace cd::cli {

class CliOutput {
public:
    CliOutput();

    void json(const QJsonValue &value);
    void table(const QStringList &headers, const QList<QStringList> &rows);
    // "key: value" lines for one record.
    void record(const QList<std::pair<QString, QString>> &fields);
    void line(const QString &text);
    void error(const QString &text);

private:
    QTextStream m_out;
    QTextStream m_err;
};

}  // namespace cd::cli
