#!/usr/bin/env bash
# Builds the demonstration plant (scripts/demo-plant.sh) in a new temporary directory and serves it.
#   scripts/demo-serve.sh          serves it at http://127.0.0.1:8080 (RECREPO_DEMO_PORT to change)
#                                  and prints the sign-ins, until interrupted
#   scripts/demo-serve.sh --check  serves it on a free port, fetches every page once as several
#                                  roles (scripts/demo-check.py), stops the server and exits 0 if
#                                  every page answered 200
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$PWD/.build/debug/recrepo"
work=$(mktemp -d "${TMPDIR:-/tmp}/recrepo-demo-plant.XXXXXX")
source scripts/serve-lib.sh
case "${1:-}" in
    --check)
        trap 'stop_server; rm -rf "$work"' EXIT
        bash scripts/demo-plant.sh "$work" > "$work/plant.log" 2>&1 || { cat "$work/plant.log" >&2; exit 1; }
        start_server "$work/records" "$(free_port)" "$work/server.log"
        echo "== recrepo serve answers at $server_url; fetching every page"
        python3 scripts/demo-check.py "$server_url" "$work/sign-ins.env"
        ;;
    "")
        echo "== Building the demonstration plant for the web application"
        bash scripts/demo-plant.sh "$work"
        port=${RECREPO_DEMO_PORT:-8080}
        echo
        echo "== Open http://127.0.0.1:$port and sign in with one of the user IDs above. Stop with Ctrl-C."
        exec "$bin" serve --repo "$work/records" --listen "127.0.0.1:$port"
        ;;
    *) echo "usage: scripts/demo-serve.sh [--check]" >&2; exit 2 ;;
esac
