#include "core/payments/paymenttypes.h"

#include <utility>

namespace cd::payments {

namespace {

const std::pair<HoldStatus, const char16_t *> kStatusNames[] = {
    {HoldStatus::None, u"none"},         {HoldStatus::Created, u"created"},   {HoldStatus::Processing, u"processing"},
    {HoldStatus::Hold, u"hold"},         {HoldStatus::Success, u"success"},   {HoldStatus::Released, u"released"},
    {HoldStatus::Canceled, u"canceled"}, {HoldStatus::Failed, u"failed"},
};

const std::pair<Operation, const char16_t *> kOperationNames[] = {
    {Operation::Hold, u"hold"},     {Operation::Capture, u"capture"}, {Operation::Void, u"void"},
    {Operation::Refund, u"refund"}, {Operation::Status, u"status"},
};

}  // namespace

QString holdStatusName(HoldStatus status)
{
    for (const auto &[s, name] : kStatusNames) {
        if (s == status)
            return QString::fromUtf16(name);
    }
    return {};
}

std::optional<HoldStatus> holdStatusFromName(const QString &name)
{
    for (const auto &[s, text] : kStatusNames) {
        if (name == QStringView(text))
            return s;
    }
    return std::nullopt;
}

bool isFinal(HoldStatus status)
{
    return statusRank(status) >= 4;
}

int statusRank(HoldStatus status)
{
    switch (status) {
    case HoldStatus::None:
        return 0;
    case HoldStatus::Created:
        return 1;
    case HoldStatus::Processing:
        return 2;
    case HoldStatus::Hold:
        return 3;
    case HoldStatus::Success:
    case HoldStatus::Released:
    case HoldStatus::Canceled:
    case HoldStatus::Failed:
        return 4;
    }
    return 0;
}

QString operationName(Operation operation)
{
    for (const auto &[o, name] : kOperationNames) {
        if (o == operation)
            return QString::fromUtf16(name);
    }
    return {};
}

std::optional<Operation> operationFromName(const QString &name)
{
    for (const auto &[o, text] : kOperationNames) {
        if (name == QStringView(text))
            return o;
    }
    return std::nullopt;
}

}  // namespace cd::payments
