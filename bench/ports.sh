# Sourced by bench/run.sh and bench/ab.sh: how they learn the port a child they started listens on.
# Every child is started with port 0 (the OS picks) and prints a line naming the port.

fake_port_line='s/^FAKE_GEMINI_PORT=//p'
hydra_port_line='s|.*http://127\.0\.0\.1:\([0-9]*\)/v1.*|\1|p'
relay_port_line='s/^RELAY_PORT=//p'
replay_port_line='s/^REPLAY_PORT=//p'

# port_from FILE SED_EXPRESSION WHAT: waits up to 30 s for the child's output in FILE to name its
# port, and prints it; says WHAT did not start otherwise (call it as "$(port_from ...)" || exit 1).
port_from() {
    local port
    for _ in $(seq 1 300); do
        port="$(sed -n "$2" "$1" 2>/dev/null | head -n1)"
        [ -n "$port" ] && { echo "$port"; return 0; }
        sleep 0.1
    done
    echo "bench: $3 did not start" >&2
    return 1
}
