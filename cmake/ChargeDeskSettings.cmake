# One INTERFACE target with the compile settings every ChargeDesk target shares.
add_library(chargedesk_settings INTERFACE)
add_library(ChargeDesk::settings ALIAS chargedesk_settings)

target_compile_features(chargedesk_settings INTERFACE cxx_std_20)
target_compile_definitions(chargedesk_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    CHARGEDESK_VERSION="${PROJECT_VERSION}"
    $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)
target_compile_options(chargedesk_settings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wimplicit-fallthrough
    $<$<BOOL:${CHARGEDESK_WERROR}>:-Werror>
    # GCC 12 at -O2 reports false positives inside std::optional/std::string (libstdc++ and
    # nlohmann headers): kept visible as warnings, never fatal.
    $<$<BOOL:${CHARGEDESK_WERROR}>:-Wno-error=maybe-uninitialized>
    $<$<BOOL:${CHARGEDESK_WERROR}>:-Wno-error=restrict>
    $<$<BOOL:${CHARGEDESK_WERROR}>:-Wno-error=array-bounds>
    $<$<BOOL:${CHARGEDESK_WERROR}>:-Wno-error=stringop-overflow>)

# The sanitizer preset sets CHARGEDESK_SANITIZE=ON.
option(CHARGEDESK_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(CHARGEDESK_SANITIZE)
    target_compile_options(chargedesk_settings INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(chargedesk_settings INTERFACE -fsanitize=address,undefined)
endif()
