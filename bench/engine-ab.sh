#!/usr/bin/env bash
# Alternating A/B runs of the end-to-end decide benchmark: a baseline commit against the working
# tree, run for run, so that the machine's drift (the same build ranges over ±20 % from one run to
# the next on the shared 2-core VM) falls on both builds alike.
#
#   bench/engine-ab.sh <baseline-commit> [pairs=8] [--one-core] [throughput options, e.g. --heavy --events 500000]
#
# --one-core runs both builds under `taskset -c 0`, the issue's "on one core".
# The baseline is checked out into a temporary worktree and given the working tree's benchmark
# code (bench/Engagement.Bench.Engine), so both builds measure the same way. Prints every run,
# then for each build the median rate, and the ratio (current / baseline) of each pair with their
# median. Decisions are printed too: a change that moves them is not a speed-up. Nothing else
# should run meanwhile; the worktree is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: bench/engine-ab.sh <baseline-commit> [pairs] [throughput options]}
shift
pairs=8
if [[ ${1:-} =~ ^[0-9]+$ ]]; then pairs=$1; shift; fi
pin=()
if [[ ${1:-} == --one-core ]]; then pin=(taskset -c 0); shift; fi
opts=("$@")
[[ " ${opts[*]} " == *" --events "* ]] || opts+=(--events 500000)

tree=$(mktemp -d /tmp/engine-ab.XXXXXX)
cleanup() { git worktree remove --force "$tree" >/dev/null 2>&1 || true; rm -rf "$tree"; git worktree prune; }
trap cleanup EXIT
git worktree add -f --detach "$tree" "$base" >/dev/null
rm -rf "$tree/bench/Engagement.Bench.Engine"
mkdir -p "$tree/bench/Engagement.Bench.Engine"
(cd bench/Engagement.Bench.Engine && tar cf - --exclude=bin --exclude=obj .) | (cd "$tree/bench/Engagement.Bench.Engine" && tar xf -)

echo "== building the baseline ($(git rev-parse --short "$base")) and the working tree"
for dir in "$tree" "$PWD"; do
  dotnet build -c Release "$dir/bench/Engagement.Bench.Engine" 2>&1 | grep -E "error|rror\(s\)" | grep -v "^ *0 Error" || true
done

run() { "${pin[@]}" dotnet "$1/bench/Engagement.Bench.Engine/bin/Release/net10.0/Engagement.Bench.Engine.dll" throughput "${opts[@]}"; }
field() { grep -o "$1=[0-9.]*" | head -1 | cut -d= -f2; }

declare -a rates_a rates_b ratios
for i in $(seq "$pairs"); do
  a=$(run "$tree" 2>&1 || true); b=$(run "$PWD" 2>&1 || true)
  ra=$(echo "$a" | grep elapsed | field rate); rb=$(echo "$b" | grep elapsed | field rate)
  [ -n "$ra" ] && [ -n "$rb" ] || { echo "pair $i: a run failed"; echo "$a" | tail -3; echo "$b" | tail -3; exit 1; }
  rates_a+=("$ra"); rates_b+=("$rb"); ratios+=("$(awk -v a="$ra" -v b="$rb" 'BEGIN {printf "%.3f", b / a}')")
  echo "pair $i: baseline $ra/s ($(echo "$a" | grep -o 'decisions=[0-9]*'), $(echo "$a" | grep elapsed | grep -o 'allocated_per_event=[0-9]*B gen0=[0-9]* gen1=[0-9]* gen2=[0-9]* gc_pause=[0-9.]*s'))"
  echo "        current  $rb/s ($(echo "$b" | grep -o 'decisions=[0-9]*'), $(echo "$b" | grep elapsed | grep -o 'allocated_per_event=[0-9]*B gen0=[0-9]* gen1=[0-9]* gen2=[0-9]* gc_pause=[0-9.]*s'))  ratio ${ratios[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
echo "baseline median: $(median "${rates_a[@]}")/s"
echo "current median:  $(median "${rates_b[@]}")/s"
echo "ratio per pair:  ${ratios[*]}  (median $(median "${ratios[@]}"))"
