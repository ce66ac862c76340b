#pragma once
// Operators › Logins open now: who is logged in where, since when, last seen; End session… on the
// selected login (the console there asks its operator to log in again).

#include "ui/operators/operatorscontext.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace cd::ui {

class ChangeDialog;
class LoginSessionModel;

class LoginSessionsTab : public QWidget {
    Q_OBJECT
public:
    explicit LoginSessionsTab(const OperatorsContext &context, QWidget *parent = nullptr);

    LoginSessionModel *model() const { return m_model; }
    void refresh();
    bool selectSession(qint64 sessionId);
    qint64 selectedSession() const;  // 0: none
    ChangeDialog *openEndSession();  // nullptr without a selected session

    void retranslateUi();

signals:
    void loaded(int sessionCount);

private:
    void updateButtons();

    const OperatorsContext &m_context;
    LoginSessionModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_end = nullptr;
    QLabel *m_status = nullptr;
};

}  // namespace cd::ui
