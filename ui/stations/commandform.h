#pragma once
// The form of one OCPP command, built from its request schema (commands::commandFields): a line
// per field with the spec's name in the operator's language, a list for enumerations, ISO times,
// JSON for lists. Empty optional fields stay out of the payload; required ones are marked.

#include "core/commands/commandform.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QWidget>

#include <nlohmann/json.hpp>

class QFormLayout;
class QLabel;

namespace cd::ui {

class CommandFieldText {
    Q_DECLARE_TR_FUNCTIONS(cd::ui::CommandFieldText)
public:
    // "firmware/location" → "Firmware › Location" (each name translated when known).
    static QString label(const QStringList &names);
    static QString name(const QString &property);
};

class CommandForm : public QWidget {
    Q_OBJECT
public:
    explicit CommandForm(QWidget *parent = nullptr);

    // Builds the fields of `action` and fills them from `payload`.
    void setCommand(ocpp::ProtocolVersion version, const QString &action, const nlohmann::json &payload);
    void setPayload(const nlohmann::json &payload);
    // The payload the fields make, or the first field that does not hold a valid value.
    Expected<nlohmann::json> payload() const;
    int fieldCount() const { return int(m_fields.size()); }
    // The editor of a field (for tests): QLineEdit, QComboBox or QPlainTextEdit.
    QWidget *editor(const QString &path) const;
    void setReadOnly(bool readOnly);

signals:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Field {
        commands::CommandField spec;
        QLabel *label = nullptr;
        QWidget *editor = nullptr;
    };
    QWidget *makeEditor(const commands::CommandField &field);
    void retranslateUi();

    QFormLayout *m_layout = nullptr;
    QLabel *m_none = nullptr;
    QList<Field> m_fields;
};

}  // namespace cd::ui
