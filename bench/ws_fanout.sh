#!/usr/bin/env bash
# Build bench/ws_fanout and run it on a private test stack: 100 and then
# 1000 WebSocket clients, events at a fixed rate; prints the latency and
# loss figures of each run. Not part of make check.
#   REVCARE_BUILDDIR=/tmp/build bench/ws_fanout.sh [RATE [SECONDS]]
# Use a build without sanitizers (configure CFLAGS=-O2) for real figures.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
builddir=${REVCARE_BUILDDIR:-$top}
export REVCARE_BUILDDIR="$builddir"
rate=${1:-100}
seconds=${2:-10}

make -s -C "$builddir" backend/revcared bench/ws_fanout
dir=$(mktemp -d /tmp/revcare-bench.XXXXXX)
trap '"$top/tests/harness/stack" stop "$dir"; rm -rf "$dir"' EXIT
"$top/tests/harness/stack" start "$dir"
# shellcheck disable=SC1091
. "$dir/stack.env"
for n in 100 1000; do
	echo "== $n sockets, $rate events/s for $seconds s =="
	"$builddir/bench/ws_fanout" --server "$REVCARE_TEST_URL" \
	    --pgurl "$REVCARE_TEST_PGURL" --sockets "$n" --rate "$rate" \
	    --seconds "$seconds"
done
