#include "ui/stations/commandform.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpressionValidator>

#include <utility>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

using commands::CommandField;
using Kind = commands::CommandField::Kind;

// The request properties of the commands the console sends, in words (1.6 and 2.0.1).
constexpr std::pair<const char *, const char *> kNames[] = {
    {"additionalInfo", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Additional info")},
    {"chargingProfile", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Charging profile")},
    {"chargingProfileCriteria", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Profile criteria")},
    {"chargingProfileId", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Profile id")},
    {"chargingProfileKind", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Profile kind")},
    {"chargingProfilePurpose", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Profile purpose")},
    {"chargingRateUnit", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Rate unit")},
    {"chargingSchedule", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Schedule")},
    {"chargingSchedulePeriod", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Schedule periods")},
    {"connectorId", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Connector")},
    {"connectorType", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Connector type")},
    {"csChargingProfiles", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Charging profile")},
    {"data", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Data")},
    {"duration", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Duration, s")},
    {"evse", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "EVSE")},
    {"evseId", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "EVSE")},
    {"expiryDate", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Expires")},
    {"expiryDateTime", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Expires")},
    {"firmware", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Firmware")},
    {"getVariableData", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Variables to read")},
    {"groupIdToken", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Group token")},
    {"id", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Id")},
    {"idTag", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Card (idTag)")},
    {"idToken", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Token")},
    {"installDateTime", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Install at")},
    {"key", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Key")},
    {"latestTimestamp", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Latest entry")},
    {"listVersion", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "List version")},
    {"localAuthorizationList", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Local authorisation list")},
    {"location", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Address (URL)")},
    {"log", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Log")},
    {"logType", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Log type")},
    {"messageId", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Message id")},
    {"minChargingRate", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Minimum rate")},
    {"oldestTimestamp", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Oldest entry")},
    {"operationalStatus", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Availability")},
    {"parentIdTag", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Parent card")},
    {"recurrencyKind", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Recurrence")},
    {"remoteLocation", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Upload address (URL)")},
    {"remoteStartId", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Remote start id")},
    {"reportBase", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Report")},
    {"requestId", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Request id")},
    {"requestedMessage", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Message to send")},
    {"reservationId", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Reservation")},
    {"retries", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Retries")},
    {"retrieveDate", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Download at")},
    {"retrieveDateTime", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Download at")},
    {"retryInterval", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Retry interval, s")},
    {"setVariableData", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Variables to set")},
    {"signature", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Signature")},
    {"signingCertificate", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Signing certificate")},
    {"stackLevel", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Stack level")},
    {"startSchedule", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Schedule start")},
    {"startTime", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "From")},
    {"stopTime", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Until")},
    {"transactionId", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Transaction")},
    {"type", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Type")},
    {"updateType", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Update")},
    {"validFrom", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Valid from")},
    {"validTo", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Valid to")},
    {"value", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Value")},
    {"vendorId", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "Vendor id")},
    {"versionNumber", QT_TRANSLATE_NOOP("cd::ui::CommandFieldText", "List version")},
};

// "retryInterval" → "Retry interval": a property the table does not know, readable.
QString spaced(const QString &property)
{
    QString out;
    for (const QChar c : property) {
        if (c.isUpper() && !out.isEmpty())
            out += u' ' + c.toLower();
        else
            out += out.isEmpty() ? c.toUpper() : c;
    }
    return out;
}

}  // namespace

QString CommandFieldText::name(const QString &property)
{
    for (const auto &[key, text] : kNames) {
        if (property == QLatin1StringView(key))
            return QCoreApplication::translate("cd::ui::CommandFieldText", text);
    }
    return spaced(property);
}

QString CommandFieldText::label(const QStringList &names)
{
    QStringList words;
    for (const QString &n : names)
        words << name(n);
    return words.join(u" › "_s);
}

CommandForm::CommandForm(QWidget *parent) : QWidget(parent)
{
    setObjectName(u"commandForm"_s);
    m_layout = new QFormLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_none = new QLabel(this);
    m_none->setObjectName(u"commandFormNone"_s);
    m_layout->addRow(m_none);
    retranslateUi();
}

QWidget *CommandForm::makeEditor(const CommandField &field)
{
    const auto changedSignal = [this](auto *editor, auto signal) { connect(editor, signal, this, &CommandForm::changed); };
    switch (field.kind) {
    case Kind::Choice:
    case Kind::Boolean: {
        auto *combo = new QComboBox(this);
        if (!field.required)
            combo->addItem(QString(), QString());  // not sent
        if (field.kind == Kind::Boolean) {
            combo->addItem(tr("Yes"), u"true"_s);
            combo->addItem(tr("No"), u"false"_s);
        } else {
            for (const QString &choice : field.choices)
                combo->addItem(choice, choice);  // the spec's own values
        }
        changedSignal(combo, &QComboBox::currentIndexChanged);
        return combo;
    }
    case Kind::Json: {
        auto *edit = new QPlainTextEdit(this);
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        edit->setTabChangesFocus(true);
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 4 + 12);
        edit->setPlaceholderText(u"[ ]"_s);
        changedSignal(edit, &QPlainTextEdit::textChanged);
        return edit;
    }
    case Kind::Integer:
    case Kind::Number:
    case Kind::Text:
    case Kind::DateTime: {
        auto *edit = new QLineEdit(this);
        if (field.kind == Kind::Integer)
            edit->setValidator(new QRegularExpressionValidator(QRegularExpression(u"-?\\d{0,15}"_s), edit));
        if (field.kind == Kind::Number)
            edit->setValidator(new QRegularExpressionValidator(QRegularExpression(u"-?\\d{0,12}([.]\\d{0,6})?"_s), edit));
        if (field.kind == Kind::DateTime)
            edit->setPlaceholderText(u"2030-01-01T00:00:00Z"_s);
        if (field.maxLength > 0)
            edit->setMaxLength(field.maxLength);
        changedSignal(edit, &QLineEdit::textChanged);
        return edit;
    }
    }
    return nullptr;
}

void CommandForm::setCommand(ocpp::ProtocolVersion version, const QString &action, const nlohmann::json &payload)
{
    for (const Field &f : std::as_const(m_fields))
        m_layout->removeRow(f.editor);
    m_fields.clear();
    for (const CommandField &spec : commands::commandFields(version, action)) {
        Field f{spec, new QLabel(this), makeEditor(spec)};
        f.editor->setObjectName(u"field:"_s + spec.path);
        m_layout->addRow(f.label, f.editor);
        m_fields << f;
    }
    m_none->setVisible(m_fields.isEmpty());
    retranslateUi();
    setPayload(payload);
}

void CommandForm::setPayload(const nlohmann::json &payload)
{
    const QSignalBlocker block(this);
    for (const Field &f : std::as_const(m_fields)) {
        const nlohmann::json value = commands::valueAt(payload, f.spec.path);
        QString text;
        if (value.is_string())
            text = QString::fromStdString(value.get<std::string>());
        else if (f.spec.kind == Kind::Json && !value.is_null())
            text = QString::fromStdString(value.dump(2));
        else if (!value.is_null())
            text = QString::fromStdString(value.dump());
        if (auto *combo = qobject_cast<QComboBox *>(f.editor))
            combo->setCurrentIndex(std::max(0, combo->findData(text)));
        else if (auto *line = qobject_cast<QLineEdit *>(f.editor))
            line->setText(text);
        else if (auto *plain = qobject_cast<QPlainTextEdit *>(f.editor))
            plain->setPlainText(text);
    }
    emit changed();
}

Expected<nlohmann::json> CommandForm::payload() const
{
    nlohmann::json out = nlohmann::json::object();
    for (const Field &f : m_fields) {
        QString text;
        if (auto *combo = qobject_cast<QComboBox *>(f.editor))
            text = combo->currentData().toString();
        else if (auto *line = qobject_cast<QLineEdit *>(f.editor))
            text = line->text().trimmed();
        else if (auto *plain = qobject_cast<QPlainTextEdit *>(f.editor))
            text = plain->toPlainText().trimmed();
        const QString label = CommandFieldText::label(f.spec.names);
        if (text.isEmpty()) {
            if (f.spec.required)
                return Error{ExitCode::Usage, tr("%1: required.").arg(label)};
            continue;
        }
        nlohmann::json value;
        switch (f.spec.kind) {
        case Kind::Integer: {
            bool ok = false;
            const qint64 n = text.toLongLong(&ok);
            if (!ok)
                return Error{ExitCode::Usage, tr("%1: a whole number is needed.").arg(label)};
            value = n;
            break;
        }
        case Kind::Number: {
            bool ok = false;
            const double n = text.toDouble(&ok);
            if (!ok)
                return Error{ExitCode::Usage, tr("%1: a number such as 16 or 7.5 is needed.").arg(label)};
            value = n;
            break;
        }
        case Kind::Boolean:
            value = text == u"true";
            break;
        case Kind::DateTime:
            if (!QDateTime::fromString(text, Qt::ISODateWithMs).isValid())
                return Error{ExitCode::Usage, tr("%1: a UTC time such as 2030-01-01T00:00:00Z is needed.").arg(label)};
            value = text.toStdString();
            break;
        case Kind::Json:
            value = nlohmann::json::parse(text.toStdString(), nullptr, false);
            if (value.is_discarded())
                return Error{ExitCode::Usage, tr("%1: this is not valid JSON.").arg(label)};
            break;
        case Kind::Choice:
        case Kind::Text:
            value = text.toStdString();
            break;
        }
        commands::setValueAt(out, f.spec.path, value);
    }
    return out;
}

QWidget *CommandForm::editor(const QString &path) const
{
    for (const Field &f : m_fields) {
        if (f.spec.path == path)
            return f.editor;
    }
    return nullptr;
}

void CommandForm::setReadOnly(bool readOnly)
{
    for (const Field &f : std::as_const(m_fields))
        f.editor->setEnabled(!readOnly);
}

void CommandForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CommandForm::retranslateUi()
{
    m_none->setText(tr("This command has no fields."));
    for (const Field &f : std::as_const(m_fields)) {
        const QString label = CommandFieldText::label(f.spec.names);
        //: a required field's label: %1 the field's name
        f.label->setText(f.spec.required ? tr("%1 *").arg(label) : label);
    }
}

}  // namespace cd::ui
