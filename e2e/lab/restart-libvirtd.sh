#!/usr/bin/env bash
# Kill the lab's libvirtd by its PID, start it again, wait until its socket
# answers, print the new PID. Running guests survive (libvirtd reattaches them).
# Same as: bash e2e/lab/lab.sh restart-libvirtd
exec bash "$(dirname "${BASH_SOURCE[0]}")/lab.sh" restart-libvirtd
