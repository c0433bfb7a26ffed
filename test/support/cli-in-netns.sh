#!/bin/sh
# Runs the Portwarden CLI inside a private network namespace (its own ip_local_reserved_ports),
# then prints the namespace's list, so tests never touch the host's setting.
node "$(dirname "$0")/../../bin/portwarden.mjs" "$@"
status=$?
echo "---"
cat /proc/sys/net/ipv4/ip_local_reserved_ports
exit $status
