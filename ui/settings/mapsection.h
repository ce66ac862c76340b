#pragma once
// Settings › Map: the offline basemap, or online raster tiles from OpenStreetMap or another XYZ
// tile server (its address and the attribution its licence asks for). Applied at once to the
// Map screen (mapSettingsApplied).

#include "ui/map/mapsettings.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace cd::ui {

class MapSection : public QWidget {
    Q_OBJECT
public:
    explicit MapSection(QWidget *parent = nullptr);

    MapSettings formSettings() const;
    // Saves the form when it is valid and announces it.
    bool apply();

signals:
    void mapSettingsApplied(const cd::ui::MapSettings &settings);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateState();

    MapSettings m_saved;
    QLabel *m_heading = nullptr;
    QCheckBox *m_online = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_attribution = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLabel *m_attributionLabel = nullptr;
    QLabel *m_formError = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_osm = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_note = nullptr;
};

}  // namespace cd::ui
