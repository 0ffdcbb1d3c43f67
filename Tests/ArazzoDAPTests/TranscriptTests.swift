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

  /// Hostile frames through the real process: 10,000 levels of nesting (the reader thread once
  /// overflowed its stack parsing them), a 10 MB expression, control characters, `1e999`. Each
  /// is answered or refused, and the adapter reads on to `disconnect`.
  @Test(.timeLimit(.minutes(1))) func hostileFramesAreRefusedAndTheAdapterReadsOn() async throws {
    func frame(_ body: String) -> Data {
      Data("Content-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
    }
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    let frames = [
      frame(
        #"{"seq":1,"type":"request","command":"evaluate","arguments":{"expression":\#(deep)}}"#),
      frame(
        #"{"seq":2,"type":"request","command":"evaluate","arguments":{"expression":"$inputs.\#(String(repeating: "a", count: 10 << 20))"}}"#
      ),
      frame(
        #"{"seq":3,"type":"request","command":"evaluate","arguments":{"expression":"\u001b[31m\u0000"}}"#
      ),
      frame(
        #"{"seq":4,"type":"request","command":"initialize","arguments":{"linesStartAt1":1e999}}"#),
      frame(#"{"seq":5,"type":"request","command":"disconnect"}"#),
    ]
    let (stdout, status) = try await Self.offPool {
      let process = Process()
      process.executableURL = TestPaths.arazzo
      process.arguments = ["dap"]
      let input = Pipe()
      let output = Pipe()
      process.standardInput = input
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      try process.run()
      // Written while the answers are read, so neither pipe fills up; an adapter that died
      // makes the writes fail (EPIPE), not this process.
      signal(SIGPIPE, SIG_IGN)
      DispatchQueue.global().async {
        for data in frames { try? input.fileHandleForWriting.write(contentsOf: data) }
        try? input.fileHandleForWriting.close()
      }
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }
    #expect(status == 0, "the adapter died (\(status))")
    #expect(stdout.contains("nesting deeper than 512 levels"))
    for seq in 2...5 { #expect(stdout.contains(#""request_seq":\#(seq),"#), "no answer to \(seq)") }
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
