// Sequential GETs with LiveTransport against a fast local server; prints requests/s and CPU
// time per request (user + system, whole process, so the event loop thread counts too).
//   arazzo-transport-bench URL [COUNT] [--redirecting | --layered] [--pinned] [--ca PEM]
// --redirecting adds RedirectingTransport; --layered runs the same loop through RedirectingTransport + RecordingTransport (in memory),
// the stack the runtime uses with --record. --pinned runs the loop inside an actor whose
// executor is the transport's event loop (no thread hop per request).
import ArazzoHTTP

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

#if os(Linux)
  let rusageSelf = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
  let rusageSelf = RUSAGE_SELF
#endif

func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(rusageSelf, &usage)
  return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func peakRSSMegabytes() -> Double {
  var usage = rusage()
  getrusage(rusageSelf, &usage)
  return Double(usage.ru_maxrss) / 1024
}

var argv = Array(CommandLine.arguments.dropFirst())
var caFile: String?
if let i = argv.firstIndex(of: "--ca"), i + 1 < argv.count {
  caFile = argv[i + 1]
  argv.removeSubrange(i...(i + 1))
}
let arguments = argv.filter { !$0.hasPrefix("--") }
let layered = CommandLine.arguments.contains("--layered")
let redirecting = CommandLine.arguments.contains("--redirecting")
let pinned = CommandLine.arguments.contains("--pinned")
guard let url = arguments.first else {
  print("usage: arazzo-transport-bench URL [COUNT] [--layered]")
  exit(2)
}
let count = arguments.dropFirst().first.flatMap(Int.init) ?? 3000

var configuration = LiveTransport.Configuration()
configuration.proxy = .none
configuration.additionalTrustRootsPEMFile = caFile
let live = LiveTransport(configuration: configuration)
let transport: any HTTPTransport =
  layered
  ? RedirectingTransport(RecordingTransport(live, path: nil))
  : redirecting ? RedirectingTransport(live) as any HTTPTransport : live
let request = HTTPRequest(url: url, headers: ["Accept": "application/json"])

/// Runs the request loop on the transport's event loop.
actor PinnedDriver {
  let executor: any SerialExecutor
  init(executor: any SerialExecutor) { self.executor = executor }
  nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
  func run(_ transport: any HTTPTransport, _ request: HTTPRequest, _ n: Int) async throws -> Int {
    var bytes = 0
    for _ in 0..<n { bytes += try await transport.send(request).body.count }
    return bytes
  }
}

func loop(_ n: Int) async throws -> Int {
  if pinned { return try await PinnedDriver(executor: live.executor).run(transport, request, n) }
  var bytes = 0
  for _ in 0..<n { bytes += try await transport.send(request).body.count }
  return bytes
}

do {
  let warmup = min(count, 200)
  let clock = ContinuousClock()
  let firstStart = clock.now
  _ = try await transport.send(request)
  let first = firstStart.duration(to: clock.now)
  _ = try await loop(warmup - 1)
  let cpu0 = cpuSeconds()
  let start = clock.now
  let bytes = try await loop(count)
  let wall = start.duration(to: clock.now)
  let cpu = cpuSeconds() - cpu0
  let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
  let label =
    (layered
      ? "LiveTransport+Redirecting+Recording"
      : redirecting ? "LiveTransport+Redirecting" : "LiveTransport")
    + (pinned ? " (pinned to the event loop)" : "")
  print(
    "\(label): \(count) sequential GETs in \(format3(seconds * 1000)) ms = "
      + "\(Int((Double(count) / seconds).rounded())) req/s; CPU \(format3(cpu * 1000 / Double(count))) ms/request; "
      + "first request \(format3(Double(first.components.attoseconds) / 1e15 + Double(first.components.seconds) * 1000)) ms; "
      + "peak RSS \(format3(peakRSSMegabytes())) MB; connections \(live.connectionsOpened)")
  _ = bytes
} catch {
  print("error: \(error)")
  exit(1)
}
await transport.shutdown()

func format3(_ v: Double) -> String {
  let scaled = (v * 1000).rounded() / 1000
  return "\(scaled)"
}
