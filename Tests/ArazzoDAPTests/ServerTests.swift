import ArazzoDAP
import ArazzoDebugger
import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

/// The server in process, on the seed from its recording: the session's shape, the handler
/// wiring (`DAPHandlerFactory`), and what a delegated request that moves the run sends.
@Suite struct ServerTests {
  /// Collects what the server sends.
  final class Sent {
    var messages: [JSONValue] = []
    var events: [String] { messages.compactMap { $0["event"]?.stringValue } }
    func response(to seq: Int) -> JSONValue? {
      messages.first { $0["request_seq"]?.intValue == seq }
    }
  }

  /// A handler that answers `goto` by moving the engine, as the Inspector does.
  final class GotoHandler: DAPRequestHandler {
    let engine: DebugEngine
    var moved = 0
    init(engine: DebugEngine) { self.engine = engine }
    var commands: Set<String> { ["goto", "gotoTargets"] }
    func handle(_ request: DAPRequest) async throws(DAPError) -> JSONValue {
      do {
        try engine.goto(stepId: request.arguments["stepId"]?.stringValue ?? "")
      } catch {
        throw DAPError(error.message)
      }
      return .null
    }
    func runMoved() { moved += 1 }
  }

  static let seedLaunch: JSONValue = [
    "program": .string(TestPaths.seed.path),
    "replay": .string(
      TestPaths.root.appendingPathComponent("examples/dbt-cloud/recordings/success.har").path),
    "inputs": ["accountId": 70403, "jobId": 251, "token": "demo-token"],
    "stopOnEntry": true,
  ]

  private var seq = 0

  private mutating func request(_ command: String, _ arguments: JSONValue? = nil) -> DAPInput {
    seq += 1
    var message: JSONValue = ["seq": .integer(seq), "type": "request", "command": .string(command)]
    if let arguments, case .object(var o) = message {
      o["arguments"] = arguments
      message = .object(o)
    }
    return .message(message)
  }

  @Test mutating func theSeedStopsOnEntryAndRunsToTheEnd() async throws {
    let sent = Sent()
    let server = DAPServer(send: { sent.messages.append($0) })
    #expect(await server.receive(request("initialize", ["adapterID": "test"])))
    let capabilities = sent.messages.last?["body"]
    #expect(capabilities?["supportsStepBack"] == true)
    #expect(capabilities?["supportsSetVariable"] == nil, "no handler answers setVariable")
    _ = await server.receive(request("launch", Self.seedLaunch))
    #expect(sent.response(to: 2)?["success"] == true)
    #expect(sent.events.filter { $0 != "output" } == ["initialized"], "the seed's warnings aside")
    _ = await server.receive(request("configurationDone"))
    #expect(sent.messages.last?["body"]?["reason"] == "entry")
    _ = await server.receive(request("continue", ["threadId": 1]))
    #expect(Array(sent.events.suffix(2)) == ["exited", "terminated"])
    #expect(sent.messages.last(where: { $0["event"] == "exited" })?["body"]?["exitCode"] == 0)
    #expect(sent.events.filter { $0 == "output" }.count >= 3, "a trace line per step attempt")
    #expect(await server.receive(request("disconnect")) == false)
    // Outgoing seq counts up from 1 without gaps.
    #expect(sent.messages.compactMap { $0["seq"]?.intValue } == Array(1...sent.messages.count))
  }

  @Test mutating func aDelegatedRequestThatMovesTheRunSendsStopped() async throws {
    let sent = Sent()
    nonisolated(unsafe) var made: [GotoHandler] = []
    let factory = DAPHandlerFactory(commands: ["goto", "gotoTargets"]) { engine, _ in
      let handler = GotoHandler(engine: engine)
      made.append(handler)
      return [handler]
    }
    let server = DAPServer(handlers: factory, send: { sent.messages.append($0) })
    _ = await server.receive(request("initialize"))
    #expect(sent.messages.last?["body"]?["supportsGotoTargetsRequest"] == true)
    _ = await server.receive(request("launch", Self.seedLaunch))
    _ = await server.receive(request("configurationDone"))
    let handler = try #require(made.first)
    let movedBefore = handler.moved
    _ = await server.receive(request("goto", ["threadId": 1, "stepId": "pollRun"]))
    #expect(sent.messages.last?["event"] == "stopped")
    #expect(sent.messages.last?["body"]?["reason"] == "goto")
    #expect(handler.moved == movedBefore + 1)
    // A failing delegated request is an error response, and nothing moved.
    _ = await server.receive(request("goto", ["threadId": 1, "stepId": "nowhere"]))
    #expect(sent.messages.last?["success"] == false)
    _ = await server.receive(request("next", ["threadId": 1]))
    #expect(handler.moved == movedBefore + 2)
  }
}
