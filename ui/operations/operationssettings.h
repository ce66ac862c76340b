#pragma once
// The Operations screen's remembered choices (QSettings through cd::appSettings()).

namespace cd::ui {

class OperationsSettings {
public:
    static constexpr int kDefaultOldOpenHours = 24;
    static constexpr int kMaxOldOpenHours = 24 * 90;

    // OLD & OPEN: a session open longer than this many hours (1 … kMaxOldOpenHours).
    static int oldOpenHours();
    static void setOldOpenHours(int hours);
};

}  // namespace cd::ui
