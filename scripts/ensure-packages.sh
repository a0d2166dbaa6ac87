#!/usr/bin/env bash
# ensure-packages.sh PKG...: installs the Debian/Ubuntu packages that are missing,
# so that `npm test` on a fresh machine needs no other step. Needs root and apt;
# elsewhere it says what is missing and fails.
set -euo pipefail
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0
if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "ensure-packages: missing ${missing[*]}; install them (as root: apt-get install ${missing[*]}) and run again" >&2
  exit 1
fi
echo "ensure-packages: installing ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
