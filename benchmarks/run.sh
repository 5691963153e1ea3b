#!/usr/bin/env bash
# wsboot's benchmarks in one command: builds the sample app (on Tomcat, and with -Pjetty on
# Jetty) and the raw Spring app, installs Node ws, then runs each scenario against wsboot, raw
# Spring and Node ws in turn (the order rotating across rounds), each server pinned to core 1
# and the load generator to core 0. Besides these three, the scenarios also run against:
#   wsboot-jetty   the sample app built with -Pjetty (echo, fanout, idle, heartbeat)
#   wsboot-vt      the sample app on Java 21+ with virtual threads (echo, fanout, heartbeat)
#   raw-spring-vt  the raw Spring app on Java 21+ with virtual threads (echo, fanout)
# The Java 21+ JDK is $BENCH_JAVA21_HOME if set, else the first under /usr/lib/jvm/; without
# one, the two -vt servers are left out.
# The relay scenario runs a fan-out across two instances of the sample app sharing one
# redis-server (--ws.relay.type=redis), against one instance alone; see benchmarks/NOTES.md.
# Results go to benchmarks/results/<date>/; a full run also writes docs/BENCHMARKS.md.
set -euo pipefail

usage() {
	cat <<'EOF'
usage: benchmarks/run.sh [--rounds N] [--scenarios LIST] [--quick] [--skip-build]

  --rounds N        rounds of every scenario, the servers' order rotating each round (default 3,
                    1 with --quick)
  --scenarios LIST  comma-separated, from: echo, fanout, idle, heartbeat, relay (default: all)
  --quick           a smoke run: one round, small counts, windows of a second or two
  --skip-build      use the jars and node_modules already built

Servers: wsboot, raw-spring and node in every scenario (raw Spring has no heartbeat);
wsboot-jetty (the sample app built with -Pjetty) in every scenario; wsboot-vt and
raw-spring-vt (the same jars on a Java 21+ JDK with spring.threads.virtual.enabled=true) in
echo and fanout, wsboot-vt also in heartbeat. The JDK for these two is $BENCH_JAVA21_HOME if
set, else the first /usr/lib/jvm/* whose java reports version 21 or later; if there is none,
they are left out (said on stderr and in meta.json).

relay: fan-out across two instances of the sample app (--ws.relay.type=redis, ports $BENCH_PORT
and $BENCH_PORT+1) and one redis-server ($BENCH_REDIS_SERVER, else redis-server, on a free port
in a temporary directory, started and stopped for each measurement), receivers split between
the instances and the sender on the first, against one instance alone (server names
wsboot-relay and wsboot). Without redis-server the scenario is left out (said on stderr and in
meta.json).

The port is $BENCH_PORT, 18080 if unset.

Only a full run (not --quick, every scenario) rewrites docs/BENCHMARKS.md; any run writes
its results and its own BENCHMARKS.md under benchmarks/results/<date>/.
EOF
}

ROUNDS=
ALL_SCENARIOS=echo,fanout,idle,heartbeat,relay
SCENARIOS=$ALL_SCENARIOS
QUICK=false
BUILD=true
ARGS="$*"
while [ $# -gt 0 ]; do
	case "$1" in
		--rounds) ROUNDS=$2; shift 2 ;;
		--scenarios) SCENARIOS=$2; shift 2 ;;
		--quick) QUICK=true; shift ;;
		--skip-build) BUILD=false; shift ;;
		-h|--help) usage; exit 0 ;;
		*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
	esac
done
for s in ${SCENARIOS//,/ }; do
	case "$s" in echo|fanout|idle|heartbeat|relay) ;; *) echo "unknown scenario: $s" >&2; exit 2 ;; esac
done
if [ -z "$ROUNDS" ]; then
	if $QUICK; then ROUNDS=1; else ROUNDS=3; fi
fi

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
PORT=${BENCH_PORT:-18080}
# the relay scenario's second instance
PORT2=$((PORT + 1))
REDIS_SERVER=${BENCH_REDIS_SERVER:-redis-server}
SAMPLE_JAR=$ROOT/sample-app/target/wsboot-sample-app-0.1.0-SNAPSHOT.jar
RAW_JAR=$BENCH/raw-spring/target/wsboot-bench-raw-spring-0.1.0-SNAPSHOT.jar
# the sample app built with -Pjetty, copied aside: the default build then overwrites SAMPLE_JAR
JETTY_JAR=$BENCH/target/wsboot-sample-app-jetty.jar
# The same heap for both Java servers: fixed, so RSS is comparable; a small young generation,
# so garbage from the warm-up does not pass for memory held per connection. SerialGC is what
# the JVM picks anyway on the one core it is given; it is named so nothing depends on that.
JVM_FLAGS=(-Xms2g -Xmx2g -Xmn64m -XX:+UseSerialGC)
# Tomcat accepts 8192 connections by default; the idle scenarios open 10000. (Jetty, which
# ignores the setting, has no limit by default.)
SPRING_ARGS=(--server.port="$PORT" --server.tomcat.max-connections=20000 --spring.main.banner-mode=off)
# what the -vt servers run with, besides SPRING_ARGS, on the Java 21+ JDK
VT_ARGS=(--spring.threads.virtual.enabled=true)
export CLK_TCK
CLK_TCK=$(getconf CLK_TCK)

# one client process holds 10000 connections, and so does the server
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt 12000 ]; then
	echo "open files limit is $(ulimit -n); the idle and heartbeat scenarios need 12000" >&2
	exit 1
fi
for tool in taskset java jar jcmd node npm mvn; do
	command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
if [ "$(nproc)" -lt 2 ]; then
	echo "two cores are needed: one for the server, one for the load generator" >&2
	exit 1
fi

# java_major JAVA: the major version JAVA reports (8 for 1.8)
java_major() {
	"$1" -version 2>&1 | sed -n '1s/^[^"]*"\(1\.\)\{0,1\}\([0-9][0-9]*\).*/\2/p'
}
# the JDK of the -vt servers: $BENCH_JAVA21_HOME if set, else the first Java 21+ under /usr/lib/jvm
JAVA21_HOME=
if [ -n "${BENCH_JAVA21_HOME:-}" ]; then
	candidates=("$BENCH_JAVA21_HOME")
else
	candidates=(/usr/lib/jvm/*)
fi
for home in "${candidates[@]}"; do
	if [ -x "$home/bin/java" ] && [ "$(java_major "$home/bin/java")" -ge 21 ] 2>/dev/null; then
		JAVA21_HOME=$home
		break
	fi
done
# the relay scenario's Redis
REDIS_VERSION=
RELAY_SKIPPED=
if [[ ",$SCENARIOS," == *",relay,"* ]]; then
	if command -v "$REDIS_SERVER" >/dev/null; then
		REDIS_VERSION=$("$REDIS_SERVER" --version | head -1)
	else
		RELAY_SKIPPED="no $REDIS_SERVER (the Debian package redis-server, or \$BENCH_REDIS_SERVER)"
		echo "$RELAY_SKIPPED: leaving out the relay scenario" >&2
	fi
fi
if [ -n "$JAVA21_HOME" ]; then
	JAVA21=$JAVA21_HOME/bin/java
	JAVA21_VERSION=$("$JAVA21" -version 2>&1 | head -1)
	VT_SERVERS=(wsboot-vt raw-spring-vt)
	VT_SKIPPED=
else
	JAVA21=
	JAVA21_VERSION=
	VT_SERVERS=()
	VT_SKIPPED="no Java 21+ JDK in ${BENCH_JAVA21_HOME:+BENCH_JAVA21_HOME=}${BENCH_JAVA21_HOME:-/usr/lib/jvm/*}"
	echo "$VT_SKIPPED: leaving out wsboot-vt and raw-spring-vt" >&2
fi

if $BUILD; then
	echo "building the sample app, the raw Spring app, and installing Node ws" >&2
	# clean: an up-to-date sample jar would otherwise keep the starter (and container) it was
	# first packaged with. The Jetty build first, copied aside; then the default one, on Tomcat.
	(cd "$ROOT" && mvn -B -q -DskipTests -Pjetty -pl sample-app -am clean package)
	mkdir -p "$(dirname "$JETTY_JAR")"
	cp "$SAMPLE_JAR" "$JETTY_JAR"
	(cd "$ROOT" && mvn -B -q -DskipTests clean package)
	mvn -B -q -DskipTests -f "$BENCH/raw-spring/pom.xml" package
	(cd "$BENCH/node" && npm ci --no-audit --no-fund --silent)
fi

# each sample jar must hold its own container and not the other
jar_libs() {
	jar tf "$1" | sed -n 's|^BOOT-INF/lib/\(.*\)\.jar$|\1|p'
}
for jar in "$SAMPLE_JAR" "$JETTY_JAR" "$RAW_JAR"; do
	if [ ! -f "$jar" ]; then
		echo "$jar is missing: run without --skip-build" >&2
		exit 1
	fi
done
SAMPLE_LIBS=$(jar_libs "$SAMPLE_JAR")
JETTY_LIBS=$(jar_libs "$JETTY_JAR")
if ! grep -q '^tomcat-embed-core-[0-9]' <<<"$SAMPLE_LIBS" || grep -q '^jetty-server-[0-9]' <<<"$SAMPLE_LIBS"; then
	echo "$SAMPLE_JAR is not on Tomcat alone: run without --skip-build" >&2
	exit 1
fi
if ! grep -q '^jetty-server-[0-9]' <<<"$JETTY_LIBS" || grep -q '^tomcat-embed-core-[0-9]' <<<"$JETTY_LIBS"; then
	echo "$JETTY_JAR is not on Jetty alone: run without --skip-build" >&2
	exit 1
fi

# --- sizes ------------------------------------------------------------------------------

if $QUICK; then
	ECHO_WARMUP=1; ECHO_DURATION=1
	FANOUT_RECEIVERS=(100 1000); FANOUT_WARMUP=1; FANOUT_DURATION=1
	IDLE_STEPS=500,1000; IDLE_WARM=200; IDLE_SETTLE=1
	HB_CONNECTIONS=1000; HB_LONG=(); HB_SHORT_WINDOW=2; HB_SETTLE=1; HB_WARM_INTERVALS=0
	RELAY_RECEIVERS=(100 1000)
else
	# Warm-ups long enough to run past wsboot's first heartbeat sweep, 10 s after startup:
	# its first pings and pongs take paths the JIT has not seen, and it recompiles the
	# message path once. Measured inside the window, that one-time cost looked like a 10%
	# lower echo rate and twice the p99; every server gets the same warm-up.
	ECHO_WARMUP=15; ECHO_DURATION=6
	FANOUT_RECEIVERS=(1000 10000); FANOUT_WARMUP=12; FANOUT_DURATION=6
	IDLE_STEPS=5000,10000; IDLE_WARM=1000; IDLE_SETTLE=3
	HB_CONNECTIONS=10000; HB_LONG=(30); HB_SHORT_WINDOW=6; HB_SETTLE=3
	# three sweeps' worth: the JIT compiles the heartbeat's paths over the first few sweeps,
	# which at 30 s costs more than the heartbeat itself (benchmarks/NOTES.md)
	HB_WARM_INTERVALS=3
	RELAY_RECEIVERS=(1000 10000)
fi

# --- servers ----------------------------------------------------------------------------

SERVER_PID=

# start_server KIND LOG [ARGS...]: starts a server on core 1 and waits for its port, $PORT or,
# if set, $SERVER_PORT (the relay scenario's second instance)
start_server() {
	local kind=$1 log=$2 java=java jar= extra=() port=${SERVER_PORT:-$PORT}
	shift 2
	case "$kind" in
		wsboot-jetty) jar=$JETTY_JAR ;;
		wsboot-vt) java=$JAVA21 jar=$SAMPLE_JAR extra=("${VT_ARGS[@]}") ;;
		raw-spring-vt) java=$JAVA21 jar=$RAW_JAR extra=("${VT_ARGS[@]}") ;;
		wsboot*) jar=$SAMPLE_JAR ;;
		raw-spring) jar=$RAW_JAR ;;
	esac
	if [ "$kind" = node ]; then
		taskset -c 1 node "$BENCH/node/server.js" --port "$PORT" "$@" >"$log" 2>&1 &
	else
		taskset -c 1 "$java" "${JVM_FLAGS[@]}" -jar "$jar" "${SPRING_ARGS[@]/#--server.port=*/--server.port=$port}" \
			"${extra[@]}" "$@" >"$log" 2>&1 &
	fi
	SERVER_PID=$!
	for _ in $(seq 1 600); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			return 0
		fi
		if ! kill -0 "$SERVER_PID" 2>/dev/null; then
			echo "$kind did not start; see $log" >&2
			return 1
		fi
		sleep 0.1
	done
	echo "$kind did not open port $port within 60 s; see $log" >&2
	return 1
}

stop_server() {
	local pid
	for pid in "$SERVER_PID" "$SERVER2_PID" "$REDIS_PID"; do
		if [ -n "$pid" ]; then
			kill -KILL "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
	done
	SERVER_PID= SERVER2_PID= REDIS_PID=
}

# --- the relay scenario's Redis and second instance --------------------------------------

SERVER2_PID=
REDIS_PID=
REDIS_PORT=
REDIS_DIR=

# a TCP port nobody listens on now
free_port() {
	node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# start_redis LOG: a fresh redis-server on core 1, on a free port, in a temporary directory,
# without persistence; waits until it answers PING
start_redis() {
	local log=$1
	REDIS_DIR=${REDIS_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/wsboot-bench-redis.XXXXXX")}
	REDIS_PORT=$(free_port)
	taskset -c 1 "$REDIS_SERVER" --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
		--dir "$REDIS_DIR" --daemonize no --protected-mode no >"$log" 2>&1 &
	REDIS_PID=$!
	for _ in $(seq 1 200); do
		if [ "$( (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT" && printf 'PING\r\n' >&3 && head -c 5 <&3) 2>/dev/null)" = "+PONG" ]; then
			return 0
		fi
		if ! kill -0 "$REDIS_PID" 2>/dev/null; then
			echo "redis-server did not start; see $log" >&2
			return 1
		fi
		sleep 0.1
	done
	echo "redis-server did not answer on port $REDIS_PORT within 20 s; see $log" >&2
	return 1
}

# start_relay_pair LOG: Redis, then two sample app instances relaying through it, on $PORT
# and $PORT2; SERVER_PID is the first instance (the sender's), SERVER2_PID the second
start_relay_pair() {
	local log=$1 relay=()
	start_redis "${log%.log}-redis.log" || return 1
	relay=(--ws.relay.type=redis --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT")
	SERVER_PORT=$PORT2 start_server wsboot "${log%.log}-b.log" "${relay[@]}" "${SERVER_ARGS[@]}" || return 1
	SERVER2_PID=$SERVER_PID
	start_server wsboot "$log" "${relay[@]}" "${SERVER_ARGS[@]}"
}

cleanup() {
	stop_server
	if [ -n "$REDIS_DIR" ]; then
		rm -rf "$REDIS_DIR"
	fi
}
trap cleanup EXIT

# measure NAME SERVER LOADGEN_SCENARIO [LOADGEN_ARGS...]: one server, one scenario, one line
# of results; server arguments come from SERVER_ARGS
measure() {
	local name=$1 server=$2 scenario=$3
	shift 3
	local log="$OUT/logs/r$ROUND-$name-$server.log"
	printf '%s  round %d/%d  %-14s %s\n' "$(date +%T)" "$ROUND" "$ROUNDS" "$name" "$server" >&2
	local started relay=()
	if [ "$server" = wsboot-relay ]; then
		start_relay_pair "$log" && started=true || started=false
		relay=(--url2 "ws://127.0.0.1:$PORT2" --pid2 "$SERVER2_PID" --redis-pid "$REDIS_PID")
	else
		start_server "$server" "$log" "${SERVER_ARGS[@]}" && started=true || started=false
	fi
	if ! $started; then
		printf '{"round":%d,"name":"%s","server":"%s","ok":false,"error":"server did not start"}\n' \
			"$ROUND" "$name" "$server" >>"$OUT/results.jsonl"
		stop_server
		return 0
	fi
	local meta
	meta=$(printf '{"round":%d,"name":"%s","server":"%s","log":"logs/%s"}' "$ROUND" "$name" "$server" "${log##*/}")
	if ! taskset -c 0 node "$BENCH/node/loadgen.js" "$scenario" --url "ws://127.0.0.1:$PORT" \
			--pid "$SERVER_PID" "${relay[@]}" --meta "$meta" --time-limit 300 "$@" >>"$OUT/results.jsonl"; then
		echo "  failed: $(tail -1 "$OUT/results.jsonl")" >&2
	fi
	stop_server
}

# the servers of one round, the list rotated by the round so each takes each place in turn
rotated() {
	local servers=("$@") n=$# out=() i
	for ((i = 0; i < n; i++)); do
		out+=("${servers[$(((i + ROUND - 1) % n))]}")
	done
	echo "${out[@]}"
}

server_args() {
	case "$1" in
		wsboot* | raw-spring*) SERVER_ARGS=() ;;
		node) SERVER_ARGS=(--heartbeat-ms 30000) ;;
	esac
}

# the servers each scenario runs against, in the order of round 1
ECHO_SERVERS=(wsboot raw-spring node wsboot-jetty "${VT_SERVERS[@]}")
FANOUT_SERVERS=("${ECHO_SERVERS[@]}")
BIG_ECHO_SERVERS=(wsboot node wsboot-jetty)
IDLE_SERVERS=(wsboot wsboot-1MB raw-spring node wsboot-jetty)
# raw Spring has no heartbeat: nothing to measure
HB_SERVERS=(wsboot node wsboot-jetty)
if [ -n "$JAVA21" ]; then
	HB_SERVERS+=(wsboot-vt)
fi
# one instance alone, and two relaying through Redis
RELAY_SERVERS=(wsboot wsboot-relay)

# --- results ----------------------------------------------------------------------------

OUT=$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT/logs"
# jar_lib LIBS NAME: the version of NAME in a jar's BOOT-INF/lib, as listed by jar_libs
jar_lib() {
	sed -n "s|^$2-\([0-9][^/]*\)$|\1|p" <<<"$1" | head -1
}
CMD="benchmarks/run.sh${ARGS:+ $ARGS}" QUICK=$QUICK ROUNDS=$ROUNDS SCENARIOS=$SCENARIOS \
	ECHO_WARMUP=$ECHO_WARMUP FANOUT_WARMUP=$FANOUT_WARMUP \
	JVM="${JVM_FLAGS[*]}" SPRING="${SPRING_ARGS[*]}" \
	JAVA_VERSION="$(java -version 2>&1 | head -1)" NODE_VERSION="$(node --version)" \
	BOOT_VERSION="$(jar_lib "$SAMPLE_LIBS" spring-boot)" TOMCAT_VERSION="$(jar_lib "$SAMPLE_LIBS" tomcat-embed-core)" \
	SPRING_VERSION="$(jar_lib "$SAMPLE_LIBS" spring-websocket)" JETTY_VERSION="$(jar_lib "$JETTY_LIBS" jetty-server)" \
	JAVA21_VERSION="$JAVA21_VERSION" JAVA21_HOME="$JAVA21_HOME" VT_SKIPPED="$VT_SKIPPED" VT="${VT_ARGS[*]}" \
	REDIS_VERSION="$REDIS_VERSION" RELAY_SKIPPED="$RELAY_SKIPPED" RELAY_WARMUP="$FANOUT_WARMUP" \
	COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- autoconfigure sample-app benchmarks 2>/dev/null || echo ' (with local changes)')" \
	node -e '
const fs = require("fs");
const e = process.env;
const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"));
const mem = /MemTotal:\s+(\d+) kB/.exec(fs.readFileSync("/proc/meminfo", "utf8"));
const meta = {
  command: e.CMD, quick: e.QUICK === "true", rounds: Number(e.ROUNDS), scenarios: e.SCENARIOS.split(","),
  started: new Date().toISOString(), commit: e.COMMIT,
  machine: { cores: require("os").cpus().length, cpu: cpu ? cpu[1] : "unknown",
    memoryGiB: mem ? Math.round(Number(mem[1]) / 1048576 * 10) / 10 : null, kernel: require("os").release(),
    loadAverageAtStart: fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number) },
  versions: { java: e.JAVA_VERSION, node: e.NODE_VERSION, ws: require(process.argv[1] + "/ws/package.json").version,
    springBoot: e.BOOT_VERSION, spring: e.SPRING_VERSION, tomcat: e.TOMCAT_VERSION, jetty: e.JETTY_VERSION,
    javaVirtualThreads: e.JAVA21_VERSION || null },
  jvmFlags: e.JVM, springArgs: e.SPRING, clockTicks: Number(e.CLK_TCK),
  warmupSeconds: { echo: Number(e.ECHO_WARMUP), fanout: Number(e.FANOUT_WARMUP), relay: Number(e.RELAY_WARMUP) },
  virtualThreads: e.JAVA21_HOME ? { javaHome: e.JAVA21_HOME, springArgs: e.VT }
    : { skipped: `${e.VT_SKIPPED}: wsboot-vt and raw-spring-vt left out` },
  relay: !e.SCENARIOS.split(",").includes("relay") ? undefined
    : e.RELAY_SKIPPED ? { skipped: `${e.RELAY_SKIPPED}: the relay scenario left out` }
    : { redis: e.REDIS_VERSION, pinning: "both instances and redis-server on core 1, the load generator on core 0" },
};
fs.writeFileSync(process.argv[2], JSON.stringify(meta, null, 2) + "\n");
' "$BENCH/node/node_modules" "$OUT/meta.json"
: >"$OUT/results.jsonl"
echo "results: $OUT" >&2

# --- scenarios --------------------------------------------------------------------------

has() {
	[[ ",$SCENARIOS," == *",$1,"* ]]
}

for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
	if has echo; then
		for server in $(rotated "${ECHO_SERVERS[@]}"); do
			server_args "$server"
			measure echo-50 "$server" echo --connections 50 --size 64 --warmup "$ECHO_WARMUP" --duration "$ECHO_DURATION"
		done
		for server in $(rotated "${ECHO_SERVERS[@]}"); do
			server_args "$server"
			measure echo-1 "$server" echo --connections 1 --size 64 --warmup "$ECHO_WARMUP" --duration "$ECHO_DURATION"
		done
		# one 1 MiB message at a time: wsboot with a max message size that takes it, Node ws at
		# its default (100 MiB); raw Spring's handler takes whole messages of at most 8 KiB
		for server in $(rotated "${BIG_ECHO_SERVERS[@]}"); do
			server_args "$server"
			case "$server" in wsboot*) SERVER_ARGS+=(--ws.max-message-size=2MB) ;; esac
			measure echo-big "$server" echo --connections 1 --size 1048576 --warmup "$ECHO_WARMUP" \
				--duration "$ECHO_DURATION"
		done
	fi
	if has fanout; then
		for receivers in "${FANOUT_RECEIVERS[@]}"; do
			for server in $(rotated "${FANOUT_SERVERS[@]}"); do
				server_args "$server"
				measure "fanout-$receivers" "$server" fanout --receivers "$receivers" --size 64 \
					--warmup "$FANOUT_WARMUP" --duration "$FANOUT_DURATION"
			done
		done
	fi
	if has idle; then
		for server in $(rotated "${IDLE_SERVERS[@]}"); do
			case "$server" in
				wsboot|wsboot-jetty) SERVER_ARGS=(--ws.max-message-size=64KB) ;;
				wsboot-1MB) SERVER_ARGS=(--ws.max-message-size=1MB) ;;
				*) server_args "$server" ;;
			esac
			jcmd=()
			if [ "$server" != node ]; then
				jcmd=(--jcmd)
			fi
			measure idle "$server" idle --steps "$IDLE_STEPS" --warm-connections "$IDLE_WARM" --settle "$IDLE_SETTLE" \
				"${jcmd[@]}"
		done
	fi
	if has heartbeat; then
		for interval in "${HB_LONG[@]}" 1; do
			if [ "$interval" = 1 ]; then
				window=$HB_SHORT_WINDOW dead=0.01 quiet=() servers=("${HB_SERVERS[@]}")
			else
				# the window starts once the server used under 2% of its core for 2 s: a JVM
				# compiles for a while after 10000 connections open, more than the heartbeat costs
				window=$interval dead=0 quiet=(--warm-intervals "$HB_WARM_INTERVALS" --quiet-share 0.02 --quiet-max 60)
				# and the same idle server without a heartbeat: what the JVM and container cost alone
				servers=("${HB_SERVERS[@]}" wsboot-off)
			fi
			for server in $(rotated "${servers[@]}"); do
				case "$server" in
					wsboot-off) SERVER_ARGS=(--ws.heartbeat.enabled=false) ;;
					wsboot*) SERVER_ARGS=(--ws.heartbeat.interval="${interval}s"
						--logging.level.io.wsboot.server.ConnectionSweeper=DEBUG) ;;
					node) SERVER_ARGS=(--heartbeat-ms "$((interval * 1000))" --log-sweeps) ;;
				esac
				measure "heartbeat-${interval}s" "$server" heartbeat --connections "$HB_CONNECTIONS" \
					--interval "$interval" --window "$window" --dead "$dead" --settle "$HB_SETTLE" "${quiet[@]}"
			done
		done
	fi
	if has relay && [ -z "$RELAY_SKIPPED" ]; then
		for receivers in "${RELAY_RECEIVERS[@]}"; do
			for server in $(rotated "${RELAY_SERVERS[@]}"); do
				SERVER_ARGS=()
				measure "relay-$receivers" "$server" fanout --receivers "$receivers" --size 64 \
					--warmup "$FANOUT_WARMUP" --duration "$FANOUT_DURATION"
			done
		done
	fi
done

node -e '
const fs = require("fs");
const meta = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
meta.finished = new Date().toISOString();
meta.machine.loadAverageAtEnd = fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
fs.writeFileSync(process.argv[1], JSON.stringify(meta, null, 2) + "\n");
' "$OUT/meta.json"

node "$BENCH/report.js" "$OUT" "$OUT/BENCHMARKS.md"
if ! $QUICK && [ "$SCENARIOS" = "$ALL_SCENARIOS" ]; then
	node "$BENCH/report.js" "$OUT" "$ROOT/docs/BENCHMARKS.md"
	echo "wrote docs/BENCHMARKS.md" >&2
fi
echo "results: $OUT" >&2
