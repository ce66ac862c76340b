#!/usr/bin/env bash
# tst_installer: builds the DEB and RPM of a configured and built tree, checks what they hold
# and declare, then installs the DEB on this machine and runs the installed programs, and
# removes it again, leaving the machine as it was.
#   tests/installer/test_packages.sh BUILD_DIR
# Root (or passwordless sudo) installs for real with dpkg; otherwise the DEB is unpacked with
# dpkg-deb -x into a temporary folder and the programs run from there (printed below).
# An already installed chargedesk package is never touched: the programs then run unpacked.
# CHARGEDESK_INSTALLER_TEST_UNPACKED=1 asks for the unpacked run even as root.
# $SUDO is empty or "sudo -n": split on purpose.
# shellcheck disable=SC2012,SC2016,SC2086,SC2206
set -uo pipefail

BUILD_DIR=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd) || exit 2
WORK=$(mktemp -d /tmp/chargedesk-installer.XXXXXX)
chmod 0755 "$WORK"  # the service user must reach its scratch folder below
FAILURES=0
INSTALLED=0
SERVER_PID=""
SUDO=""

note() { echo "-- $*"; }
fail() { echo "FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
die() { echo "FAIL: $*" >&2; exit 1; }
# check "what" command...: the command must succeed.
check() { local what=$1; shift; if "$@"; then echo "ok: $what"; else fail "$what"; fi; }
contains() { grep -qF -- "$2" <<<"$1"; }
lacks_line() { ! grep -qxF -- "$2" <<<"$1"; }
# exits_with RC EXPECTED OUTPUT TEXT: RC is EXPECTED and OUTPUT contains TEXT.
exits_with() { [ "$1" -eq "$2" ] && grep -qF -- "$4" <<<"$3"; }

# Offline check of a unit: syntax, known settings, the program exists. Unknown keys are only
# warnings for systemd, so they are looked for in the output too.
verify_unit() {
    command -v systemd-analyze >/dev/null || { note "no systemd-analyze: unit checked by grep only"; return; }
    local out rc
    out=$(systemd-analyze verify "$1" 2>&1); rc=$?
    if [ "$rc" -eq 0 ] && ! grep -Eq 'Unknown|[Ii]nvalid|[Ff]ailed|ignoring' <<<"$out"; then
        echo "ok: systemd-analyze verify $(basename "$1")"
    else
        echo "$out" >&2
        fail "systemd-analyze verify $(basename "$1")"
    fi
}

# --- undo everything this test did to the machine, whatever happened ---------------------
had_user=0; had_state=0; had_default=0
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
    if [ "$INSTALLED" = 1 ]; then
        $SUDO dpkg --purge chargedesk >/dev/null 2>&1
        # The package keeps its user and a non-empty state folder on purge (Debian practice);
        # this test removes what it made itself.
        [ "$had_user" = 0 ] && getent passwd chargedesk >/dev/null && $SUDO userdel chargedesk 2>/dev/null
        [ "$had_user" = 0 ] && getent group chargedesk >/dev/null && $SUDO groupdel chargedesk 2>/dev/null
        [ "$had_state" = 0 ] && $SUDO rm -rf /var/lib/chargedesk-server
        [ "$had_default" = 0 ] && $SUDO rm -f /etc/default/chargedesk-server
    fi
    $SUDO rm -rf "$WORK"
}
trap cleanup EXIT

for tool in cpack dpkg-deb rpm rpmbuild desktop-file-validate file; do
    command -v "$tool" >/dev/null || die "$tool is missing: run scripts/install-deps.sh"
done
CPACK=$(sed -n 's/^CMAKE_CPACK_COMMAND:INTERNAL=//p' "$BUILD_DIR/CMakeCache.txt")
[ -x "$CPACK" ] || CPACK=cpack
VERSION=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$BUILD_DIR/CMakeCache.txt")
[ -n "$VERSION" ] || die "no CMAKE_PROJECT_VERSION in $BUILD_DIR/CMakeCache.txt"

# --- 1. build both packages --------------------------------------------------------------
note "cpack -G DEB;RPM in $BUILD_DIR (packages in $WORK/pkg)"
start=$SECONDS
if ! (cd "$BUILD_DIR" && "$CPACK" -G "DEB;RPM" -B "$WORK/pkg") >"$WORK/cpack.log" 2>&1; then
    cat "$WORK/cpack.log" >&2
    die "cpack failed"
fi
note "packed in $((SECONDS - start)) s"
DEB=$(ls "$WORK"/pkg/chargedesk_*.deb 2>/dev/null | head -1)
RPM=$(ls "$WORK"/pkg/chargedesk-*.rpm 2>/dev/null | head -1)
[ -f "$DEB" ] || die "no .deb in $WORK/pkg"
[ -f "$RPM" ] || die "no .rpm in $WORK/pkg"

# The files every package must hold (paths without the leading "/" or ".").
FILES=(
    usr/bin/chargedesk usr/bin/chargedesk-server usr/bin/chargedesk-cli usr/bin/chargedesk-sim
    usr/share/applications/chargedesk.desktop
    usr/share/icons/hicolor/scalable/apps/chargedesk.svg
    usr/lib/systemd/system/chargedesk-server.service
    usr/share/chargedesk/chargedesk-server.default
)

# --- 2. the DEB: control fields, contents, maintainer scripts ----------------------------
note "checking $(basename "$DEB")"
depends=$(dpkg-deb -f "$DEB" Depends)
echo "Depends: $depends"
for lib in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6websockets6 libqt6sql6 \
           libqt6charts6 libqt6svg6 libsqlcipher0 libqt6keychain1 libc6 adduser; do
    check "Depends names $lib" contains "$depends" "$lib"
done
check "Package is chargedesk" test "$(dpkg-deb -f "$DEB" Package)" = chargedesk
check "Version is $VERSION" test "$(dpkg-deb -f "$DEB" Version)" = "$VERSION"
check "Architecture is $(dpkg --print-architecture)" \
    test "$(dpkg-deb -f "$DEB" Architecture)" = "$(dpkg --print-architecture)"
deb_list=$(dpkg-deb -c "$DEB" | awk '{print $6}' | sed 's|^\./||')
for f in "${FILES[@]}"; do check "DEB holds /$f" grep -qx -- "$f" <<<"$deb_list"; done
mkdir -p "$WORK/control" "$WORK/root"
dpkg-deb -e "$DEB" "$WORK/control"
for s in postinst prerm postrm; do
    check "DEB $s is executable" test -x "$WORK/control/$s"
    check "DEB $s is valid sh" sh -n "$WORK/control/$s"
done
check "postinst does not enable or start the service" \
    bash -c "! grep -Eq 'systemctl (enable|start)|deb-systemd-helper enable' '$WORK/control/postinst'"
dpkg-deb -x "$DEB" "$WORK/root"
for p in chargedesk chargedesk-server chargedesk-cli chargedesk-sim; do
    check "$p is stripped" bash -c "file -b '$WORK/root/usr/bin/$p' | grep -q ', stripped'"
done
check "desktop entry is valid (desktop-file-validate)" \
    desktop-file-validate "$WORK/root/usr/share/applications/chargedesk.desktop"
desktop=$(cat "$WORK/root/usr/share/applications/chargedesk.desktop")
check "desktop entry starts chargedesk" grep -qx 'Exec=chargedesk' <<<"$desktop"
check "desktop entry names the icon" grep -qx 'Icon=chargedesk' <<<"$desktop"
check "desktop entry has a menu category" grep -Eq '^Categories=.*(Office|Network)' <<<"$desktop"
check "icon is an SVG" grep -q '<svg' "$WORK/root/usr/share/icons/hicolor/scalable/apps/chargedesk.svg"
unit="$WORK/root/usr/lib/systemd/system/chargedesk-server.service"
for line in '[Service]' '[Install]' 'User=chargedesk' 'StateDirectory=chargedesk-server' \
            'Restart=on-failure' 'EnvironmentFile=-/etc/default/chargedesk-server' \
            'ExecStart=/usr/bin/chargedesk-server $CHARGEDESK_SERVER_ARGS' 'NoNewPrivileges=yes'; do
    check "unit has $line" grep -qxF -- "$line" "$unit"
done

# --- 3. the RPM: same files, requirements, scripts ---------------------------------------
note "checking $(basename "$RPM")"
rpm_list=$(rpm -qpl "$RPM" 2>/dev/null | sed 's|^/||')
for f in "${FILES[@]}"; do check "RPM holds /$f" grep -qx -- "$f" <<<"$rpm_list"; done
for d in usr/bin usr/share/applications usr/lib/systemd/system; do
    check "RPM does not own the shared folder /$d" lacks_line "$rpm_list" "$d"
done
requires=$(rpm -qpR "$RPM" 2>/dev/null)
for lib in 'libQt6Core.so.6' 'libQt6Widgets.so.6' 'libQt6WebSockets.so.6' 'libsqlcipher.so.0'; do
    check "RPM requires $lib" contains "$requires" "$lib"
done
check "RPM version is $VERSION" test "$(rpm -qp --qf '%{VERSION}' "$RPM" 2>/dev/null)" = "$VERSION"
scripts=$(rpm -qp --scripts "$RPM" 2>/dev/null)
check "RPM post script creates the user" contains "$scripts" "useradd --system"

# --- 4. install the DEB (or run unpacked) --------------------------------------------------
if [ "$(id -u)" -ne 0 ] && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
if [ -n "${CHARGEDESK_INSTALLER_TEST_UNPACKED:-}" ]; then
    mode="unpacked: CHARGEDESK_INSTALLER_TEST_UNPACKED is set"
elif [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
    mode="unpacked: not root and no passwordless sudo"
elif dpkg-query -W -f='${Status}' chargedesk 2>/dev/null | grep -q "ok installed"; then
    mode="unpacked: a chargedesk package is already installed here and is left alone"
else
    mode=installed
fi

if [ "$mode" = installed ]; then
    getent passwd chargedesk >/dev/null && had_user=1
    [ -e /var/lib/chargedesk-server ] && had_state=1
    [ -e /etc/default/chargedesk-server ] && had_default=1
    note "installing with dpkg -i (every dependency must already be installed)"
    INSTALLED=1
    if ! $SUDO env DEBIAN_FRONTEND=noninteractive dpkg -i "$DEB" >"$WORK/dpkg.log" 2>&1; then
        cat "$WORK/dpkg.log" >&2
        die "dpkg -i failed: a dependency is missing on this machine or a maintainer script failed"
    fi
    BIN=/usr/bin
    check "installed /usr/bin/chargedesk-server" test -x /usr/bin/chargedesk-server
    check "postinst created the system user chargedesk" getent passwd chargedesk
    check "chargedesk has no login shell" bash -c "getent passwd chargedesk | grep -Eq ':/(usr/)?sbin/nologin$'"
    check "state folder is chargedesk's, 0700" \
        test "$(stat -c '%U %a' /var/lib/chargedesk-server)" = "chargedesk 700"
    check "/etc/default/chargedesk-server is root's, 0600" \
        test "$(stat -c '%U %a' /etc/default/chargedesk-server)" = "root 600"
    check "installed desktop entry is valid" desktop-file-validate /usr/share/applications/chargedesk.desktop
    verify_unit /usr/lib/systemd/system/chargedesk-server.service
    # The programs run as the service's user. setpriv execs (no child process), so a signal
    # sent to a background server reaches the server itself.
    RUN_AS=($SUDO setpriv --reuid=chargedesk --regid=chargedesk --init-groups)
else
    note "$mode; running the programs from $WORK/root (dpkg-deb -x)"
    BIN="$WORK/root/usr/bin"
    RUN_AS=()
    # The unit, pointed at the unpacked program so that verify finds it.
    sed "s|/usr/bin/chargedesk-server|$BIN/chargedesk-server|" "$unit" >"$WORK/chargedesk-server.service"
    verify_unit "$WORK/chargedesk-server.service"
fi

# --- 5. run the programs -----------------------------------------------------------------
RUN="$WORK/run"
mkdir -p "$RUN"
mkdir -m 0700 "$RUN/xdg" "$WORK/xdg"  # XDG_RUNTIME_DIR: else Qt makes /tmp/runtime-<user>
[ "$mode" = installed ] && $SUDO chown -R chargedesk:chargedesk "$RUN"
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8 LANG=C.UTF-8 XDG_RUNTIME_DIR="$WORK/xdg"
# Programs run with only the environment a service gets (the unit sets HOME and XDG_RUNTIME_DIR).
as_service() {
    "${RUN_AS[@]}" env -i HOME="$RUN" XDG_RUNTIME_DIR="$RUN/xdg" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen "$@"
}

for p in chargedesk-server chargedesk-cli chargedesk-sim; do
    out=$("$BIN/$p" --version 2>&1); rc=$?
    check "$p --version exits 0 and prints $VERSION" exits_with "$rc" 0 "$out" "$VERSION"
done
out=$("$BIN/chargedesk" --version 2>&1); rc=$?
check "chargedesk (console, offscreen) --version exits 0 and prints $VERSION" exits_with "$rc" 0 "$out" "$VERSION"
out=$("$BIN/chargedesk-server" --help 2>&1); rc=$?
check "chargedesk-server --help lists --migrate-only" exits_with "$rc" 0 "$out" "--migrate-only"

KEY=$("$BIN/chargedesk-cli" key generate 2>/dev/null)
check "chargedesk-cli key generate prints 64 hex digits" grep -Eqx '[0-9a-f]{64}' <<<"$KEY"
OTHER_KEY=$("$BIN/chargedesk-cli" key generate 2>/dev/null)

# The key comes from the environment, as in the unit (--db-key-env CHARGEDESK_DB_KEY).
out=$(as_service CHARGEDESK_DB_KEY="$KEY" "$BIN/chargedesk-server" --db "$RUN/chargedesk.db" \
        --db-key-env CHARGEDESK_DB_KEY --migrate-only 2>&1); rc=$?
echo "$out"
check "chargedesk-server --migrate-only creates the database (exit 0)" test "$rc" -eq 0
check "the database reports SQLCipher and a schema version" \
    grep -Eq 'SQLCipher .*schema version [1-9]' <<<"$out"
check "the database file exists" test -s "$RUN/chargedesk.db"
check "the database is encrypted (no SQLite header)" \
    bash -c "test -s '$RUN/chargedesk.db' && ! head -c 16 '$RUN/chargedesk.db' | grep -q 'SQLite format'"
out=$(as_service CHARGEDESK_DB_KEY="$OTHER_KEY" "$BIN/chargedesk-server" --db "$RUN/chargedesk.db" \
        --db-key-env CHARGEDESK_DB_KEY --migrate-only 2>&1); rc=$?
check "a wrong key is refused with exit code 4 (got $rc)" test "$rc" -eq 4
out=$(as_service "$BIN/chargedesk-server" --db "$RUN/chargedesk.db" --db-key-env CHARGEDESK_DB_KEY \
        --migrate-only 2>&1); rc=$?
check "a missing key is exit code 3 (got $rc) and names the variable" exits_with "$rc" 3 "$out" CHARGEDESK_DB_KEY

# The service's own configuration, as an admin would set it up: the key appended to
# /etc/default/chargedesk-server, the default CHARGEDESK_SERVER_ARGS from that file, the
# database in /var/lib/chargedesk-server, run as chargedesk. Only on a machine where this test
# made both (never on a real installation's files).
ADMIN_SETUP=0
if [ "$mode" = installed ] && [ "$had_default" = 0 ] && [ "$had_state" = 0 ]; then
    ADMIN_SETUP=1
    echo "CHARGEDESK_DB_KEY=$KEY" | $SUDO tee -a /etc/default/chargedesk-server >/dev/null
    out=$($SUDO env XDG_RT="$RUN/xdg" bash -c 'set -a; . /etc/default/chargedesk-server; set +a; umask 077
        runuser -u chargedesk -- env -i HOME=/var/lib/chargedesk-server XDG_RUNTIME_DIR="$XDG_RT" \
            CHARGEDESK_DB_KEY="$CHARGEDESK_DB_KEY" \
            /usr/bin/chargedesk-server $CHARGEDESK_SERVER_ARGS --migrate-only' 2>&1); rc=$?
    echo "$out"
    check "the default CHARGEDESK_SERVER_ARGS create /var/lib/chargedesk-server/chargedesk.db (exit $rc)" \
        test "$rc" -eq 0
    check "that database belongs to chargedesk" \
        test "$(stat -c %U /var/lib/chargedesk-server/chargedesk.db 2>/dev/null)" = chargedesk
fi

# A real start: the server listens, a simulated station boots against it, SIGTERM stops it.
PORT=$((20000 + RANDOM % 20000))
: >"$WORK/server.log"
# exec: $! is then the server (through setpriv and env, which exec too), not a subshell.
(exec "${RUN_AS[@]}" env -i HOME="$RUN" XDG_RUNTIME_DIR="$RUN/xdg" PATH=/usr/bin:/bin CHARGEDESK_DB_KEY="$KEY" \
    "$BIN/chargedesk-server" --db "$RUN/chargedesk.db" --db-key-env CHARGEDESK_DB_KEY \
    --listen "127.0.0.1:$PORT" --accept-unknown-stations --security-profile 0 >"$WORK/server.log" 2>&1) &
SERVER_PID=$!
for _ in $(seq 1 60); do
    grep -q "is running" "$WORK/server.log" && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.5
done
if grep -q "is running" "$WORK/server.log"; then
    echo "ok: chargedesk-server started on 127.0.0.1:$PORT"
    URL=$(grep -Eo 'ws://[^ ]+/<chargePointId>' "$WORK/server.log" | sed 's|/<chargePointId>||')
    out=$(timeout 60 "$BIN/chargedesk-sim" --url "$URL" --stations 1 --prefix PKGTEST --no-sessions \
            --duration 3 --status-interval 0 2>&1); rc=$?
    [ "$rc" -eq 0 ] || echo "$out" >&2
    check "chargedesk-sim ran a station against it (exit 0, got $rc)" test "$rc" -eq 0
    out=$(as_service CHARGEDESK_DB_KEY="$KEY" "$BIN/chargedesk-cli" --db "$RUN/chargedesk.db" \
            --db-key-env CHARGEDESK_DB_KEY station list 2>&1)
    check "chargedesk-cli lists the station the server registered" grep -q 'PKGTEST-0001' <<<"$out"
else
    cat "$WORK/server.log" >&2
    fail "chargedesk-server did not start"
fi
kill -TERM "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID"; rc=$?
SERVER_PID=""
check "chargedesk-server stops on SIGTERM with exit 0 (got $rc)" test "$rc" -eq 0

# The console: open the same database offscreen with its built-in station server, wait until
# that listens (the window is up then), and close it with SIGTERM like a logout.
PORT2=$((PORT + 1))
CHARGEDESK_DB_KEY="$KEY" HOME="$WORK/console-home" "$BIN/chargedesk" --db "$WORK/console.db" \
    --db-key-env CHARGEDESK_DB_KEY --listen "127.0.0.1:$PORT2" >"$WORK/console.log" 2>&1 &
CONSOLE_PID=$!
up=0
for _ in $(seq 1 60); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT2") 2>/dev/null; then up=1; break; fi
    kill -0 "$CONSOLE_PID" 2>/dev/null || break
    sleep 0.5
done
sleep 3  # the SIGTERM handler is installed right after the window is shown
kill -TERM "$CONSOLE_PID" 2>/dev/null
wait "$CONSOLE_PID"; rc=$?
[ "$up" = 1 ] || cat "$WORK/console.log" >&2
check "chargedesk (console, offscreen) started and served 127.0.0.1:$PORT2" test "$up" = 1
check "chargedesk closes on SIGTERM with exit 0 (got $rc)" test "$rc" -eq 0

# --- 6. remove --------------------------------------------------------------------------
if [ "$mode" = installed ]; then
    note "dpkg --purge chargedesk"
    check "dpkg --purge succeeds" $SUDO dpkg --purge chargedesk
    INSTALLED=0
    check "the programs are gone" test ! -e /usr/bin/chargedesk-server
    check "the unit is gone" test ! -e /usr/lib/systemd/system/chargedesk-server.service
    if [ "$ADMIN_SETUP" = 1 ]; then
        check "purge kept /etc/default/chargedesk-server, which holds the key" \
            grep -q "^CHARGEDESK_DB_KEY=$KEY" /etc/default/chargedesk-server
        check "purge kept the database in /var/lib/chargedesk-server" test -s /var/lib/chargedesk-server/chargedesk.db
    fi
    INSTALLED=1  # cleanup: the user and state folder this test made
fi

if [ "$FAILURES" -gt 0 ]; then
    echo "tst_installer: $FAILURES check(s) failed" >&2
    exit 1
fi
echo "tst_installer: all checks passed ($mode)"
