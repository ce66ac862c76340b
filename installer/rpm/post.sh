# chargedesk %post ($1: 1 install, 2 upgrade). Same as the Debian postinst: the service user,
# its state folder, /etc/default/chargedesk-server (0600, only when absent). Nothing is
# enabled or started.
if ! getent passwd chargedesk >/dev/null; then
    useradd --system --user-group --home-dir /var/lib/chargedesk-server --no-create-home \
        --shell /sbin/nologin --comment "ChargeDesk server" chargedesk || :
fi
if [ ! -d /var/lib/chargedesk-server ]; then
    install -d -o chargedesk -g chargedesk -m 0700 /var/lib/chargedesk-server || :
fi
if [ ! -e /etc/default/chargedesk-server ]; then
    mkdir -p /etc/default
    install -m 0600 /usr/share/chargedesk/chargedesk-server.default /etc/default/chargedesk-server || :
fi
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
fi
