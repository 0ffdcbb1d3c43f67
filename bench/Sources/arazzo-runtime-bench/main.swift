// The runtime benchmarks behind bench/run (release build). Each mode prints one line per
// measurement; times are in-process (start-up, loading and lowering excluded).
//
//   arazzo-runtime-bench replay SEED HAR [ROUNDS [text|bare]]
//       The seed from a HAR recording (ReplayTransport, no network) ROUNDS times: the
//       interpreter's own cost per step, with the text reporter (as `arazzo run`) and without
//       (or only one of the two).
//   arazzo-runtime-bench live SEED BASEURL [ROUNDS]
//       Against a live server (bench/dbt-fake.mjs): the seed through the Machine with the CLI's
//       transport stack, and a raw loop of LiveTransport sending the very same requests
//       (1 POST, the GETs the run made, 1 GET of the artifacts), alternating, ROUNDS each.
//       Prints the poll URL last ("poll-url URL") for wrk.
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3 else {
  print("usage: arazzo-runtime-bench replay SEED HAR [ROUNDS] | live SEED BASEURL [ROUNDS]")
  exit(2)
}
let mode = arguments[0]
let seedPath = arguments[1]
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5

let token = "bench-token"
let inputs: JSONValue = [
  "accountId": 70403, "jobId": 251, "token": .string(token),
  "cause": "Triggered via Arazzo workflow",
]
let redactor = ArazzoHTTP.Redactor(secrets: [token], showSecrets: false)

let (lowered, diagnostics) = Lowering.lower(path: seedPath)
guard let program = lowered, let workflow = program.workflows.first else {
  print("cannot lower \(seedPath): \(diagnostics.map(\.message))")
  exit(2)
}

func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}
/// CPU seconds (user + system) of the whole process so far: steadier than wall time on a
/// shared machine, since time spent waiting for a core does not count.
func cpuSeconds() -> Double {
  var usage = rusage()
  #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  #else
    getrusage(RUSAGE_SELF, &usage)
  #endif
  return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func fmt(_ v: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", v) }
func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Counts what the reporter writes (the CLI writes it to stdout; here it goes nowhere).
final class Sink: @unchecked Sendable {
  var bytes = 0
  var lines = 0
}

/// Captures the requests the machine sends.
final class RequestCapture: RunObserver {
  var requests: [HTTPRequest] = []
  func handle(_ event: RunEvent) {
    if case .requestSent(_, let request) = event { requests.append(request) }
  }
}

/// One run of the seed through the Machine; returns (wall seconds, steps, status) and adds the
/// run's CPU seconds to `cpu`.
func runSeed(
  _ transport: any HTTPTransport, reporter: Bool, serverURL: String? = nil,
  observer: RunObserver? = nil, cpu: inout Double
) async -> (Double, Int, RunResult) {
  var options = RunOptions()
  if let serverURL { options.serverOverrides = ["dbtAdminApi": serverURL] }
  let sink = Sink()
  let text = TextReporter(redactor: redactor) {
    sink.bytes += $0.utf8.count; sink.lines += 1
  }
  let machine = Machine(
    program: program, transport: transport, options: options,
    observer: observer ?? (reporter ? text : nil))
  let clock = ContinuousClock()
  let cpu0 = cpuSeconds()
  let start = clock.now
  let result = await machine.run(workflow: workflow.name, inputs: inputs)
  if reporter { sink.bytes += text.summary(result).utf8.count }
  let wall = seconds(start.duration(to: clock.now))
  cpu += cpuSeconds() - cpu0
  return (wall, result.steps.count, result)
}

switch mode {
case "replay":
  let harPath = arguments[2]
  let log: HARLog
  do { log = try HARLog.read(path: harPath) } catch {
    print("cannot read \(harPath): \(error)")
    exit(2)
  }
  // An optional fifth argument runs one variant only: `text` or `bare` (for profilers).
  let variants = arguments.count > 4 ? [arguments[4] == "text"] : [true, false]
  for reporter in variants {
    var walls: [Double] = []
    var setups: [Double] = []
    var cpus: [Double] = []
    var steps = 0
    for _ in 0..<(rounds + 1) {  // the first round warms up and is dropped
      let clock = ContinuousClock()
      let t0 = clock.now
      let transport = RedirectingTransport(
        ReplayTransport(log: log, redactor: redactor), maxRedirects: 5)
      setups.append(seconds(t0.duration(to: clock.now)))
      var cpu = 0.0
      let (wall, n, result) = await runSeed(transport, reporter: reporter, cpu: &cpu)
      guard result.status == .succeeded else {
        print(
          "replay run failed: \(result.error?.message ?? "?") after \(result.steps.count) steps: \(result.steps.last.map { "\($0.stepId) \($0.statusCode ?? 0) \($0.reasons)" } ?? "")"
        )
        exit(1)
      }
      walls.append(wall)
      cpus.append(cpu)
      steps = n
    }
    walls.removeFirst()
    setups.removeFirst()
    cpus.removeFirst()
    let m = median(walls)
    print(
      "replay \(log.entries.count)-request HAR, Machine\(reporter ? " + text reporter" : ", no observer"): "
        + "\(steps) steps in \(fmt(m * 1000, 2)) ms (median of \(rounds); best \(fmt(walls.min()! * 1000, 2))) = "
        + "\(Int((Double(steps) / m).rounded())) steps/s; CPU \(fmt(median(cpus) * 1e6 / Double(steps), 2)) µs/step "
        + "(best \(fmt((cpus.min() ?? 0) * 1e6 / Double(steps), 2))) "
        + "(= \(Int((Double(steps) / median(cpus)).rounded())) steps per CPU second); "
        + "ReplayTransport set-up \(fmt(median(setups) * 1000, 2)) ms")
  }

case "live":
  let base = arguments[2]
  var configuration = LiveTransport.Configuration()
  configuration.proxy = .none
  let live = LiveTransport(configuration: configuration)
  let transport = RedirectingTransport(live, maxRedirects: 5)
  // Warm-up run: opens the connection and captures the exact requests the machine sends.
  let capture = RequestCapture()
  var ignoredCPU = 0.0
  let (_, _, warm) = await runSeed(
    transport, reporter: false, serverURL: base, observer: capture, cpu: &ignoredCPU)
  guard warm.status == .succeeded, let post = capture.requests.first,
    let firstGet = capture.requests.dropFirst().first
  else {
    print("live warm-up run failed: \(warm.error?.message ?? "?")")
    exit(1)
  }
  let requests = capture.requests

  /// The same requests through bare LiveTransport; the run id in the URLs is the new run's.
  func rawLoop(cpu: inout Double) async throws -> Double {
    let clock = ContinuousClock()
    let cpu0 = cpuSeconds()
    let start = clock.now
    let created = try await live.send(post)
    let oldId = String(warm.outputs["runId"]?.intValue ?? 0)
    var newId = oldId
    if let id = (try? JSONParser.parse(bytes: created.body))?["data"]?["id"]?.intValue {
      newId = String(id)
    }
    for request in requests.dropFirst() {
      var r = request
      r.url = r.url.replacingOccurrences(of: "/runs/\(oldId)/", with: "/runs/\(newId)/")
      _ = try await live.send(r)
    }
    cpu += cpuSeconds() - cpu0
    return seconds(start.duration(to: clock.now))
  }

  var machineWalls: [Double] = []
  var machineText: [Double] = []
  var rawWalls: [Double] = []
  var rawCPU = 0.0, textCPU = 0.0, bareCPU = 0.0
  do {
    _ = try await rawLoop(cpu: &ignoredCPU)  // warm-up
    for _ in 0..<rounds {
      rawWalls.append(try await rawLoop(cpu: &rawCPU))
      let (w, n, r) = await runSeed(transport, reporter: true, serverURL: base, cpu: &textCPU)
      guard r.status == .succeeded, n == requests.count else {
        print("live run failed: \(r.error?.message ?? "?")")
        exit(1)
      }
      machineText.append(w)
      let (w2, _, _) = await runSeed(transport, reporter: false, serverURL: base, cpu: &bareCPU)
      machineWalls.append(w2)
    }
  } catch {
    print("raw loop failed: \(error)")
    exit(1)
  }
  let n = Double(requests.count)
  let raw = median(rawWalls)
  let text = median(machineText)
  let bare = median(machineWalls)
  /// Mean CPU (whole process, both threads) per request over the rounds, in µs.
  func perRequest(_ cpu: Double) -> String { fmt(cpu * 1e6 / (n * Double(rounds)), 1) }
  print(
    "live raw LiveTransport loop, \(requests.count) sequential requests: \(fmt(raw * 1000)) ms "
      + "(median of \(rounds)) = \(Int((n / raw).rounded())) req/s; CPU \(perRequest(rawCPU)) µs/request"
  )
  print(
    "live seed through the Machine + text reporter (as arazzo run), \(requests.count) steps: "
      + "\(fmt(text * 1000)) ms = \(Int((n / text).rounded())) req/s; \(fmt(text / raw, 3))x the raw loop; "
      + "CPU \(perRequest(textCPU)) µs/request (\(fmt(textCPU / rawCPU, 2))x the raw loop's)")
  print(
    "live seed through the Machine, no observer: \(fmt(bare * 1000)) ms = "
      + "\(Int((n / bare).rounded())) req/s; \(fmt(bare / raw, 3))x the raw loop; "
      + "CPU \(perRequest(bareCPU)) µs/request (\(fmt(bareCPU / rawCPU, 2))x the raw loop's)")
  print("poll-url \(firstGet.url)")
  await transport.shutdown()

default:
  print("unknown mode '\(mode)'")
  exit(2)
}
