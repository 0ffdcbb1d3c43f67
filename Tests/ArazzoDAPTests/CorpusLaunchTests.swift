import ArazzoDAP
import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

/// Every real-world document (`testdata/realworld`, 149 from public repositories) launched in
/// the adapter, paused at its entry (nothing is sent), then read as an editor reads it: the
/// stack, every scope and variable, the disassembly, Jump to Cursor targets and completion.
/// A document that cannot run (invalid, inputs missing) fails its launch with diagnostics as
/// output events. Every request gets one answer; every message is valid DAP.
@Suite struct CorpusLaunchTests {
  static let realWorld = TestPaths.shared.appendingPathComponent("testdata/realworld")

  static var documents: [String] {
    guard
      let text = try? String(
        contentsOfFile: realWorld.appendingPathComponent("index.json").path, encoding: .utf8),
      case .array(let items)? = try? JSONParser.parse(text)
    else { return [] }
    return items.compactMap { $0["path"]?.stringValue }
  }

  @Test(.timeLimit(.minutes(3))) func everyDocumentLaunchesOrSaysWhyNot() async throws {
    let documents = Self.documents
    try #require(documents.count > 100, "the real-world corpus is missing")
    let schema = try ProtocolSchema.shared.get()
    var launched = 0
    for document in documents {
      nonisolated(unsafe) var sent: [JSONValue] = []
      let server = DAPServer(handlers: .inspector, send: { sent.append($0) })
      var seq = 0
      func request(_ command: String, _ arguments: JSONValue = .object(JSONObject())) async {
        seq += 1
        let message: JSONValue = [
          "seq": .integer(seq), "type": "request", "command": .string(command),
          "arguments": arguments,
        ]
        _ = await server.receive(.message(message))
        let answers = sent.filter { $0["request_seq"]?.intValue == seq }
        #expect(answers.count == 1, "\(document): \(command) got \(answers.count) answers")
      }
      func body(_ n: Int) -> JSONValue? {
        sent.first { $0["request_seq"]?.intValue == n }?["body"]
      }
      let path = Self.realWorld.appendingPathComponent(document).path
      await request("initialize", ["adapterID": "corpus"])
      await request("launch", ["program": .string(path), "stopOnEntry": true])
      if sent.first(where: { $0["request_seq"] == 2 })?["success"] == true {
        launched += 1
        await request("configurationDone")
        await request("stackTrace", ["threadId": 1])
        let frames = body(seq)?["stackFrames"]?.arrayValue ?? []
        if let frame = frames.first, let id = frame["id"],
          let ip = frame["instructionPointerReference"]
        {
          await request("scopes", ["frameId": id])
          for scope in body(seq)?["scopes"]?.arrayValue ?? [] {
            await request("variables", ["variablesReference": scope["variablesReference"] ?? 0])
          }
          await request(
            "disassemble",
            ["memoryReference": ip, "instructionOffset": -3, "instructionCount": 12])
          await request(
            "gotoTargets", ["source": ["path": .string(path)], "line": frame["line"] ?? 1])
          await request("completions", ["text": "$steps.", "column": 8, "frameId": id])
          await request("evaluate", ["expression": "$inputs", "context": "repl", "frameId": id])
        }
      }
      await request("disconnect")
      for message in sent {
        let problems = (try? schema.violations(of: message)) ?? ["no definition for \(message)"]
        #expect(problems.isEmpty, "\(document): \(problems.prefix(3))")
      }
    }
    // Most need inputs or sources that are not there; enough run to mean something.
    #expect(launched >= 10, "only \(launched) documents launched")
  }
}
