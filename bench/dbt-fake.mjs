#!/usr/bin/env node
// A fast local server that behaves like the dbt Cloud Administrative API v2 operations the seed
// workflow calls: trigger a job run, get a run (its status advances on every poll), list its
// artifacts. Answers in well under a millisecond, for benchmarks and for recording examples.
//
//   node bench/dbt-fake.mjs [--port 0] [--polls 3] [--final 10|20|30]
//
// --polls N: how many GETs of a run answer a non-terminal status (1 queued, 2 starting,
// 3 running, then 3 again) before the run reports --final. Prints "listening on PORT" first.
// Requests must carry "Authorization: Bearer <token>"; anything else answers 401.
import http from "node:http";

const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
const port = Number(option("port", "0"));
const polls = Number(option("polls", "3"));
const final = Number(option("final", "10"));
const humanized = { 1: "Queued", 2: "Starting", 3: "Running", 10: "Success", 20: "Error", 30: "Cancelled" };

const runs = new Map();
let nextRunId = 70000001;

function run(id, accountId, jobId, status) {
  return {
    id, account_id: accountId, job_definition_id: jobId, status,
    status_humanized: humanized[status], is_complete: status >= 10, is_success: status === 10,
    is_error: status === 20, is_cancelled: status === 30,
    created_at: "2026-11-29T10:00:00Z", href: `https://cloud.getdbt.com/#/accounts/${accountId}/runs/${id}/`,
  };
}

function send(res, code, body) {
  const text = JSON.stringify(body);
  res.writeHead(code, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

const ok = (data) => ({ data, status: { code: 200, is_success: true, user_message: "Success!", developer_message: "" } });
const fail = (code, message) => ({ data: null, status: { code, is_success: false, user_message: message, developer_message: "" } });

const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => { body += chunk; });
  req.on("end", () => {
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? "")) {
      return send(res, 401, fail(401, "Invalid token."));
    }
    const url = new URL(req.url, "http://localhost");
    let m;
    if (req.method === "POST" && (m = url.pathname.match(/^\/api\/v2\/accounts\/(\d+)\/jobs\/(\d+)\/run\/$/))) {
      const id = nextRunId++;
      const record = { accountId: Number(m[1]), jobId: Number(m[2]), polled: 0 };
      runs.set(id, record);
      return send(res, 200, ok({ ...run(id, record.accountId, record.jobId, 1), cause: JSON.parse(body || "{}").cause ?? null }));
    }
    if (req.method === "GET" && (m = url.pathname.match(/^\/api\/v2\/accounts\/(\d+)\/runs\/(\d+)\/$/))) {
      const record = runs.get(Number(m[2]));
      if (!record) return send(res, 404, fail(404, "Run not found."));
      record.polled += 1;
      const status = record.polled > polls ? final : Math.min(record.polled, 3);
      return send(res, 200, ok(run(Number(m[2]), record.accountId, record.jobId, status)));
    }
    if (req.method === "GET" && (m = url.pathname.match(/^\/api\/v2\/accounts\/(\d+)\/runs\/(\d+)\/artifacts\/$/))) {
      if (!runs.has(Number(m[2]))) return send(res, 404, fail(404, "Run not found."));
      return send(res, 200, ok(["manifest.json", "catalog.json", "run_results.json"]));
    }
    send(res, 404, fail(404, `No route for ${req.method} ${url.pathname}`));
  });
});

server.keepAliveTimeout = 60000;
server.listen(port, "127.0.0.1", () => {
  console.log(`listening on ${server.address().port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
