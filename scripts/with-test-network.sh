#!/usr/bin/env bash
# Runs a command inside a private network namespace with a veth pair (10.213.0.1 and .2), so that
# WebRTC call tests can connect: Chromium never gathers ICE candidates on loopback, and with only
# `lo` a call stays in state `new` forever. The namespace is this run's own (its name carries the
# shell's pid, so concurrent runs do not collide) and is deleted on exit, also after a failure.
#
#   scripts/with-test-network.sh npx playwright test --project calls
#
# Needs root and iproute2. Where either is missing this fails loudly: call tests must never
# silently skip.
set -euo pipefail

if [ $# -eq 0 ]; then
	echo "usage: $0 <command> [args...]" >&2
	exit 2
fi
if ! command -v ip >/dev/null 2>&1; then
	echo "with-test-network: 'ip' (iproute2) is missing; install it (apt-get install iproute2)." >&2
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "with-test-network: creating a network namespace needs root; the call tests cannot run." >&2
	exit 1
fi

ns="tandem-calls-$$"
if ! ip netns add "$ns"; then
	echo "with-test-network: 'ip netns add' failed: network namespaces are unavailable here." >&2
	exit 1
fi
cleanup() {
	ip netns del "$ns" 2>/dev/null || echo "with-test-network: could not delete namespace $ns" >&2
}
trap cleanup EXIT
# Stop the command (and so delete the namespace) on Ctrl-C or a CI job's TERM as well.
trap 'exit 130' INT
trap 'exit 143' TERM

in_ns() { ip netns exec "$ns" "$@"; }
in_ns ip link set lo up
in_ns ip link add v0 type veth peer name v1
in_ns ip addr add 10.213.0.1/24 dev v0
in_ns ip addr add 10.213.0.2/24 dev v1
in_ns ip link set v0 up
in_ns ip link set v1 up

# Not `exec`: the EXIT trap must run after the command to delete the namespace.
status=0
in_ns "$@" || status=$?
exit "$status"
