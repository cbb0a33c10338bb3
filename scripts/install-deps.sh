#!/usr/bin/env bash
# Installs the Debian packages recrepo needs, only those that are missing. chromium, chromium-driver
# and python3-venv are for the browser test (scripts/web-test.sh), which takes its Python packages
# from PyPI into .build/venv.
set -euo pipefail
need=(libgit2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev pkg-config git openssh-client python3 python3-venv time tzdata chromium chromium-driver)
# The benchmarks also measure the web application beside nginx, under wrk.
if [ "${1:-}" = "bench" ]; then need+=(wrk nginx); fi
missing=()
for package in "${need[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing missing packages: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
