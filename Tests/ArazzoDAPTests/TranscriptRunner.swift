import ArazzoDAP
import ArazzoJSON
import ArazzoTestSupport
import Foundation

/// Runs a DAP scenario against a real `arazzo dap` process over pipes and writes the exchange
/// as a transcript.
///
/// A scenario (`Fixtures/transcripts/NAME.dap`) has a line per action:
///
/// ```
/// # a comment
/// > launch {"program": "examples/…", "stopOnEntry": true}   a request (arguments optional);
///                                                           its response is waited for
/// ? stopped                                                 wait for the next such event
/// ? output pollRun                                          … an output event holding text
/// raw Content-Length: 3\r\n\r\n{x                           bytes as they are (\r \n escapes)
/// sleep 300                                                 wait 300 ms (a pause lands in a
///                                                           loop delay, not before it)
/// ```
///
/// At the end stdin is closed and the adapter must exit. The transcript lists every message
/// in the order the adapter sent them, each request just before its response (`→` to the
/// adapter, `←` from it; what the adapter says before answering, such as launch's warnings,
/// comes before the request), one compact JSON line each; the adapter's `seq` is dropped (the
/// request's `seq` stays, as `request_seq`), and the package root in paths reads `<root>`.
struct TranscriptRunner: Sendable {
  /// Checks each message the adapter sends (the protocol schema's validator plugs in here);
  /// each problem it returns fails the scenario.
  var validate: @Sendable (JSONValue) -> [String] = { _ in [] }
  /// How long any one wait may take.
  var timeout: TimeInterval = 20

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The transcript of `scenario`, and the problems found (validator, timeouts, exit status).
  func run(_ scenario: String, binary: URL, root: URL) throws -> (String, [String]) {
    let process = Process()
    process.executableURL = binary
    process.arguments = ["dap"]
    process.currentDirectoryURL = root
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    let inbox = Inbox()
    try process.run()
    let reading = Thread {
      var reader = DAPFrameReader()
      while true {
        let data = stdout.fileHandleForReading.availableData
        if data.isEmpty { break }
        reader.feed(data)
        while let item = reader.next() { inbox.add(item) }
      }
      inbox.close()
    }
    reading.start()
    defer { if process.isRunning { process.terminate() } }

    var problems: [String] = []
    var transcript: [String] = []
    var requests: [Int: String] = [:]
    var pendingRaw: [String] = []
    var seen = 0
    var seq = 0
    let rootPath = root.standardizedFileURL.path

    /// Moves the messages received so far into the transcript.
    func drain(upTo count: Int) {
      while seen < count {
        let item = inbox.item(seen)
        seen += 1
        transcript += pendingRaw
        pendingRaw = []
        switch item {
        case .malformed(let problem):
          problems.append("the adapter sent a malformed frame: \(problem)")
          transcript.append("← (malformed) \(problem)")
        case .message(let message):
          problems += validate(message).map { "\(Self.line(message)): \($0)" }
          if message["type"]?.stringValue == "response", let seq = message["request_seq"]?.intValue,
            let request = requests.removeValue(forKey: seq)
          {
            transcript.append(request)
          }
          transcript.append("← " + Self.line(Self.normalized(message), root: rootPath))
        }
      }
    }

    /// Waits until a message at or after `from` satisfies `test`; its index.
    func wait(_ what: String, from: Int, _ test: (JSONValue) -> Bool) throws -> Int {
      guard let index = inbox.wait(from: from, timeout: timeout, test) else {
        drain(upTo: inbox.count)
        throw Failure(
          description: "timed out waiting for \(what)\n" + transcript.joined(separator: "\n"))
      }
      drain(upTo: index + 1)
      return index
    }

    for raw in scenario.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line.hasPrefix("> ") {
        let text = line.dropFirst(2)
        let command = text.prefix { $0 != " " }
        let argumentsText = text.dropFirst(command.count).trimmingCharacters(in: .whitespaces)
        seq += 1
        var request = object([
          "seq": .integer(seq), "type": "request", "command": .string(String(command)),
        ])
        if !argumentsText.isEmpty {
          request["arguments"] = try JSONParser.parse(
            argumentsText.replacingOccurrences(of: "$ROOT", with: rootPath))
        }
        requests[seq] = "→ " + Self.line(.object(request), root: rootPath)
        stdin.fileHandleForWriting.write(Data(DAPFrame.encode(.object(request))))
        let mine = seq
        _ = try wait("the response to \(command)", from: seen) {
          $0["type"]?.stringValue == "response" && $0["request_seq"]?.intValue == mine
        }
      } else if line.hasPrefix("? ") {
        let words = line.dropFirst(2).split(separator: " ", maxSplits: 1).map(String.init)
        let name = words[0]
        let text = words.count > 1 ? words[1] : nil
        _ = try wait("event \(line.dropFirst(2))", from: seen) { message in
          guard message["event"]?.stringValue == name else { return false }
          guard let text else { return true }
          return message["body"]?["output"]?.stringValue?.contains(text) == true
        }
      } else if line.hasPrefix("raw ") {
        let bytes = line.dropFirst(4).replacingOccurrences(of: "\\r", with: "\r")
          .replacingOccurrences(of: "\\n", with: "\n")
        pendingRaw.append("→ (raw) " + String(line.dropFirst(4)))
        stdin.fileHandleForWriting.write(Data(bytes.utf8))
        // The adapter answers a malformed frame with an output event or an error response.
        _ = try wait("the answer to a raw frame", from: seen) { _ in true }
      } else if line.hasPrefix("sleep "), let ms = Int(line.dropFirst(6)), ms < 5_000 {
        Thread.sleep(forTimeInterval: Double(ms) / 1000)
      } else {
        throw Failure(
          description: "a scenario line must start with >, ?, raw, sleep or #: '\(line)'")
      }
    }
    try stdin.fileHandleForWriting.close()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    guard !process.isRunning else {
      throw Failure(description: "the adapter did not exit at the end of input")
    }
    _ = inbox.wait(from: Int.max, timeout: timeout) { _ in false }  // until stdout closes
    drain(upTo: inbox.count)
    transcript += pendingRaw
    if process.terminationStatus != 0 {
      problems.append("the adapter exited with \(process.terminationStatus)")
    }
    return (transcript.joined(separator: "\n") + "\n", problems)
  }

  /// The message without the adapter's `seq`.
  static func normalized(_ message: JSONValue) -> JSONValue {
    guard var object = message.objectValue else { return message }
    object["seq"] = nil
    return .object(object)
  }

  /// One compact line, the package root in paths replaced.
  static func line(_ message: JSONValue, root: String = "") -> String {
    let text = JSONPrinter.compact(message)
    return root.isEmpty ? text : text.replacingOccurrences(of: root, with: "<root>")
  }
}

/// What the adapter sent, filled by the reading thread.
private final class Inbox: @unchecked Sendable {
  private let condition = NSCondition()
  private var items: [DAPInput] = []
  private var closed = false

  func add(_ item: DAPInput) {
    condition.withLock {
      items.append(item)
      condition.broadcast()
    }
  }

  func close() {
    condition.withLock {
      closed = true
      condition.broadcast()
    }
  }

  var count: Int { condition.withLock { items.count } }

  func item(_ i: Int) -> DAPInput { condition.withLock { items[i] } }

  /// The index of the first message at or after `from` that passes `test`; nil on timeout or
  /// once the stream closed without one.
  func wait(from: Int, timeout: TimeInterval, _ test: (JSONValue) -> Bool) -> Int? {
    let deadline = Date().addingTimeInterval(timeout)
    condition.lock()
    defer { condition.unlock() }
    var next = from
    while true {
      while next < items.count {
        if case .message(let m) = items[next], test(m) { return next }
        next += 1
      }
      if closed { return nil }
      guard condition.wait(until: deadline) else { return nil }
    }
  }
}

/// A JSON object with these members, in order.
func object(_ members: KeyValuePairs<String, JSONValue>) -> JSONObject {
  JSONObject(members.map { ($0.key, $0.value) })
}
