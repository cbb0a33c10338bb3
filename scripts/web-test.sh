#!/usr/bin/env bash
# The web application in a real browser: builds a demonstration plant with the CLI, serves it on a
# free port, and runs scripts/web-test.py (headless Chromium at phone size, axe-core on every page,
# the history checked with recrepo verify and stock git). The server is always stopped.
# Needs .build/debug/recrepo (make test builds it) and Debian's chromium and chromium-driver.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$PWD/.build/debug/recrepo"
venv="$PWD/.build/venv"
for program in "$bin" /usr/bin/chromium /usr/bin/chromedriver; do
    [ -x "$program" ] || { echo "web-test: $program is missing; run make test (it builds recrepo and runs scripts/install-deps.sh)" >&2; exit 1; }
done
packages="selenium axe-selenium-python openapi-spec-validator schemathesis"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/recrepo-packages" 2>/dev/null)" != "$packages" ]; then
    echo "== Installing the browser test's Python packages into .build/venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check $packages
    # axe-selenium-python bundles an axe-core too old for the WCAG 2.1 tags; this package ships a
    # current axe.min.js, which is all the test takes from it (not its Playwright binding: --no-deps).
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps axe-playwright-python
    echo "$packages" > "$venv/recrepo-packages"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/recrepo-web-test.XXXXXX")
source scripts/serve-lib.sh
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT
echo "== Building the demonstration plant"
bash scripts/demo-plant.sh "$work/plant" > "$work/plant.log" 2>&1 || { cat "$work/plant.log" >&2; exit 1; }
port=$(free_port)
start_server "$work/plant/records" "$port" "$work/server.log"
echo "== recrepo serve answers at $server_url; the browser test runs"
rm -rf .build/screenshots
status=0
"$venv/bin/python" scripts/web-test.py --url "$server_url" --repo "$work/plant/records" --bin "$bin" \
    --plant "$work/plant/sign-ins.env" --work "$work" --screenshots "$PWD/.build/screenshots" || status=$?
if [ "$status" -eq 0 ]; then
    # The API against its OpenAPI document: openapi-spec-validator, then schemathesis on the live
    # server with a QA session (reads only: no password is guessed, so no account locks).
    echo "== The JSON API against its OpenAPI document (openapi-spec-validator, schemathesis)"
    source "$work/plant/sign-ins.env"
    "$venv/bin/python" scripts/api-check.py "$server_url" "$QA2" "$QA2_PASSWORD" || status=$?
fi
if [ "$status" -ne 0 ]; then
    echo "== The server's log:" >&2
    cat "$work/server.log" >&2
fi
exit "$status"
