#!/usr/bin/env bash
# What the Micrometer meters cost: the echo scenario (50 connections × 64 B) against the
# sample app with its meters on (the default: it has Actuator) and off
# (--ws.metrics.enabled=false), in alternating rounds, server pinned to core 1 and the load
# generator to core 0, as benchmarks/run.sh does. Prints each round and the median ratio.
# Usage: benchmarks/meters.sh [ROUNDS]   (run benchmarks/run.sh once first: it builds the jar
# and installs Node ws)
set -euo pipefail
ROUNDS=${1:-3}
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
JAR=$ROOT/sample-app/target/wsboot-sample-app-0.1.0-SNAPSHOT.jar
PORT=${BENCH_PORT:-18080}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
[ -f "$JAR" ] || { echo "$JAR is missing: run benchmarks/run.sh first" >&2; exit 1; }
measure() {
	local label=$1
	shift
	taskset -c 1 java -Xms2g -Xmx2g -Xmn64m -XX:+UseSerialGC -jar "$JAR" --server.port="$PORT" \
		--spring.main.banner-mode=off "$@" >"$OUT/$label.log" 2>&1 &
	local pid=$!
	for _ in $(seq 1 600); do
		(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
		sleep 0.1
	done
	taskset -c 0 node "$BENCH/node/loadgen.js" echo --url "ws://127.0.0.1:$PORT" --pid "$pid" \
		--connections 50 --size 64 --warmup 15 --duration 6 --meta "{\"label\":\"$label\"}" >>"$OUT/results.jsonl"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
}
for ((round = 1; round <= ROUNDS; round++)); do
	if ((round % 2)); then
		measure on; measure off --ws.metrics.enabled=false
	else
		measure off --ws.metrics.enabled=false; measure on
	fi
done
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const on = lines.filter((r) => r.label === "on").map((r) => r.perServerCpuSecond);
const off = lines.filter((r) => r.label === "off").map((r) => r.perServerCpuSecond);
const ratios = on.map((v, i) => v / off[i]).sort((a, b) => a - b);
console.log("| round | meters on | meters off | on ÷ off |");
console.log("|---|---|---|---|");
on.forEach((v, i) => console.log(`| ${i + 1} | ${Math.round(v)} | ${Math.round(off[i])} | ${(v / off[i]).toFixed(3)}× |`));
console.log(`median on ÷ off: ${ratios[Math.floor(ratios.length / 2)].toFixed(3)}× (messages per server CPU-second)`);
' "$OUT/results.jsonl"
