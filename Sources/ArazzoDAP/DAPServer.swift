import ArazzoDebugger
import ArazzoJSON
import ArazzoRuntime
import Foundation
import Synchronization

/// Makes the request handlers of a launched run (the Inspector: stackTrace, variables, …),
/// and says which commands they will answer, so `initialize` can announce them.
public struct DAPHandlerFactory {
  /// The commands the handlers answer (their capabilities are announced at `initialize`).
  public var commands: Set<String>
  public var make: (DebugEngine, LaunchArguments) -> [any DAPRequestHandler]

  public init(
    commands: Set<String>, make: @escaping (DebugEngine, LaunchArguments) -> [any DAPRequestHandler]
  ) {
    self.commands = commands
    self.make = make
  }

  /// No handlers: execution control only.
  public static var none: DAPHandlerFactory {
    DAPHandlerFactory(commands: [], make: { _, _ in [] })
  }
}

/// Requests that interrupt a running `continue`, noted by the reader as they arrive (the server
/// handles requests in order, so it reads them only when the run has stopped). `pause` stops
/// the run at the next instruction boundary; `terminate`, `disconnect` and the end of input
/// cancel the run's task, so a wait or a request in flight ends at once.
public final class DAPInterrupt: Sendable {
  private struct State {
    var pause = false
    var end = false
    var running: Task<PauseReason, Never>?
  }
  private let state = Mutex(State())

  public init() {}

  /// Called by the reader for each message as it arrives.
  public func note(_ message: JSONValue) {
    switch message["command"]?.stringValue {
    case "pause"?: state.withLock { $0.pause = true }
    case "terminate"?, "disconnect"?: noteEnd()
    default: break
    }
  }

  /// The end of the run (`terminate`, `disconnect`, the end of input): a running run stops now.
  func noteEnd() {
    let running = state.withLock { state in
      state.end = true
      return state.running
    }
    running?.cancel()
  }

  /// Whether the run should stop now (the engine polls it between instructions).
  var requested: Bool { state.withLock { $0.pause || $0.end } }
  /// Whether the stop is for the end of the run (no `stopped` event then).
  var ending: Bool { state.withLock { $0.end } }
  func clearPause() { state.withLock { $0.pause = false } }
  func clearEnd() { state.withLock { $0.end = false } }

  /// Runs `work` as the task an end cancels (at once, if one was noted already).
  func run(_ work: sending @escaping @isolated(any) () async -> PauseReason) async -> PauseReason {
    let task = Task(operation: work)
    let ended = state.withLock { state in
      state.running = task
      return state.end
    }
    if ended { task.cancel() }
    let reason = await task.value
    state.withLock { $0.running = nil }
    return reason
  }
}

/// The engine, handed to the task a run moves in; the server waits for that task, so the
/// engine is never used from two places at once.
final class EngineHandle: @unchecked Sendable {
  let engine: DebugEngine
  init(_ engine: DebugEngine) { self.engine = engine }
}

/// The Debug Adapter Protocol server: reads requests in order, answers each, and sends events.
/// It translates; `DebugEngine` decides where the run pauses, as it does for `arazzo debug`'s
/// shell. Requests it does not answer itself go to the handlers `factory` makes at launch.
public final class DAPServer {
  /// Where the run is in the session's life.
  enum Phase: Equatable {
    /// Before `launch`.
    case idle
    /// Launched, waiting for `configurationDone` (breakpoints being set).
    case configuring
    /// Running or paused.
    case active
    /// The run ended (`terminated` sent); `restart` starts it again.
    case ended
  }

  let factory: DAPHandlerFactory
  let send: (JSONValue) -> Void
  let log: (String) -> Void
  /// Noted by the reader as requests arrive.
  public let interrupt = DAPInterrupt()

  var phase = Phase.idle
  /// Whether `initialize` has been answered (it is answered once).
  var initialized = false
  var engine: DebugEngine?
  var launch: LaunchArguments?
  var handlers: [any DAPRequestHandler] = []
  var routes: [String: any DAPRequestHandler] = [:]
  var trace: RunTrace?
  /// The client's line and column bases (from `initialize`).
  var linesStartAt1 = true
  var columnsStartAt1 = true
  /// The engine breakpoints each source's `setBreakpoints` made, and `setFunctionBreakpoints`'.
  var sourceBreakpoints: [String: [Int]] = [:]
  var functionBreakpoints: [Int] = []
  /// Why the run last stopped (`exceptionInfo` reads it).
  var lastStop: PauseReason?
  private var outgoingSeq = 1
  /// Whether the request being handled has been answered.
  private var answered = false
  private var sessionEnded = false

  /// `send` writes one message (framed by the caller); `log` writes a line to the log (stderr
  /// or `--log FILE`), never to the protocol stream.
  public init(
    handlers factory: DAPHandlerFactory = .none, send: @escaping (JSONValue) -> Void,
    log: @escaping (String) -> Void = { _ in }
  ) {
    self.factory = factory
    self.send = send
    self.log = log
  }

  // MARK: Input

  /// Handles one input; false when the adapter should exit (after `disconnect`).
  public func receive(_ input: DAPInput) async -> Bool {
    switch input {
    case .malformed(let problem):
      log("error: \(problem)")
      output("error: \(problem)\n", category: "important")
      return true
    case .message(let message):
      let request: DAPRequest
      do {
        request = try DAPRequest(message: message)
      } catch {
        log("error: \(error.message)")
        if let seq = message["seq"]?.intValue, message["type"]?.stringValue == "request" {
          emit(
            response(seq: seq, command: message["command"]?.stringValue ?? "", error: error.message)
          )
        } else {
          output("error: \(error.message)\n", category: "important")
        }
        return true
      }
      return await handle(request)
    }
  }

  /// The end of input: the run ends and the session's recording is written.
  public func endOfInput() async {
    await endSession()
  }

  /// Answers `request` (in order with the others); false after `disconnect`.
  func handle(_ request: DAPRequest) async -> Bool {
    answered = false
    let before = place
    var delegated = false
    do throws(DAPError) {
      if let keepGoing = try await own(request) {
        if !answered { respond(request) }
        return keepGoing
      }
      guard let handler = routes[request.command] else {
        throw phase == .idle && factory.commands.contains(request.command)
          ? DAPError("'\(request.command)' needs a launched run: send launch first")
          : DAPError("unknown request '\(request.command)'")
      }
      delegated = true
      respond(request, body: try await handler.handle(request))
    } catch {
      respond(request, error: error.message)
    }
    if delegated, place != before {
      runMoved()
      stopped(request.command == "goto" ? "goto" : "step")
    }
    return true
  }

  /// Answers a request the server handles itself: false to end the adapter, nil when the
  /// command is not one of them.
  func own(_ request: DAPRequest) async throws(DAPError) -> Bool? {
    switch request.command {
    case "initialize": try initialize(request)
    case "launch": try await launch(request)
    case "configurationDone": try await configurationDone(request)
    case "threads": try threads(request)
    case "setBreakpoints": try setBreakpoints(request)
    case "setFunctionBreakpoints": try setFunctionBreakpoints(request)
    case "setExceptionBreakpoints": try setExceptionBreakpoints(request)
    case "continue": try await continueRequest(request)
    case "next", "stepIn", "stepOut": try await step(request)
    case "stepBack": try stepBack(request)
    case "reverseContinue": try reverseContinue(request)
    case "pause": try pause(request)
    case "exceptionInfo": try exceptionInfo(request)
    case "restart": try await restart(request)
    case "terminate": try await terminate(request)
    case "disconnect":
      await disconnect(request)
      return false
    default: return nil
    }
    return true
  }

  /// Where the run stands and which attempt is in view: when a delegated request changes it
  /// (`goto`, a `:` command in `evaluate`), the client is told the run stopped somewhere new.
  struct Place: Equatable {
    var workflow: Int?
    var pc: Int?
    var depth: Int?
    var selected: Int?
    var run: Int
    var attempts: Int
  }

  var place: Place? {
    guard let engine else { return nil }
    let position = engine.position
    return Place(
      workflow: position?.workflowIndex, pc: position?.pc, depth: position?.depth,
      selected: engine.selectedEntry?.number, run: engine.runNumber,
      attempts: engine.history.count)
  }

  // MARK: Output

  /// Sends a success response with `body`.
  func respond(_ request: DAPRequest, body: JSONValue = .null) {
    var message = response(seq: request.seq, command: request.command, error: nil)
    if body != .null { message["body"] = body }
    emit(message)
  }

  /// Sends an error response whose `message` the editor shows.
  func respond(_ request: DAPRequest, error: String) {
    log("error: \(request.command): \(error)")
    emit(response(seq: request.seq, command: request.command, error: error))
  }

  private func response(seq: Int, command: String, error: String?) -> JSONObject {
    var message = object([
      "type": "response", "request_seq": .integer(seq), "success": .bool(error == nil),
      "command": .string(command),
    ])
    if let error {
      message["message"] = .string(error)
      message["body"] = ["error": ["id": 1, "format": .string(error), "showUser": false]]
    }
    answered = true
    return message
  }

  /// Sends event `name` with `body`.
  func event(_ name: String, _ body: JSONObject? = nil) {
    var message = object(["type": "event", "event": .string(name)])
    if let body { message["body"] = .object(body) }
    emit(message)
  }

  private func emit(_ message: JSONObject) {
    var message = message
    message["seq"] = .integer(outgoingSeq)
    outgoingSeq += 1
    send(.object(message))
  }

  /// An `output` event: `text` scrubbed of secrets and control characters, with where it
  /// comes from when known.
  func output(_ text: String, category: String = "console", at span: SourceSpan? = nil) {
    let scrubbed = engine?.configuration.redactor.scrub(text) ?? text
    var body = object([
      "category": .string(category),
      "output": .string(TerminalText.escaped(scrubbed, keepingNewlines: true)),
    ])
    if let span {
      body["source"] = source(span.start.file.path)
      body["line"] = .integer(clientLine(span.start.line))
      body["column"] = .integer(span.start.column - (columnsStartAt1 ? 0 : 1))
    }
    event("output", body)
  }

  /// A `Source` for the document at `path`.
  func source(_ path: String) -> JSONValue {
    ["name": .string((path as NSString).lastPathComponent), "path": .string(path)]
  }

  /// A 1-based line as the client counts.
  func clientLine(_ line: Int) -> Int { linesStartAt1 ? line : line - 1 }
  /// The client's line, 1-based.
  func documentLine(_ line: Int) -> Int { linesStartAt1 ? line : line + 1 }

  // MARK: The session's end

  /// Ends the run (closing its transport) and writes the recording, once.
  func endSession() async {
    guard !sessionEnded else { return }
    sessionEnded = true
    guard let engine else { return }
    await engine.shutdown()
    if let record = launch?.record {
      do {
        let count = try engine.save(to: record)
        log("saved \(count) exchange\(count == 1 ? "" : "s") to \(record)")
      } catch {
        log("error: cannot write '\(record)': \(error.message)")
        output("error: cannot write '\(record)': \(error.message)\n", category: "important")
      }
    }
  }

  /// Tells every handler that what it handed out is stale.
  func runMoved() {
    for handler in handlers { handler.runMoved() }
  }
}

/// A JSON object with these members, in order.
func object(_ members: KeyValuePairs<String, JSONValue>) -> JSONObject {
  JSONObject(members.map { ($0.key, $0.value) })
}
