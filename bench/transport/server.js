// The same fixed-JSON keep-alive server in node (about 0.1 ms per request, like the issue's
// reference setup): node bench/transport/server.js [PORT]; prints the port.
const http = require("http");
const body = JSON.stringify({ data: { id: 42, status: 10, status_humanized: "Running" } });
const server = http.createServer((req, res) => {
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(Number(process.argv[2] || 0), "127.0.0.1", () => console.log(server.address().port));
