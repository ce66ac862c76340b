#pragma once
// A sentinel translator: installed before every real translator, Qt asks it last, so it
// sees exactly the lookups that no real catalogue answered. It records those whose
// context is ChargeDesk's own ("cd::...") and answers nothing.

#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTranslator>

namespace cd::test {

class MissingTranslationRecorder : public QTranslator {
public:
    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int n) const override
    {
        Q_UNUSED(n);
        if (context && qstrncmp(context, "cd::", 4) == 0 && sourceText && *sourceText) {
            QString entry = QString::fromUtf8(context) + QStringLiteral(" | ") + QString::fromUtf8(sourceText);
            if (disambiguation && *disambiguation)
                entry += QStringLiteral(" (") + QString::fromUtf8(disambiguation) + u')';
            const QMutexLocker locker(&m_mutex);
            m_missing.insert(entry);
        }
        return {};
    }

    bool isEmpty() const override { return false; }

    QStringList takeMissing()
    {
        const QMutexLocker locker(&m_mutex);
        QStringList list(m_missing.cbegin(), m_missing.cend());
        m_missing.clear();
        list.sort();
        return list;
    }

private:
    mutable QMutex m_mutex;
    mutable QSet<QString> m_missing;
};

}  // namespace cd::test
