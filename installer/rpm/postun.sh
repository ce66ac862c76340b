# chargedesk %postun ($1: 0 erase, 1 upgrade). The user chargedesk, the database folder
# /var/lib/chargedesk-server and /etc/default/chargedesk-server (it may hold the key) are
# kept on erase, as Fedora's packaging guidelines keep users.
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    if [ "$1" -ge 1 ]; then
        systemctl try-restart chargedesk-server.service >/dev/null 2>&1 || :
    fi
fi
