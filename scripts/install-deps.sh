#!/usr/bin/env bash
# Installs every Debian 12 package ChargeDesk needs to build, run and test.
# Idempotent: installs only what is missing. Uses sudo when not run as root.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # Qt 6
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-charts-dev qt6-positioning-dev qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqt6sql6-psql libgl-dev
  # storage, keys, formats
  libsqlcipher-dev qtkeychain-qt6-dev nlohmann-json3-dev libvalijson-dev libxlsxwriter-dev libsodium-dev
  # reading report exports back in tests: XLSX unzipped, PDF text extracted
  unzip poppler-utils
  # TLS (security profiles 2 and 3): libcrypto for the key check; the openssl tool makes test certificates
  libssl-dev openssl
  # shared-database mode and its tests
  postgresql
  # fonts for screenshots in every language
  fonts-noto-cjk fonts-dejavu-core
  # packaging and its test (tst_installer): cpack -G RPM, desktop entry check, stripped-binary check
  rpm desktop-file-utils file
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Node.js and npm run the interop test peer (npm ocpp-rpc). A machine may already have them
# from elsewhere (e.g. nodesource, whose nodejs conflicts with Debian's npm): keep those.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "All build and test dependencies are installed."
fi
