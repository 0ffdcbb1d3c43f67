import ArazzoTestSupport
import Foundation

/// Runs the built `arazzo` binary as a user would, capturing stdout, stderr and the exit code.
struct CLIResult {
  var stdout: String
  var stderr: String
  var status: Int32
}

enum CLI {
  static let root = TestPaths.root
  static let shared = TestPaths.shared

  /// The `arazzo` executable next to the test bundle, else under `.build/debug`.
  static let binary = TestPaths.arazzo

  /// Runs `arazzo ARGS` in `directory` (the package root by default) with `NO_COLOR` set and
  /// stdin from `input`.
  static func run(
    _ arguments: [String], input: String? = nil, environment: [String: String] = [:],
    directory: URL = root
  ) throws -> CLIResult {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    let inp = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inp
    try process.run()
    if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
    try inp.fileHandleForWriting.close()
    // Read both pipes concurrently so a large stderr cannot block the child.
    let errData = LockedData()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData.set(err.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CLIResult(
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData.get(), as: UTF8.self),
      status: process.terminationStatus)
  }
}

/// A small lock-protected buffer for the stderr reader.
final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  func set(_ d: Data) { lock.withLock { data = d } }
  func get() -> Data { lock.withLock { data } }
}
