#!/usr/bin/env bash
# Time from process start to the prompt being ready, in a real terminal (a pty), for a program
# that reads through LineEditor: by default the release `line-editor-probe`, or `arazzo debug`
# (bench/run measures it on the seed, replayed from its recording).
#
#   bench/prompt-ready.sh [RUNS] [-- COMMAND ARGS…]      (defaults: 10 runs, the probe)
#   PROMPT='(trigger-run-and-poll · triggerRun) ' bench/prompt-ready.sh 10 -- \
#     .build/release/arazzo debug SEED --replay HAR --inputs INPUTS.json
#
# Each run forks onto a new pty (pty.fork: a session and controlling terminal, as a shell gives),
# execs the command with an empty HOME and XDG_STATE_HOME (so history, if any, is ours), reads
# the terminal until the prompt text shows, then sends Ctrl-D and reaps the process. The clock
# runs from just before fork to the read that completes the prompt: exec, dynamic linking, Swift
# start-up, libedit's terminal set-up, the history file and the first redraw. Prints the
# median and the range, with an empty history and with a 1000-entry history file.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=10
if [ $# -gt 0 ] && [ "$1" != "--" ]; then runs=$1; shift; fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then shift; fi
if [ $# -eq 0 ]; then
  swift build -c release --product line-editor-probe >/dev/null
  set -- .build/release/line-editor-probe
fi
export PROMPT="${PROMPT:-(probe) }"
exec python3 - "$runs" "$@" <<'EOF'
import os, pty, select, shutil, statistics, sys, tempfile, time

runs, command = int(sys.argv[1]), sys.argv[2:]
prompt = os.environ["PROMPT"].encode()

def once(home):
    env = {"HOME": home, "XDG_STATE_HOME": os.path.join(home, "state"), "TERM": "xterm",
           "PATH": "/usr/bin:/bin"}
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(command[0], command, env)
    seen, ready = b"", None
    while ready is None:
        if not select.select([fd], [], [], 10)[0]:
            sys.exit(f"no prompt {prompt!r} within 10 s; the terminal showed {seen!r}")
        seen += os.read(fd, 4096)
        if prompt in seen:
            ready = time.perf_counter() - start
    os.write(fd, b"\x04")
    while True:  # drain until the program closes the terminal
        try:
            if not os.read(fd, 4096): break
        except OSError:
            break
    os.waitpid(pid, 0)
    os.close(fd)
    return ready * 1000

def measure(label, history_lines):
    home = tempfile.mkdtemp(prefix="prompt-ready-")
    try:
        if history_lines:
            folder = os.path.join(home, "state", "arazzo")
            os.makedirs(folder)
            with open(os.path.join(folder, "history"), "w") as f:
                f.write("_HiStOrY_V2_\n")
                for i in range(history_lines):
                    f.write(f":eval\\040$steps.pollRun.outputs.status\\040==\\040{i}\n")
        once(home)  # warm the file cache; not counted
        times = sorted(once(home) for _ in range(runs))
        print(f"{label:<52} median {statistics.median(times):6.1f} ms   "
              f"min {times[0]:6.1f}   max {times[-1]:6.1f}   ({runs} runs)")
    finally:
        shutil.rmtree(home, ignore_errors=True)

name = os.path.basename(command[0])
measure(f"prompt ready, {name}, empty history", 0)
measure(f"prompt ready, {name}, 1000-entry history", 1000)
EOF
