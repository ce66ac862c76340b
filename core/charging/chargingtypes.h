#pragma once
// Version-neutral vocabulary of the charging service: registration and authorization results,
// session statuses, stop reasons. Stored as their names; shown through describe*() (tr()).

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace cd::charging {

// Whether a station may operate (BootNotification answer, stations.registration_status).
enum class RegistrationStatus { Accepted, Pending, Rejected };

QString registrationStatusName(RegistrationStatus status);
// Unknown names read as Pending: a station nobody decided about yet.
RegistrationStatus registrationStatusFromName(const QString &name);

// The answer to an id tag (1.6 AuthorizationStatus; 2.0.1 maps onto it).
enum class AuthorizationStatus { Accepted, Blocked, Expired, Invalid, ConcurrentTx };

QString authorizationStatusName(AuthorizationStatus status);
std::optional<AuthorizationStatus> authorizationStatusFromName(const QString &name);

struct IdTagInfo {
    AuthorizationStatus status = AuthorizationStatus::Invalid;
    std::optional<qint64> expiryMs;  // UTC epoch ms
    QString parentIdTag;             // empty: none
};

// Session ("operation") statuses, DOMAIN.md: created → pending → starting → ongoing →
// pending_final_payment → finished; plus canceled, failed, failed_hold.
enum class SessionStatus {
    Created,
    Pending,
    Starting,
    Ongoing,
    PendingFinalPayment,
    Finished,
    Canceled,
    Failed,
    FailedHold,
};

QString sessionStatusName(SessionStatus status);  // "pending_final_payment", …
std::optional<SessionStatus> sessionStatusFromName(const QString &name);
// Higher = further along; an operator's SOFT change may not lower it (OVERRIDE may).
int sessionStatusPriority(SessionStatus status);
// Not ended yet: created, pending, starting, ongoing.
bool isOpenSessionStatus(SessionStatus status);

// Stop reasons are stored by name: the OCPP 1.6 reasons (EmergencyStop, EVDisconnected,
// HardReset, Local, Other, PowerLoss, Reboot, Remote, SoftReset, UnlockCommand, DeAuthorized),
// the 2.0.1 additions as the station sends them, and the service's own:
namespace stopreason {
inline const QString StationRebooted = QStringLiteral("StationRebooted");  // closed: station rebooted, connector Available
inline const QString Superseded = QStringLiteral("Superseded");            // closed: a new transaction started on the connector
inline const QString Local = QStringLiteral("Local");                      // 1.6 default when the station gives none
// closed: the station said (2.0.1 GetTransactionStatus) it no longer runs the transaction and has
// nothing queued for it, so its TransactionEvent(Ended) was lost
inline const QString EndedUnreported = QStringLiteral("EndedUnreported");
}  // namespace stopreason

// Who closed a session (sessions.stop_source).
namespace stopsource {
inline const QString Station = QStringLiteral("station");
inline const QString Reboot = QStringLiteral("reboot");
inline const QString Superseded = QStringLiteral("superseded");
inline const QString Reconciled = QStringLiteral("reconciled");  // 2.0.1 GetTransactionStatus after a boot
inline const QString Operator = QStringLiteral("operator");
// nothing heard of the session for too long (core/anomalies/abandonedsessions.h)
inline const QString Abandoned = QStringLiteral("abandoned");
}  // namespace stopsource

class ChargingText {
    Q_DECLARE_TR_FUNCTIONS(cd::charging::ChargingText)
public:
    // Plain words for support operators.
    static QString describeStopReason(const QString &reason);
    static QString describeSessionStatus(SessionStatus status);
    static QString describeAuthorization(AuthorizationStatus status);
};

}  // namespace cd::charging
