#include "core/charging/chargingtypes.h"

#include <array>
#include <utility>

namespace cd::charging {

namespace {

constexpr std::array<std::pair<SessionStatus, const char16_t *>, 9> kSessionStatuses{{
    {SessionStatus::Created, u"created"},
    {SessionStatus::Pending, u"pending"},
    {SessionStatus::Starting, u"starting"},
    {SessionStatus::Ongoing, u"ongoing"},
    {SessionStatus::PendingFinalPayment, u"pending_final_payment"},
    {SessionStatus::Finished, u"finished"},
    {SessionStatus::Canceled, u"canceled"},
    {SessionStatus::Failed, u"failed"},
    {SessionStatus::FailedHold, u"failed_hold"},
}};

constexpr std::array<std::pair<AuthorizationStatus, const char16_t *>, 5> kAuthorization{{
    {AuthorizationStatus::Accepted, u"Accepted"},
    {AuthorizationStatus::Blocked, u"Blocked"},
    {AuthorizationStatus::Expired, u"Expired"},
    {AuthorizationStatus::Invalid, u"Invalid"},
    {AuthorizationStatus::ConcurrentTx, u"ConcurrentTx"},
}};

}  // namespace

QString registrationStatusName(RegistrationStatus status)
{
    switch (status) {
    case RegistrationStatus::Accepted:
        return QStringLiteral("Accepted");
    case RegistrationStatus::Rejected:
        return QStringLiteral("Rejected");
    case RegistrationStatus::Pending:
        break;
    }
    return QStringLiteral("Pending");
}

RegistrationStatus registrationStatusFromName(const QString &name)
{
    if (name == u"Accepted")
        return RegistrationStatus::Accepted;
    if (name == u"Rejected")
        return RegistrationStatus::Rejected;
    return RegistrationStatus::Pending;
}

QString authorizationStatusName(AuthorizationStatus status)
{
    for (const auto &[value, name] : kAuthorization) {
        if (value == status)
            return QString::fromUtf16(name);
    }
    return QStringLiteral("Invalid");
}

std::optional<AuthorizationStatus> authorizationStatusFromName(const QString &name)
{
    for (const auto &[value, text] : kAuthorization) {
        if (name == QStringView(text))
            return value;
    }
    return std::nullopt;
}

QString sessionStatusName(SessionStatus status)
{
    for (const auto &[value, name] : kSessionStatuses) {
        if (value == status)
            return QString::fromUtf16(name);
    }
    return QStringLiteral("created");
}

std::optional<SessionStatus> sessionStatusFromName(const QString &name)
{
    for (const auto &[value, text] : kSessionStatuses) {
        if (name == QStringView(text))
            return value;
    }
    return std::nullopt;
}

int sessionStatusPriority(SessionStatus status)
{
    switch (status) {
    case SessionStatus::Created:
        return 0;
    case SessionStatus::Pending:
        return 1;
    case SessionStatus::Starting:
        return 2;
    case SessionStatus::Ongoing:
        return 3;
    case SessionStatus::PendingFinalPayment:
        return 4;
    case SessionStatus::Failed:
    case SessionStatus::FailedHold:
        return 5;
    case SessionStatus::Canceled:
        return 6;
    case SessionStatus::Finished:
        return 7;
    }
    return 0;
}

bool isOpenSessionStatus(SessionStatus status)
{
    return status == SessionStatus::Created || status == SessionStatus::Pending || status == SessionStatus::Starting
        || status == SessionStatus::Ongoing;
}

QString ChargingText::describeStopReason(const QString &reason)
{
    if (reason == u"EmergencyStop")
        return tr("Emergency stop button pressed");
    if (reason == u"EVDisconnected")
        return tr("Vehicle unplugged");
    if (reason == u"HardReset")
        return tr("Station hard reset");
    if (reason == u"SoftReset")
        return tr("Station soft reset");
    if (reason == u"Local")
        return tr("Stopped at the station (card or button)");
    if (reason == u"PowerLoss")
        return tr("Station lost power");
    if (reason == u"Reboot")
        return tr("Station rebooted during the session");
    if (reason == u"Remote")
        return tr("Stopped from the back office");
    if (reason == u"UnlockCommand")
        return tr("Connector unlocked from the back office");
    if (reason == u"DeAuthorized")
        return tr("Card no longer authorized");
    if (reason == stopreason::StationRebooted)
        return tr("Closed by the system: the station rebooted and reported the connector available");
    if (reason == stopreason::Superseded)
        return tr("Closed by the system: a new session started on the same connector");
    if (reason == stopreason::EndedUnreported)
        return tr("Closed by the system: the station says the session ended, but its end message never arrived");
    if (reason == u"Other")
        return tr("Other reason");
    if (reason.isEmpty())
        return tr("Not stopped");
    return reason;
}

QString ChargingText::describeSessionStatus(SessionStatus status)
{
    switch (status) {
    case SessionStatus::Created:
        return tr("Created");
    case SessionStatus::Pending:
        return tr("Waiting for payment");
    case SessionStatus::Starting:
        return tr("Starting");
    case SessionStatus::Ongoing:
        return tr("Charging");
    case SessionStatus::PendingFinalPayment:
        return tr("Waiting for final payment");
    case SessionStatus::Finished:
        return tr("Finished");
    case SessionStatus::Canceled:
        return tr("Canceled");
    case SessionStatus::Failed:
        return tr("Failed");
    case SessionStatus::FailedHold:
        return tr("Failed, payment still held");
    }
    return {};
}

QString ChargingText::describeAuthorization(AuthorizationStatus status)
{
    switch (status) {
    case AuthorizationStatus::Accepted:
        return tr("Accepted");
    case AuthorizationStatus::Blocked:
        return tr("Card blocked");
    case AuthorizationStatus::Expired:
        return tr("Card expired");
    case AuthorizationStatus::Invalid:
        return tr("Unknown or invalid card");
    case AuthorizationStatus::ConcurrentTx:
        return tr("Card already charging elsewhere");
    }
    return {};
}

}  // namespace cd::charging
