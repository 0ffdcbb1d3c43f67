#!/usr/bin/env bash
# Re-records a tour lesson's recording.har: the lesson's document runs, unchanged, against
# server.mjs answering from the lesson's responses.json, with `arazzo run --record`. The
# recorded origin is then rewritten to https://tour.example.com, the server the lesson's
# OpenAPI description names, so the tour replays it with no --server.
#
#   Sources/ArazzoTour/Recording/record.sh 02-success-criteria [03-…]   (after swift build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../../.."
ARAZZO=${ARAZZO:-.build/debug/arazzo}
for name in "$@"; do
  lesson="$here/../Lessons/$name"
  log=$(mktemp)
  node "$here/server.mjs" "$lesson" --port 0 >"$log" &
  pid=$!
  for _ in $(seq 50); do grep -q listening "$log" && break; sleep 0.1; done
  port=$(sed -n 's/listening on //p' "$log")
  inputs=()
  [ -f "$lesson/inputs.json" ] && inputs=(--inputs "$lesson/inputs.json")
  "$ARAZZO" run "$lesson/document.arazzo.yaml" --server "api=http://127.0.0.1:$port/v1" \
    "${inputs[@]}" --record "$lesson/recording.har" || true
  kill "$pid"
  rm -f "$log"
  python3 - "$lesson/recording.har" "$port" <<'PY'
import json, sys
path, port = sys.argv[1], sys.argv[2]
text = open(path).read().replace(f"http://127.0.0.1:{port}", "https://tour.example.com")
har = json.loads(text)
for entry in har["log"]["entries"]:
    # Stable files: a fixed clock and no transport-specific headers.
    entry["startedDateTime"] = "2026-12-01T10:00:00.000Z"
    entry["response"]["headers"] = [h for h in entry["response"]["headers"]
                                    if h["name"].lower() not in ("date", "connection", "keep-alive")]
open(path, "w").write(json.dumps(har, indent=2) + "\n")
PY
  echo "recorded $lesson/recording.har"
done
