#pragma once
// The member list of Accounts › Members: number, name, phone, e-mail, balance, refundable amount,
// pending refund, auto-stop threshold, cards. Ascending numbers; paged: when more members match
// than are loaded, the view's fetchMore() asks for the next page (moreRequested, after the last).

#include "core/accounts/accounttypes.h"

#include <QAbstractTableModel>

namespace cd::ui {

class MemberTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Number, Name, Phone, Email, Balance, Refundable, PendingRefund, AutoStop, Cards, ColumnCount };
    static constexpr int MemberIdRole = Qt::UserRole + 1;

    explicit MemberTableModel(QObject *parent = nullptr);

    void setCurrency(const QString &currency) { m_currency = currency; }
    void setMembers(QList<accounts::Member> rows, bool hasMore);
    void appendMembers(QList<accounts::Member> rows, bool hasMore);
    bool hasMore() const { return m_hasMore; }
    const accounts::Member *member(int row) const;
    int rowOf(qint64 memberId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    void retranslate();

signals:
    void moreRequested(qint64 afterId);

private:
    QList<accounts::Member> m_rows;
    QString m_currency;
    bool m_hasMore = false;
    bool m_fetching = false;
};

}  // namespace cd::ui
