# Sourced by the scripts that serve a demonstration plant: start recrepo serve on a repository and
# wait until it answers; stop it again. Needs $bin (the recrepo binary).

# A free TCP port on 127.0.0.1.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# start_server REPO PORT LOG: serves REPO on 127.0.0.1:PORT in the background (server_pid, server_url)
# and waits until its sign-in page answers; fails with the server's log if it does not within 30 s.
start_server() {
    local repo=$1 port=$2 log=$3
    "$bin" serve --repo "$repo" --listen "127.0.0.1:$port" > "$log" 2>&1 &
    server_pid=$!
    server_url="http://127.0.0.1:$port"
    for _ in $(seq 1 150); do
        if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/sign-in", timeout=2)' "$server_url" 2>/dev/null; then
            return 0
        fi
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.2
    done
    echo "recrepo serve did not answer at $server_url:" >&2
    cat "$log" >&2
    return 1
}

# Stops the server started by start_server, if it still runs.
stop_server() {
    if [ -n "${server_pid:-}" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}
