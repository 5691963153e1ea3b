'use strict';
// The load generator of wsboot's benchmarks: one Node process (run.sh pins it to one core)
// that drives one scenario against one server and prints one JSON line of results.
// It reads the server's CPU time and RSS from /proc/<pid> at the edges of the measured
// window, so figures are per server CPU-second as well as per wall second.
//
//   node loadgen.js echo      --url ws://127.0.0.1:8080 --pid N --connections 50 --size 64 --warmup 5 --duration 8
//   node loadgen.js fanout    --url ... --pid N --receivers 1000 --size 64 --warmup 3 --duration 8
//                             [--url2 ws://127.0.0.1:8081 --pid2 M --redis-pid R]   (two instances
//                             sharing a relay: half the receivers on each, the sender on --url)
//   node loadgen.js idle      --url ... --pid N --steps 5000,10000 --warm-connections 1000 --settle 3
//   node loadgen.js heartbeat --url ... --pid N --connections 10000 --interval 1 --window 8 --dead 0.01
//                             [--quiet-share 0.02 --quiet-max 40]   (wait for a quiet server first)
//                             [--warm-intervals 3]   (let the heartbeat run first)
//
// Every connection is made with permessage-deflate off, from 127.0.0.2 to 127.0.0.11 in
// turn so that 10000 connections never run out of ephemeral ports. --meta '{...}' is
// copied into the output line.

const fs = require('node:fs');
const WebSocket = require('ws');
const hdr = require('hdr-histogram-js');
const { parseArgs } = require('./args');

const HZ = Number(process.env.CLK_TCK || 100);
const SOURCE_ADDRESSES = 10;

const [scenario, ...rest] = process.argv.slice(2);
const opts = parseArgs(rest);
const pid = Number(opts.pid);
// the relay scenario: a second server instance, and the Redis between them (their CPU time is
// read with the first server's)
const pid2 = opts.pid2 ? Number(opts.pid2) : undefined;
const redisPid = opts['redis-pid'] ? Number(opts['redis-pid']) : undefined;
const meta = opts.meta ? JSON.parse(opts.meta) : {};
const deadline = Number(opts['time-limit'] || 600);

// a bounded run whatever happens to the server
const killer = setTimeout(() => fail(new Error(`no result after ${deadline} s`)), deadline * 1000);
killer.unref();

const scenarios = { echo, fanout, idle, heartbeat };
if (!scenarios[scenario] || !pid) {
  console.error('usage: node loadgen.js echo|fanout|idle|heartbeat --url ws://host:port --pid SERVER_PID [options]');
  process.exit(2);
}

scenarios[scenario](opts)
  .then((result) => {
    console.log(JSON.stringify({ ...meta, scenario, ok: true, ...result }));
    process.exit(0);
  })
  .catch(fail);

function fail(error) {
  console.log(JSON.stringify({ ...meta, scenario, ok: false, error: String(error && error.message || error) }));
  process.exit(1);
}

// --- scenarios -------------------------------------------------------------------------

/** Closed loop: each connection sends a message, waits for it to come back, sends again. */
async function echo(o) {
  const n = Number(o.connections || 50);
  const payload = Buffer.alloc(Number(o.size || 64), 'x');
  const conns = await openMany(`${o.url}/echo`, n);
  const latency = histogram();
  let measuring = false;
  let stopped = false;
  let received = 0;
  for (const ws of conns) {
    ws.on('message', () => {
      const now = process.hrtime.bigint();
      if (measuring) {
        received++;
        latency.recordValue(micros(now - ws.sentAt));
      }
      if (!stopped) {
        ws.sentAt = now;
        ws.send(payload, { binary: false });
      }
    });
  }
  for (const ws of conns) {
    ws.sentAt = process.hrtime.bigint();
    ws.send(payload, { binary: false });
  }
  await sleep(seconds(o.warmup, 5));
  const before = snapshot();
  measuring = true;
  await sleep(seconds(o.duration, 8));
  measuring = false;
  const count = received;
  const after = snapshot();
  stopped = true;
  closeAll(conns);
  if (count === 0) {
    throw new Error(`no message came back in the ${seconds(o.duration, 8)} s window`);
  }
  const w = window(before, after);
  return {
    connections: n,
    size: payload.length,
    ...w,
    messages: count,
    perWallSecond: count / w.wallSeconds,
    perServerCpuSecond: count / w.serverCpuSeconds,
    latencyMicros: percentiles(latency),
  };
}

/**
 * One sender on /chat; the server sends each of its messages to every /chat connection.
 * The next message goes once every receiver has the previous one, so the latency of a
 * broadcast is the time until its last receiver has it.
 */
async function fanout(o) {
  const n = Number(o.receivers || 1000);
  const payload = Buffer.alloc(Number(o.size || 64), 'x');
  // with --url2, the first half of the receivers on --url (with the sender: local), the
  // second half on --url2 (remote: their copies cross the relay)
  const local = o.url2 ? Math.ceil(n / 2) : n;
  const receivers = await openMany(`${o.url}/chat`, local);
  if (o.url2) {
    receivers.push(...await openMany(`${o.url2}/chat`, n - local));
  }
  const [sender] = await openMany(`${o.url}/chat`, 1);
  const latency = histogram();
  // with --url2: when the last receiver of each half has the broadcast
  const localLatency = histogram();
  const remoteLatency = histogram();
  let measuring = false;
  let stopped = false;
  let remaining = 0;
  let remainingLocal = 0;
  let remainingRemote = 0;
  let sentAt = 0n;
  let broadcasts = 0;
  let lastProgress = Date.now();
  let resolveStall;
  const stall = new Promise((_, reject) => (resolveStall = reject));
  const next = () => {
    if (stopped) {
      return;
    }
    remaining = n;
    remainingLocal = local;
    remainingRemote = n - local;
    sentAt = process.hrtime.bigint();
    sender.send(payload, { binary: false });
  };
  const onHalf = (isLocal) => {
    if ((isLocal ? --remainingLocal : --remainingRemote) === 0 && measuring) {
      (isLocal ? localLatency : remoteLatency).recordValue(micros(process.hrtime.bigint() - sentAt));
    }
  };
  const onMessage = () => {
    if (--remaining === 0) {
      const now = process.hrtime.bigint();
      lastProgress = Date.now();
      if (measuring) {
        broadcasts++;
        latency.recordValue(micros(now - sentAt));
      }
      next();
    }
  };
  receivers.forEach((ws, i) => {
    const isLocal = i < local;
    ws.on('message', () => {
      if (o.url2) {
        onHalf(isLocal);
      }
      onMessage();
    });
  });
  const watchdog = setInterval(() => {
    if (!stopped && Date.now() - lastProgress > 15000) {
      resolveStall(new Error(`a broadcast did not reach all ${n} receivers within 15 s (${remaining} missing)`));
    }
  }, 1000);
  next();
  const run = (async () => {
    await sleep(seconds(o.warmup, 3));
    const before = snapshot();
    measuring = true;
    await sleep(seconds(o.duration, 8));
    measuring = false;
    const count = broadcasts;
    const after = snapshot();
    return { before, after, count };
  })();
  const { before, after, count } = await Promise.race([run, stall]);
  stopped = true;
  clearInterval(watchdog);
  closeAll(receivers.concat(sender));
  if (count === 0) {
    // a window without one whole broadcast measures nothing: a stall, not a rate of zero
    throw new Error(`no broadcast reached all ${n} receivers in the ${seconds(o.duration, 8)} s window`);
  }
  const w = window(before, after);
  const deliveries = count * n;
  const relay = o.url2 ? {
    instances: [
      { receivers: local, sender: true, cpuSeconds: w.instanceCpuSeconds[0], lastReceiverMicros: percentiles(localLatency) },
      { receivers: n - local, sender: false, cpuSeconds: w.instanceCpuSeconds[1], lastReceiverMicros: percentiles(remoteLatency) },
    ],
    perCpuSecondWithRedis: w.redisCpuSeconds !== undefined ? deliveries / (w.serverCpuSeconds + w.redisCpuSeconds) : undefined,
  } : {};
  return {
    receivers: n,
    size: payload.length,
    ...w,
    broadcasts: count,
    deliveries,
    perWallSecond: deliveries / w.wallSeconds,
    perServerCpuSecond: deliveries / w.serverCpuSeconds,
    lastReceiverMicros: percentiles(latency),
    ...relay,
  };
}

/**
 * Server RSS growth per idle connection: RSS after a warm-up (connections opened, used and
 * dropped, twice), then after each step of idle connections. With --jcmd (a JVM server),
 * also the live heap per connection, after a full GC.
 */
async function idle(o) {
  const steps = String(o.steps || '5000,10000').split(',').map(Number);
  const warm = Number(o['warm-connections'] || 1000);
  const settle = seconds(o.settle, 3);
  const payload = Buffer.alloc(64, 'x');
  for (let k = 0; k < 2; k++) {
    const conns = await openMany(`${o.url}/echo`, warm);
    for (let m = 0; m < 10; m++) {
      await Promise.all(conns.map((ws) => new Promise((resolve) => {
        ws.once('message', resolve);
        ws.send(payload, { binary: false });
      })));
    }
    conns.forEach((ws) => ws.terminate());
    await sleep(0.5);
  }
  await sleep(settle);
  const baseKiB = rssKiB(pid);
  const conns = [];
  const points = [];
  for (const step of steps) {
    conns.push(...await openMany(`${o.url}/echo`, step - conns.length));
    await sleep(settle);
    const open = conns.filter((ws) => ws.readyState === WebSocket.OPEN).length;
    if (open !== step) {
      throw new Error(`${step - open} of ${step} idle connections closed`);
    }
    const kib = rssKiB(pid);
    points.push({ connections: step, rssKiB: kib, growthKiB: kib - baseKiB, kibPerConnection: (kib - baseKiB) / step });
  }
  let liveHeap;
  if (o.jcmd) {
    // live heap after a full GC, with the connections and without them: what the JVM holds
    // per connection, apart from garbage that RSS also counts
    const withConnections = liveHeapKiB(pid);
    closeAll(conns);
    // a server may take seconds to let go of connections whose peer vanished: wait until
    // the heap stops shrinking
    await sleep(Math.max(settle, 3));
    let without = liveHeapKiB(pid);
    for (let k = 0; k < 5; k++) {
      await sleep(2);
      const now = liveHeapKiB(pid);
      const shrunk = without - now;
      without = Math.min(without, now);
      if (shrunk < 0.02 * (withConnections - without)) {
        break;
      }
    }
    const n = steps[steps.length - 1];
    liveHeap = { withKiB: withConnections, withoutKiB: without, connections: n, kibPerConnection: (withConnections - without) / n };
  }
  else {
    closeAll(conns);
  }
  return { baseKiB, points, liveHeap };
}

/**
 * Idle connections under the server's heartbeat. The client answers pings by hand; at the
 * start of the window a fraction of the connections stops answering. Answering peers the
 * server drops anyway, while connecting or in the window, are counted. Over the window: the
 * server's CPU share, the bursts of pings as the client sees them (a burst's span bounds the
 * server's sweep from above), and when each silent peer was terminated.
 */
async function heartbeat(o) {
  const n = Number(o.connections || 10000);
  const intervalMs = seconds(o.interval, 30) * 1000;
  const windowSeconds = seconds(o.window, 30);
  const deadFraction = Number(o.dead || 0);
  let pings = [];
  let t0 = 0n;
  const terminations = [];
  // handlers go on as each connection opens: a ping may come before the last one is open
  const conns = await openMany(`${o.url}/echo`, n, { autoPong: false }, (ws) => {
    ws.on('ping', (data) => {
      pings.push(Number(process.hrtime.bigint() / 1000n) / 1000);
      if (!ws.silent) {
        ws.pong(data);
      }
    });
    ws.on('close', () => {
      if (ws.silent) {
        terminations.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    });
  });
  await sleep(seconds(o.settle, 3));
  // the first sweeps run the heartbeat's paths (the sweep, the ping's write, the pong's read)
  // cold, and a JVM compiles them over the next few; at a long interval that compiling costs
  // more than the heartbeat: let the heartbeat run this many intervals before the window
  const warmIntervals = Number(o['warm-intervals'] || 0);
  await sleep(warmIntervals * intervalMs / 1000);
  // a JVM is still compiling what opening the connections ran for a while after: at a long
  // interval the heartbeat's share is small enough for that to swamp it, so wait until the
  // server has been quiet for a moment (or give up waiting and say so)
  const quietShare = o['quiet-share'] !== undefined ? Number(o['quiet-share']) : undefined;
  const quiet = quietShare !== undefined ? await untilQuiet(quietShare, seconds(o['quiet-max'], 40)) : undefined;
  // a live peer dropped while the others connected is a result, not a reason to stop
  const live = conns.filter((ws) => ws.readyState === WebSocket.OPEN);
  const droppedBeforeWindow = n - live.length;
  const silent = Math.round(live.length * deadFraction);
  const stride = silent > 0 ? live.length / silent : 0;
  for (let i = 0; i < silent; i++) {
    live[Math.floor(i * stride)].silent = true;
  }
  pings = [];
  const before = snapshot();
  t0 = before.t;
  await sleep(windowSeconds);
  const after = snapshot();
  const windowPings = pings;
  // silent peers may need up to two intervals: wait a little more for them, outside the window
  const waitUntil = Date.now() + 2 * intervalMs + 5000;
  while (terminations.length < silent && Date.now() < waitUntil) {
    await sleep(0.1);
  }
  const droppedInWindow = live.filter((ws) => !ws.silent && ws.readyState !== WebSocket.OPEN).length;
  closeAll(conns);
  const w = window(before, after);
  const bursts = burstsOf(windowPings, Math.min(0.2 * intervalMs, 1000));
  const largest = bursts.reduce((a, b) => (b.pings > a.pings ? b : a), { pings: 0, spanMs: null });
  terminations.sort((a, b) => a - b);
  return {
    connections: n,
    openAtWindow: live.length,
    intervalMs,
    ...w,
    cpuShare: w.serverCpuSeconds / w.wallSeconds,
    pingsInWindow: windowPings.length,
    bursts: bursts.length,
    largestBurst: largest,
    silent,
    terminated: terminations.length,
    terminateMs: silent > 0 && terminations.length > 0 ? {
      p50: terminations[Math.floor((terminations.length - 1) / 2)],
      max: terminations[terminations.length - 1],
    } : null,
    answeringPeersDropped: { beforeWindow: droppedBeforeWindow, inWindow: droppedInWindow },
    ...(quiet ? { quiet } : {}),
    warmIntervals,
  };
}

// --- connections ------------------------------------------------------------------------

let opened = 0;

function open(url, options, setup) {
  const localAddress = `127.0.0.${2 + (opened++ % SOURCE_ADDRESSES)}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, localAddress, handshakeTimeout: 30000, ...options });
    if (setup) {
      setup(ws);
    }
    ws.once('open', () => {
      ws.removeListener('error', reject);
      ws.on('error', () => {});
      resolve(ws);
    });
    ws.once('error', reject);
  });
}

/**
 * Opens n connections, at most 64 handshakes at a time; retries a failed one twice.
 * setup(ws), if given, runs on each connection before it opens.
 */
async function openMany(url, n, options = {}, setup = undefined) {
  const conns = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      for (let attempt = 0; ; attempt++) {
        try {
          conns[i] = await open(url, options, setup);
          break;
        }
        catch (error) {
          if (attempt >= 2) {
            throw new Error(`connection ${i + 1} of ${n} to ${url} failed: ${error.message}`);
          }
          await sleep(0.2);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(64, n) }, worker));
  return conns;
}

function closeAll(conns) {
  for (const ws of conns) {
    ws.removeAllListeners('close');
    ws.terminate();
  }
}

// --- measurement ------------------------------------------------------------------------

function histogram() {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120e6, numberOfSignificantValueDigits: 3 });
}

function percentiles(h) {
  return {
    count: h.totalCount,
    p50: h.getValueAtPercentile(50),
    p90: h.getValueAtPercentile(90),
    p99: h.getValueAtPercentile(99),
    p999: h.getValueAtPercentile(99.9),
    max: h.maxValue,
  };
}

function micros(nanos) {
  return Math.max(1, Math.round(Number(nanos) / 1000));
}

/** utime + stime of a process, in clock ticks (/proc/<pid>/stat fields 14 and 15). */
function cpuTicks(p) {
  const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Ticks that all CPUs of the machine spent busy (/proc/stat, first line). */
function machineBusyTicks() {
  const [, ...values] = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
  return user + nice + system + irq + softirq + (steal || 0);
}

function rssKiB(p) {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
  if (!match) {
    throw new Error(`no VmRSS for process ${p}: is the server still running?`);
  }
  return Number(match[1]);
}

/** Heap in use right after a full GC of a JVM, from jcmd GC.heap_info. */
function liveHeapKiB(p) {
  const jcmd = (command) => require('node:child_process').execFileSync('jcmd', [String(p), command], { encoding: 'utf8', timeout: 60000 });
  jcmd('GC.run');
  const info = jcmd('GC.heap_info');
  const used = [...info.matchAll(/(?:generation|heap)\s+total \d+K, used (\d+)K/g)].map((match) => Number(match[1]));
  if (!used.length) {
    throw new Error(`cannot read the heap of process ${p}: ${info}`);
  }
  return used.reduce((a, b) => a + b, 0);
}

/**
 * Wait until the server used less than the given share of a core over two seconds, at most
 * maxSeconds; returns how long that took and whether it got there.
 */
async function untilQuiet(share, maxSeconds) {
  const start = Date.now();
  for (;;) {
    const before = cpuTicks(pid);
    await sleep(2);
    const used = (cpuTicks(pid) - before) / HZ / 2;
    const waited = (Date.now() - start) / 1000;
    if (used < share) {
      return { reached: true, waitedSeconds: waited, lastShare: used };
    }
    if (waited >= maxSeconds) {
      return { reached: false, waitedSeconds: waited, lastShare: used };
    }
  }
}

function snapshot() {
  return {
    t: process.hrtime.bigint(),
    server: cpuTicks(pid),
    server2: pid2 ? cpuTicks(pid2) : 0,
    redis: redisPid ? cpuTicks(redisPid) : 0,
    client: cpuTicks(process.pid),
    machine: machineBusyTicks(),
  };
}

/**
 * Wall time and CPU time of the window. otherCores: how many cores' worth of CPU time
 * processes other than the server and this client used meanwhile (a noisy machine shows here).
 * With a second instance (--pid2), serverCpuSeconds is both instances' CPU time, each also
 * given on its own; Redis's (--redis-pid) is given apart and is not in serverCpuSeconds.
 */
function window(before, after) {
  const wallSeconds = Number(after.t - before.t) / 1e9;
  const first = (after.server - before.server) / HZ;
  const second = (after.server2 - before.server2) / HZ;
  const serverCpuSeconds = first + second;
  const redisCpuSeconds = (after.redis - before.redis) / HZ;
  const clientCpuSeconds = (after.client - before.client) / HZ;
  const machineCpuSeconds = (after.machine - before.machine) / HZ;
  return {
    wallSeconds,
    serverCpuSeconds,
    ...(pid2 ? { instanceCpuSeconds: [first, second] } : {}),
    ...(redisPid ? { redisCpuSeconds } : {}),
    clientCpuSeconds,
    otherCores: Math.max(0, machineCpuSeconds - serverCpuSeconds - redisCpuSeconds - clientCpuSeconds) / wallSeconds,
  };
}

/** Groups ping arrival times (ms) into bursts separated by gaps longer than gapMs. */
function burstsOf(times, gapMs) {
  const sorted = times.slice().sort((a, b) => a - b);
  const bursts = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || sorted[i] - sorted[i - 1] > gapMs) {
      if (i > start) {
        bursts.push({ pings: i - start, spanMs: sorted[i - 1] - sorted[start] });
      }
      start = i;
    }
  }
  return bursts;
}

// --- plumbing ---------------------------------------------------------------------------

function seconds(value, fallback) {
  return value === undefined ? fallback : Number(value);
}

function sleep(s) {
  return new Promise((resolve) => setTimeout(resolve, s * 1000));
}

