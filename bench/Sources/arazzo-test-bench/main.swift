// `arazzo test --jobs N` in process (bench/README.md "arazzo test --jobs"): 40 independent
// workflows, one request each, against a loopback server that answers after 50 ms
// (bench/slow-server.mjs), run with N = 1, 2, 4, 8 slots; prints the wall time of each and the
// speed-up over N = 1.
//
//   arazzo-test-bench SERVER-URL [WORKFLOWS] [ROUNDS]
import ArazzoCI
import ArazzoRuntime
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(
    Data("usage: arazzo-test-bench SERVER-URL [WORKFLOWS] [ROUNDS]\n".utf8))
  exit(2)
}
let server = arguments[1]
let workflows = arguments.count > 2 ? Int(arguments[2]) ?? 40 : 40
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3

// The suite: one document, `workflows` workflows, each one GET.
let folder = FileManager.default.temporaryDirectory
  .appendingPathComponent("arazzo-test-bench-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
try """
openapi: 3.1.0
info: {title: slow, version: "1"}
servers: [{url: "http://127.0.0.1:9"}]
paths:
  /item/{n}:
    get:
      operationId: getItem
      parameters: [{name: n, in: path, required: true, schema: {type: integer}}]
      responses: {"200": {description: ok}}
""".write(to: folder.appendingPathComponent("slow.openapi.yaml"), atomically: true, encoding: .utf8)
var document = """
  arazzo: 1.0.1
  info: {title: bench, version: "1"}
  sourceDescriptions: [{name: slow, url: ./slow.openapi.yaml, type: openapi}]
  workflows:

  """
for i in 1...max(1, workflows) {
  document += """
      - workflowId: w\(i)
        steps:
          - stepId: get
            operationId: getItem
            parameters: [{name: n, in: path, value: \(i)}]
            successCriteria: [{condition: $statusCode == 200}]

    """
}
let path = folder.appendingPathComponent("bench.arazzo.yaml").path
try document.write(toFile: path, atomically: true, encoding: .utf8)

var request = RunRequest(document: path)
request.servers = ["slow": server]
request.root = folder.path
var serial: Double?
for jobs in [1, 2, 4, 8] {
  var configuration = TestConfiguration(request: request)
  configuration.paths = [path]
  configuration.jobs = jobs
  guard case .success(let suite) = TestSuite.prepare(configuration) else {
    FileHandle.standardError.write(Data("the bench suite does not set up\n".utf8))
    exit(1)
  }
  var times: [Double] = []
  for _ in 0..<rounds {
    let clock = ContinuousClock()
    let start = clock.now
    let reports = await TestRunner.run(suite)
    let elapsed = clock.now - start
    guard reports.allSatisfy(\.passed) else {
      FileHandle.standardError.write(Data("a workflow failed: is the server running?\n".utf8))
      exit(1)
    }
    times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
  }
  let median = times.sorted()[times.count / 2]
  if serial == nil { serial = median }
  let speedup = (serial ?? median) / median
  print(
    "arazzo test, \(workflows) workflows × 50 ms, --jobs \(jobs): "
      + String(format: "%.2f s  (×%.1f; ideal ×%d)", median, speedup, jobs))
}
try? FileManager.default.removeItem(at: folder)
