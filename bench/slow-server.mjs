#!/usr/bin/env node
// A local server that answers every request after a fixed delay (default 50 ms) with
// {"ok":true}: the stand-in for a real API's latency in the `arazzo test --jobs` bench
// (bench/README.md "arazzo test --jobs").
//
//   node bench/slow-server.mjs [--port 0] [--delay 50]
//
// Prints "listening on PORT" first.
import http from "node:http";

const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
const port = Number(option("port", "0"));
const delay = Number(option("delay", "50"));

const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    setTimeout(() => {
      const text = JSON.stringify({ ok: true, path: req.url });
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
      res.end(text);
    }, delay);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => {
  console.log(`listening on ${server.address().port}`);
});
