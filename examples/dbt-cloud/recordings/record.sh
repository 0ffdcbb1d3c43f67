#!/usr/bin/env bash
# Re-records the dbt Cloud HAR files in this folder: the seed runs, unchanged, against
# bench/dbt-fake.mjs (a local stand-in that behaves like dbt Cloud's run API), with --record.
# The recorded origin is then rewritten to https://cloud.getdbt.com, the server the OpenAPI
# description names, so `arazzo run … --replay FILE` needs no --server.
#
#   examples/dbt-cloud/recordings/record.sh        (from the repository root, after swift build)
set -euo pipefail
cd "$(dirname "$0")/../../.."
ARAZZO=${ARAZZO:-.build/debug/arazzo}
SEED=examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml
OUT=examples/dbt-cloud/recordings

record() { # name final-status polls
  local log port pid
  log=$(mktemp)
  node bench/dbt-fake.mjs --port 0 --polls "$3" --final "$2" >"$log" &
  pid=$!
  for _ in $(seq 50); do grep -q listening "$log" && break; sleep 0.1; done
  port=$(sed -n 's/listening on //p' "$log")
  "$ARAZZO" run "$SEED" --server "dbtAdminApi=http://127.0.0.1:$port" \
    --input accountId=70403 --input jobId=251 --input token=recording-token \
    --record "$OUT/$1.har" >/dev/null 2>&1 || true
  kill "$pid"
  python3 - "$OUT/$1.har" "$port" <<'PY'
import json, sys
path, port = sys.argv[1], sys.argv[2]
text = open(path).read().replace(f"http://127.0.0.1:{port}", "https://cloud.getdbt.com")
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

record success 10 3
record error 20 2
record cancelled 30 1
