#!/usr/bin/env bash
# Install the given Debian packages when they are missing. Without root (or sudo) it warns and carries on,
# unless --required is given, in which case a missing package is an error.
set -u
required=0
if [ "${1:-}" = "--required" ]; then required=1; shift; fi
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"
else
  echo "warning: missing Debian packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
  exit $required
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null || true
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
  echo "warning: could not install ${missing[*]}" >&2; exit $required; }
