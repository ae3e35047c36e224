#!/usr/bin/env bash
# Side-by-side SMPP benchmark in one run: the node-smpp client and our client against the same
# node-smpp server (same window), then our client against the in-process simulator with 1, 2, 4 binds.
# Usage: bench/Engagement.Bench.Smpp/run-side-by-side.sh [COUNT] [WINDOW]
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${1:-20000}
WINDOW=${2:-100}
dotnet build bench/Engagement.Bench.Smpp -c Release -v q -nologo >/dev/null
BENCH="dotnet bench/Engagement.Bench.Smpp/bin/Release/net10.0/Engagement.Bench.Smpp.dll"
OUT=$(mktemp)
(cd tests/peers && exec node smpp-server.js --port 0 >"$OUT" 2>&1 < <(sleep 3600)) &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -f "$OUT"' EXIT
for _ in $(seq 50); do grep -q READY "$OUT" && break; sleep 0.1; done
PORT=$(sed -n 's/READY port=//p' "$OUT")
echo "## node-smpp server on 127.0.0.1:$PORT, count=$COUNT window=$WINDOW"
echo "### node-smpp client"; node tests/peers/smpp-bench-client.js --port "$PORT" --count "$COUNT" --window "$WINDOW"
echo "### Engagement client"; $BENCH --host 127.0.0.1 --port "$PORT" --system-id test --password secret --count "$COUNT" --window "$WINDOW"
for B in 1 2 4; do
  echo "### Engagement client, in-process simulator, binds=$B"; $BENCH --count 100000 --window "$WINDOW" --binds "$B"
done
