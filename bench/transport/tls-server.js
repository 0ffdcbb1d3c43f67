// The fixed-JSON server over https with the test CA's certificate (for TLS start-up numbers):
// node bench/transport/tls-server.js [PORT]; trust Tests/ArazzoTestServer/Certificates/ca.pem.
const https = require("https");
const fs = require("fs");
const dir = __dirname + "/../../Tests/ArazzoTestServer/Certificates/";
const body = JSON.stringify({ data: { id: 42, status: 10, status_humanized: "Running" } });
const options = { key: fs.readFileSync(dir + "server.key"), cert: fs.readFileSync(dir + "server.pem") };
const server = https.createServer(options, (req, res) => {
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(Number(process.argv[2] || 0), "127.0.0.1", () => console.log(server.address().port));
