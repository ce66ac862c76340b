#pragma once
// The member list of Accounts › Members: number, name, phone, e-mail, balance, refundable amount,
// pending refund, auto-stop threshold, cards. Ascending numbers; paged: when more members match
// than are loaded, the view's fetchMore() asks for the next page (moreRequested, after the last).

#include "core/accounts/accounttypes.h"

#include "ui/widgets/pagedtablemodel.h"


namespace cd::ui {

class MemberTableModel : public PagedTableModel {
    Q_OBJECT
public:
    enum Column { Number, Name, Phone, Email, Balance, Refundable, PendingRefund, AutoStop, Cards, ColumnCount };
    static constexpr int MemberIdRole = Qt::UserRole + 1;

    explicit MemberTableModel(QObject *parent = nullptr);

    void setCurrency(const QString &currency) { m_currency = currency; }
    void setMembers(QList<accounts::Member> rows, bool hasMore);
    void appendMembers(QList<accounts::Member> rows, bool hasMore);
    const accounts::Member *member(int row) const;
    int rowOf(qint64 memberId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

protected:
    qint64 pageBoundary() const override;  // after the last member

private:
    QList<accounts::Member> m_rows;
    QString m_currency;
};

}  // namespace cd::ui
