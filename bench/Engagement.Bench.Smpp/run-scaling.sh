#!/usr/bin/env bash
# Bind scaling against the in-process simulator with a per-answer latency, so one bind is bound by
# window / latency (100 / 20 ms = 5,000/s) and not by the CPU. Runs 1, 2, 4, 8 and 16 binds with the
# same number of messages per bind and prints each run's result and CPU line.
# Usage: bench/Engagement.Bench.Smpp/run-scaling.sh [LATENCY_MS] [WINDOW] [COUNT_PER_BIND]
set -euo pipefail
cd "$(dirname "$0")/../.."
LATENCY=${1:-20}
WINDOW=${2:-100}
PER_BIND=${3:-30000}
dotnet build bench/Engagement.Bench.Smpp -c Release -v q -nologo >/dev/null
BENCH="dotnet bench/Engagement.Bench.Smpp/bin/Release/net10.0/Engagement.Bench.Smpp.dll"
for B in 1 2 4 8 16; do
  echo "### binds=$B latency=${LATENCY}ms window=$WINDOW count=$((PER_BIND * B))"
  $BENCH --count $((PER_BIND * B)) --window "$WINDOW" --binds "$B" --simulator-latency-ms "$LATENCY"
done
