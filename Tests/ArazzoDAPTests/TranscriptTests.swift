import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

/// Golden DAP transcripts through a real `arazzo dap` process: each
/// `Fixtures/transcripts/NAME.dap` scenario is run by `TranscriptRunner` and its transcript
/// compared with `NAME.transcript` (`ARAZZO_RECORD=1` rewrites them).
@Suite struct TranscriptTests {
  static let directory = TestPaths.root.appendingPathComponent(
    "Tests/ArazzoDAPTests/Fixtures/transcripts")

  static var scenarios: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".dap") }.map { String($0.dropLast(4)) }.sorted()
  }

  /// Every message of every transcript, in and out, is checked against the protocol's own
  /// schema (`ProtocolSchema`): the definition its command or event names.
  static let validate: @Sendable (JSONValue) -> [String] = { message in
    do {
      return try ProtocolSchema.shared.get().violations(of: message)
    } catch {
      return ["\(error)"]
    }
  }

  @Test(arguments: scenarios)
  func transcript(_ name: String) async throws {
    let scenario = try String(
      contentsOf: Self.directory.appendingPathComponent(name + ".dap"), encoding: .utf8)
    let runner = TranscriptRunner(validate: Self.validate)
    let (transcript, problems) = try await Self.offPool {
      try runner.run(scenario, binary: TestPaths.arazzo, root: TestPaths.root)
    }
    #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "\n"))")
    let golden = compareGolden(
      transcript, to: Self.directory.appendingPathComponent(name + ".transcript"))
    #expect(golden == .matched, "\(name): \(golden)")
  }

  /// `--log FILE`: the log lines go to the file, stdout carries frames only.
  @Test func theLogGoesToItsFile() async throws {
    let folder = try TemporaryFolder()
    let log = folder.appending("dap.log")
    let (stdout, status) = try await Self.offPool {
      let process = Process()
      process.executableURL = TestPaths.arazzo
      process.arguments = ["dap", "--log", log.path]
      let input = Pipe()
      let output = Pipe()
      process.standardInput = input
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      try process.run()
      input.fileHandleForWriting.write(Data("Content-Length: 3\r\n\r\nnot".utf8))
      try input.fileHandleForWriting.close()
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }
    #expect(status == 0)
    #expect(stdout.hasPrefix("Content-Length: "))
    #expect(stdout.contains(#""category":"important""#))
    let logged = try String(contentsOf: log, encoding: .utf8)
    #expect(logged.contains("arazzo dap: error: the body is not JSON"))
    #expect(logged.contains("arazzo dap: end of input"))
  }

  /// Runs blocking work off the cooperative pool.
  static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
  }
}
