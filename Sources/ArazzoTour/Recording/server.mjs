// A stand-in API for recording a tour lesson: it answers from the lesson's responses.json,
// {"METHOD /path[?query]": [response, …]}, each response {status, headers?, body?} (a string
// body is sent as it is, anything else as JSON). A request gets its key's responses in order;
// the last one repeats. Loopback only; prints "listening on PORT".
//
//   node server.mjs LESSON_FOLDER [--port 0]
import { createServer } from "node:http";
import { readFileSync } from "node:fs";

const folder = process.argv[2];
const portIndex = process.argv.indexOf("--port");
const port = portIndex > 0 ? Number(process.argv[portIndex + 1]) : 0;
const responses = JSON.parse(readFileSync(`${folder}/responses.json`, "utf8"));
const served = {};

const server = createServer((request, response) => {
  const url = new URL(request.url, "http://127.0.0.1");
  const path = url.pathname.replace(/^\/v1/, "");
  const keys = [`${request.method} ${path}${url.search}`, `${request.method} ${path}`];
  const key = keys.find((k) => responses[k]);
  request.resume();
  request.on("end", () => {
    if (!key) {
      response.writeHead(404, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ error: `no response for ${keys[0]}` }));
      return;
    }
    const list = responses[key];
    const n = served[key] ?? 0;
    served[key] = n + 1;
    const answer = list[Math.min(n, list.length - 1)];
    const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? null);
    const body = answer.body === undefined ? "" : text;
    const headers = {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(body),
      ...(answer.headers ?? {}),
    };
    response.writeHead(answer.status, headers);
    response.end(body);
  });
});
server.listen(port, "127.0.0.1", () => console.log(`listening on ${server.address().port}`));
