#!/usr/bin/env bash
# Time from starting `arazzo dap` to its first `stopped` event: the seed, replayed from its
# recording, launched with stopOnEntry (what an editor waits for after F5).
#
#   bench/dap-first-stop.sh [RUNS] [ARAZZO]      (defaults: 10 runs, .build/release/arazzo,
#                                                 built when missing)
#
# Each run starts the adapter on pipes and sends initialize, launch and configurationDone as
# an editor does (each after the answer to the one before). Two clocks: from process start
# (exec, Swift start-up, loading and lowering the document, the engine) and from sending
# launch. Prints the median and the range of each.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
arazzo=${2:-.build/release/arazzo}
if [ ! -x "$arazzo" ]; then swift build -c release --product arazzo >/dev/null; fi
exec python3 - "$runs" "$arazzo" <<'PY'
import json, os, statistics, subprocess, sys, time

runs, arazzo = int(sys.argv[1]), sys.argv[2]
launch = {
    "program": "examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml",
    "replay": "examples/dbt-cloud/recordings/success.har",
    "inputsFile": "examples/dbt-cloud/recordings/success.inputs.json",
    "stopOnEntry": True,
}

def frame(seq, command, arguments=None):
    message = {"seq": seq, "type": "request", "command": command}
    if arguments is not None:
        message["arguments"] = arguments
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body

def read_message(out):
    length = None
    while True:
        line = out.readline()
        if not line:
            raise SystemExit("the adapter ended early")
        line = line.strip()
        if not line:
            break
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    return json.loads(out.read(length))

def wait(out, test):
    while True:
        message = read_message(out)
        if test(message):
            return message

total, from_launch = [], []
for _ in range(runs):
    start = time.perf_counter()
    p = subprocess.Popen([arazzo, "dap"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    p.stdin.write(frame(1, "initialize", {"adapterID": "arazzo"})); p.stdin.flush()
    wait(p.stdout, lambda m: m.get("request_seq") == 1)
    sent = time.perf_counter()
    p.stdin.write(frame(2, "launch", launch)); p.stdin.flush()
    wait(p.stdout, lambda m: m.get("event") == "initialized")
    p.stdin.write(frame(3, "configurationDone")); p.stdin.flush()
    stopped = wait(p.stdout, lambda m: m.get("event") == "stopped")
    end = time.perf_counter()
    assert stopped["body"]["reason"] == "entry", stopped
    p.stdin.write(frame(4, "disconnect")); p.stdin.flush()
    p.stdin.close()
    p.wait(timeout=10)
    total.append((end - start) * 1000)
    from_launch.append((end - sent) * 1000)

for name, values in (("process start → stopped", total), ("launch → stopped", from_launch)):
    print(f"{name}: median {statistics.median(values):.1f} ms "
          f"(range {min(values):.1f}–{max(values):.1f} ms, {runs} runs)")
PY
