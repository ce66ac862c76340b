#pragma once
// Settings › Station server: whether this console serves stations, on which address, with which
// security profile, whether unknown stations may register; the live status; Apply restarts the
// server (after a confirmation when stations are connected).

#include "core/runtime/stationserversettings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace cd::runtime {
class StationServerControl;
}

namespace cd::ui {

class StationServerSection : public QWidget {
    Q_OBJECT
public:
    // `control` is not owned and must outlive the section.
    explicit StationServerSection(runtime::StationServerControl &control, QWidget *parent = nullptr);

    // What the form says now (not yet applied).
    runtime::StationServerSettings formSettings() const;
    // Applies the form. With stations connected it asks first, unless `confirmed`.
    void apply(bool confirmed = false);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void loadForm(const runtime::StationServerSettings &settings);
    void updateState();
    void updateStatus();
    bool confirmRestart();
    // A line for a PEM file and a Browse… button beside it.
    QWidget *fileField(QLineEdit *&line, QPushButton *&browse, const QString &objectName);
    void browse(QLineEdit *line, const QString &title);

    runtime::StationServerControl &m_control;

    QLabel *m_heading = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_demoNotice = nullptr;
    QCheckBox *m_enabled = nullptr;
    QLabel *m_listenLabel = nullptr;
    QLineEdit *m_listen = nullptr;
    QLabel *m_listenError = nullptr;
    QLabel *m_profileLabel = nullptr;
    QComboBox *m_profile = nullptr;
    QLabel *m_certificateLabel = nullptr;
    QLineEdit *m_certificate = nullptr;
    QPushButton *m_certificateBrowse = nullptr;
    QLabel *m_keyLabel = nullptr;
    QLineEdit *m_key = nullptr;
    QPushButton *m_keyBrowse = nullptr;
    QLabel *m_caLabel = nullptr;
    QLineEdit *m_ca = nullptr;
    QPushButton *m_caBrowse = nullptr;
    QFormLayout *m_form = nullptr;
    QCheckBox *m_acceptUnknown = nullptr;
    QPushButton *m_apply = nullptr;
    QLabel *m_applyError = nullptr;
    QLabel *m_note = nullptr;
};

}  // namespace cd::ui
