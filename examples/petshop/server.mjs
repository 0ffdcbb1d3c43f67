#!/usr/bin/env node
// A local stand-in for the Petshop API (openapi/petshop.openapi.yaml), for recording the
// example. No dependencies; listens on 127.0.0.1 only; prints "listening on PORT" first.
//
//   node examples/petshop/server.mjs [--port 0] [--busy 1]
//
// --busy N: how many times POST /orders answers 503 with "Retry-After: 1" before it accepts
// an order. Every route but /status and /auth/login needs "Authorization: Bearer <token>"
// with the token /auth/login handed out; anything else answers 401.
import http from "node:http";

const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
const port = Number(option("port", "0"));
let busy = Number(option("busy", "1"));

const users = { alice: "wonderland" };
const token = "pst_4f9c2e7a1b";   // deterministic, so recordings are stable
const pets = [
  { id: 1, name: "Tom", species: "cat", price: 40 },
  { id: 2, name: "Rex", species: "dog", price: 55 },
  { id: 3, name: "Felix", species: "cat", price: 35 },
  { id: 4, name: "Luna", species: "cat", price: 60 },
  { id: 5, name: "Nibbles", species: "hamster", price: 10 },
  { id: 6, name: "Misty", species: "cat", price: 45 },
  { id: 7, name: "Salem", species: "cat", price: 50 },
];
const searches = new Map();   // searchId -> { matches, position }
const orders = new Map();     // orderId -> order
let nextSearch = 1;
let nextOrder = 1001;

function send(res, code, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(code, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

const server = http.createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk) => { raw += chunk; });
  req.on("end", () => {
    const url = new URL(req.url, "http://localhost");
    const path = url.pathname.replace(/^\/v1/, "");
    let body = {};
    try { body = raw ? JSON.parse(raw) : {}; } catch { return send(res, 400, { message: "body is not JSON" }); }
    let m;
    if (req.method === "GET" && path === "/status") {
      return send(res, 200, { open: true, version: "1.4.2" });
    }
    if (req.method === "POST" && path === "/auth/login") {
      if (users[body.username] !== body.password) return send(res, 401, { message: "wrong username or password" });
      return send(res, 200, { token, expiresIn: 3600 });
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      return send(res, 401, { message: "missing or wrong bearer token" });
    }
    if (req.method === "POST" && path === "/pets/searches") {
      const id = `s-${nextSearch++}`;
      const matches = pets.filter((p) => !body.species || p.species === body.species);
      searches.set(id, { matches, position: 0 });
      return send(res, 201, { searchId: id });
    }
    if (req.method === "GET" && (m = path.match(/^\/pets\/searches\/([^/]+)\/pages$/))) {
      const search = searches.get(decodeURIComponent(m[1]));
      if (!search) return send(res, 404, { message: "no such search" });
      const limit = Math.min(10, Math.max(1, Number(url.searchParams.get("limit") ?? 10)));
      const items = search.matches.slice(search.position, search.position + limit);
      search.position += items.length;
      const next = search.position < search.matches.length ? `${m[1]}:${search.position}` : null;
      return send(res, 200, { items, next });
    }
    if (req.method === "POST" && path === "/orders") {
      if (busy > 0) {
        busy -= 1;
        return send(res, 503, { message: "the kennel is busy, try again shortly" }, { "Retry-After": "1" });
      }
      if (!pets.some((p) => p.id === body.petId)) return send(res, 400, { message: "no such pet" });
      const order = { orderId: `o-${nextOrder++}`, petId: body.petId, status: "placed" };
      orders.set(order.orderId, order);
      order.status = "confirmed";   // confirmed by the time anyone reads it back
      return send(res, 201, { ...order, status: "placed" });
    }
    if (req.method === "GET" && (m = path.match(/^\/orders\/([^/]+)$/))) {
      const order = orders.get(decodeURIComponent(m[1]));
      if (!order) return send(res, 404, { message: "no such order" });
      return send(res, 200, order);
    }
    send(res, 404, { message: `no route for ${req.method} ${url.pathname}` });
  });
});

server.listen(port, "127.0.0.1", () => {
  console.log(`listening on ${server.address().port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
