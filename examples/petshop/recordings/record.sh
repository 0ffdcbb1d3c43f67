#!/usr/bin/env bash
# Re-records the petshop HAR files in this folder: the example runs, unchanged, against
# examples/petshop/server.mjs (a local stand-in for the Petshop API), with --record. The
# recorded origin is then rewritten to https://petshop.example.com, the server the OpenAPI
# description names, so `arazzo run … --replay FILE` needs no --server.
#
#   examples/petshop/recordings/record.sh        (from anywhere, after swift build)
set -euo pipefail
cd "$(dirname "$0")/../../.."
ARAZZO=${ARAZZO:-.build/debug/arazzo}
DOC=examples/petshop/arazzo/petshop.arazzo.yaml
OUT=examples/petshop/recordings

record() { # name busy-count inputs-file
  local log port pid
  log=$(mktemp)
  node examples/petshop/server.mjs --port 0 --busy "$2" >"$log" &
  pid=$!
  for _ in $(seq 50); do grep -q listening "$log" && break; sleep 0.1; done
  port=$(sed -n 's/listening on //p' "$log")
  "$ARAZZO" run "$DOC" --server "petshop=http://127.0.0.1:$port/v1" \
    --inputs "$3" --record "$OUT/$1.har" >/dev/null 2>&1 || true
  kill "$pid"
  rm -f "$log"
  python3 - "$OUT/$1.har" "$port" <<'PY'
import json, sys
path, port = sys.argv[1], sys.argv[2]
text = open(path).read().replace(f"http://127.0.0.1:{port}", "https://petshop.example.com")
har = json.loads(text)
for entry in har["log"]["entries"]:
    # Stable files: fixed clock and no transport-specific headers.
    entry["startedDateTime"] = "2026-11-29T10:00:00.000Z"
    entry["response"]["headers"] = [h for h in entry["response"]["headers"]
                                    if h["name"].lower() not in ("date", "connection", "keep-alive")]
open(path, "w").write(json.dumps(har, indent=2) + "\n")
PY
  echo "recorded $OUT/$1.har"
}

# adopt: the kennel is busy once (one 503 + Retry-After: 1, then the order goes through).
record adopt 1 "$OUT/adopt.inputs.json"
