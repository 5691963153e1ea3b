'use strict';
// The Node ws server wsboot is measured against: /echo sends every message back, /chat
// sends every text message to every /chat connection (the sender included), and both run
// the heartbeat recipe of the ws README (isAlive + setInterval ping/terminate).
//
//   node server.js --port 8080 [--heartbeat-ms 30000] [--log-sweeps]

const http = require('node:http');
const { WebSocketServer, WebSocket } = require('ws');
const { parseArgs } = require('./args');

const args = parseArgs(process.argv.slice(2));
const port = Number(args.port || 8080);
const heartbeatMs = Number(args['heartbeat-ms'] || 30000);
const logSweeps = Boolean(args['log-sweeps']);

const echo = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const chat = new WebSocketServer({ noServer: true, perMessageDeflate: false });

echo.on('connection', (ws) => {
  watch(ws);
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});

chat.on('connection', (ws) => {
  watch(ws);
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      return;
    }
    for (const client of chat.clients) {
      if (client.readyState === WebSocket.OPEN) {
        client.send(data, { binary: false });
      }
    }
  });
});

const server = http.createServer((req, res) => {
  res.writeHead(404).end();
});
server.on('upgrade', (req, socket, head) => {
  const path = req.url.split('?')[0];
  const wss = path === '/echo' ? echo : path === '/chat' ? chat : null;
  if (wss === null) {
    socket.destroy();
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

// the ws README recipe, "How to detect and close broken connections?"
function heartbeat() {
  this.isAlive = true;
}

function watch(ws) {
  ws.isAlive = true;
  ws.on('error', () => {});
  ws.on('pong', heartbeat);
}

const interval = setInterval(() => {
  const start = process.hrtime.bigint();
  let count = 0;
  for (const wss of [echo, chat]) {
    wss.clients.forEach((ws) => {
      count++;
      if (ws.isAlive === false) {
        return ws.terminate();
      }
      ws.isAlive = false;
      ws.ping();
    });
  }
  if (logSweeps) {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    // the same line the benchmark reads from a wsboot server's log
    console.log(`Swept ${count} connections in ${ms.toFixed(3)} ms`);
  }
}, heartbeatMs);

server.listen(port, () => console.log(`Node ws ${require('ws/package.json').version} listening on ${port}`));

process.on('SIGTERM', () => {
  clearInterval(interval);
  process.exit(0);
});

