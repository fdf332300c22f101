#!/usr/bin/env bash
# Installs what the browser tests need from Debian's packages when it is missing: Chromium (driven by
# Playwright; Playwright's own browser download is not used) and a Java runtime (for the HTML validator).
set -euo pipefail

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "Installing ${missing[*]} from Debian's packages..."
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "Please install these Debian packages as root: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
