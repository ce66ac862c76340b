#include "core/refunds/refundtypes.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace cd::refunds {

namespace {

template <typename E, std::size_t N>
QString nameOf(const std::array<std::pair<E, const char16_t *>, N> &table, E value)
{
    for (const auto &[e, name] : table) {
        if (e == value)
            return QString::fromUtf16(name);
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char16_t *>, N> &table, const QString &name)
{
    for (const auto &[e, n] : table) {
        if (name == QStringView(n))
            return e;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<RefundStatus, const char16_t *>, 3> kStatuses{{
    {RefundStatus::Pending, u"pending"},
    {RefundStatus::Approved, u"approved"},
    {RefundStatus::Rejected, u"rejected"},
}};

constexpr std::array<std::pair<RefundProgress, const char16_t *>, 5> kProgress{{
    {RefundProgress::Applied, u"applied"},
    {RefundProgress::PlatformAudit, u"platform_audit"},
    {RefundProgress::Refunded, u"refunded"},
    {RefundProgress::PartiallyRefunded, u"partially_refunded"},
    {RefundProgress::Failed, u"failed"},
}};

constexpr std::array<std::pair<RecordStatus, const char16_t *>, 4> kRecordStatuses{{
    {RecordStatus::InProgress, u"in_progress"},
    {RecordStatus::Success, u"success"},
    {RecordStatus::Failed, u"failed"},
    {RecordStatus::Revoked, u"revoked"},
}};

}  // namespace

QString statusName(RefundStatus status)
{
    return nameOf(kStatuses, status);
}

std::optional<RefundStatus> statusFromName(const QString &name)
{
    return valueOf(kStatuses, name);
}

QString progressName(RefundProgress progress)
{
    return nameOf(kProgress, progress);
}

std::optional<RefundProgress> progressFromName(const QString &name)
{
    return valueOf(kProgress, name);
}

QString recordStatusName(RecordStatus status)
{
    return nameOf(kRecordStatuses, status);
}

std::optional<RecordStatus> recordStatusFromName(const QString &name)
{
    return valueOf(kRecordStatuses, name);
}

bool RefundGatewayRecord::atDesk() const
{
    return gateway == u"manual";
}

QString RefundText::statusTitle(RefundStatus status)
{
    switch (status) {
    case RefundStatus::Pending:
        return tr("Pending audit");
    case RefundStatus::Approved:
        return tr("Approved");
    case RefundStatus::Rejected:
        return tr("Rejected");
    }
    return {};
}

QString RefundText::progressTitle(RefundProgress progress)
{
    switch (progress) {
    case RefundProgress::Applied:
        return tr("Applied");
    case RefundProgress::PlatformAudit:
        return tr("Platform audit");
    case RefundProgress::Refunded:
        return tr("Refunded");
    case RefundProgress::PartiallyRefunded:
        return tr("Partially refunded");
    case RefundProgress::Failed:
        return tr("Refund failed");
    }
    return {};
}

QString RefundText::recordStatusTitle(RecordStatus status)
{
    switch (status) {
    case RecordStatus::InProgress:
        return tr("In progress");
    case RecordStatus::Success:
        return tr("Refunded");
    case RecordStatus::Failed:
        return tr("Failed");
    case RecordStatus::Revoked:
        return tr("Revoked");
    }
    return {};
}

QString RefundText::decisionTitle(const QString &decision)
{
    if (decision == u"apply")
        return tr("Applied");
    if (decision == u"approve")
        return tr("Approved");
    if (decision == u"reject")
        return tr("Rejected");
    if (decision == u"returned")
        return tr("Returned to the member");
    if (decision == u"gateway_success")
        return tr("Refunded by the gateway");
    if (decision == u"gateway_failed")
        return tr("Refused by the gateway");
    if (decision == u"gateway_no_answer")
        return tr("No answer from the gateway");
    if (decision == u"gateway_pending")
        return tr("Being processed by the gateway");
    if (decision == u"gateway_revoked")
        return tr("Revoked by the gateway");
    if (decision == u"desk_paid")
        return tr("Paid in cash at the desk");
    if (decision == u"desk_not_paid")
        return tr("Not paid at the desk");
    if (decision == u"coupon_revoked")
        return tr("Coupon revoked");
    if (decision == u"coupon_used")
        return tr("Coupon already used");
    if (decision == u"finish")
        return tr("Finished");
    return decision;
}

}  // namespace cd::refunds
