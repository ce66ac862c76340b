# chargedesk %preun ($1: 0 erase, 1 upgrade): stop the service before an erase.
if [ "$1" -eq 0 ] && [ -d /run/systemd/system ]; then
    systemctl stop chargedesk-server.service >/dev/null 2>&1 || :
fi
