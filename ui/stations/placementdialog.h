#pragma once
// Place station: a station's site (whose meter and partner reports it counts in) and its place on
// the map, with an optional reason. Reads the sites, then saves what changed through
// charging::StationPlacement on the page's worker (Permission::StationsEdit checked and every
// change audited there); a refusal or bad input is shown in the dialog, which closes when saved.

#include "core/access/actor.h"
#include "core/charging/chargingqueries.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class PlacementDialog : public QDialog {
    Q_OBJECT
public:
    // `runner` must outlive the dialog; `place` is where the station stands as listed.
    PlacementDialog(QString chargePointId, charging::StationPlace place, storage::QueryRunner &runner,
                    access::Actor actor, QWidget *parent = nullptr);

    // What the fields say now.
    std::optional<qint64> siteId() const;
    bool onMap() const;
    double latitude() const;
    double longitude() const;
    // Saves what changed (nothing changed: closes); saved() follows, or the error is shown.
    void save();
    QString errorText() const;

signals:
    void sitesLoaded(int count);
    void saved();

private:
    void updateFields();
    void showError(const QString &text);

    QString m_chargePointId;
    charging::StationPlace m_place;
    storage::QueryRunner &m_runner;
    access::Actor m_actor;
    bool m_saving = false;

    QComboBox *m_site = nullptr;
    QCheckBox *m_onMap = nullptr;
    QDoubleSpinBox *m_latitude = nullptr;
    QDoubleSpinBox *m_longitude = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

}  // namespace cd::ui
