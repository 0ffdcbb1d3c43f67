import ArazzoDebugger
import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime

/// The inspection half of the Debug Adapter Protocol server: the requests that read (or, for
/// inputs and `goto`, change) a paused run's state. It shows what the shell's inspection
/// commands show, `engine.context` (the attempt time travel selected, else the present), as the
/// protocol's stack frames, scopes, variables, evaluations, completions, sources and
/// disassembly.
///
/// Frame ids, `variablesReference`s and goto target ids are small integers handed out as the
/// client asks; `runMoved()` forgets them all, so one given out before the run moved is
/// answered with an error naming it, never with another frame's state. Numbers keep counting
/// up across moves, so an old one never aliases a new one.
///
/// Every value shown is redacted with the engine's `configuration.redactor` (secret headers
/// masked, given and learned secret strings scrubbed) unless `showSecrets`.
public final class Inspector: DAPRequestHandler {
  public let engine: DebugEngine
  let redactor: Redactor
  /// The client's conventions, from its `initialize` arguments (`linesStartAt1`,
  /// `columnsStartAt1`; both default to true in the protocol).
  let lineBase: Int
  let columnBase: Int
  /// The documents of the program, for `source` and the frames' `source` objects.
  let documents: InspectedDocuments

  /// The frame ids given out, by index in `inspectedFrames` (innermost first).
  var frameIds: [Int: Int] = [:]
  /// Everything a `variablesReference` can name.
  var containers: [Int: VariableContainer] = [:]
  /// The goto targets given out.
  var gotoTargets: [Int: StepTarget] = [:]
  /// The next number handed out, for frames, containers and goto targets alike.
  private var nextNumber = 1

  /// - Parameters:
  ///   - engine: the launched run's engine, read (never resumed) by every request.
  ///   - showSecrets: `--show-secrets`: redact nothing.
  ///   - linesStartAt1, columnsStartAt1: the client's `initialize` arguments of those names
  ///     (absent: true); lines and columns in requests and responses follow them.
  public init(
    engine: DebugEngine, showSecrets: Bool, linesStartAt1: Bool = true,
    columnsStartAt1: Bool = true
  ) {
    self.engine = engine
    var redactor = engine.configuration.redactor
    if showSecrets { redactor.showSecrets = true }
    self.redactor = redactor
    self.lineBase = linesStartAt1 ? 0 : -1
    self.columnBase = columnsStartAt1 ? 0 : -1
    self.documents = InspectedDocuments(program: engine.program)
  }

  /// The requests an `Inspector` answers (known before any launch: `initialize` announces
  /// their capabilities).
  public static let handledCommands: Set<String> = [
    "stackTrace", "scopes", "variables", "setVariable", "evaluate", "completions",
    "gotoTargets", "goto", "source", "disassemble",
  ]

  public var commands: Set<String> { Self.handledCommands }

  public func handle(_ request: DAPRequest) async throws(DAPError) -> JSONValue {
    let arguments = InspectionArguments(request.arguments, command: request.command)
    switch request.command {
    case "stackTrace": return try stackTrace(arguments)
    case "scopes": return try scopes(arguments)
    case "variables": return try variables(arguments)
    case "setVariable": return try setVariable(arguments)
    case "evaluate": return try await evaluate(arguments)
    case "completions": return try completions(arguments)
    case "gotoTargets": return try gotoTargetsResponse(arguments)
    case "goto": return try goto(arguments)
    case "source": return try source(arguments)
    case "disassemble": return try disassemble(arguments)
    default: throw DAPError("the inspector does not answer '\(request.command)'")
    }
  }

  public func runMoved() {
    frameIds = [:]
    containers = [:]
    gotoTargets = [:]
  }

  /// A fresh number for a frame, container or goto target.
  func number() -> Int {
    defer { nextNumber += 1 }
    return nextNumber
  }
  /// The error for an id this inspector never gave out, or gave out before the run moved.
  func unknown(_ kind: String, _ id: Int, since: String) -> DAPError {
    guard id > 0, id < nextNumber else { return DAPError("no \(kind) \(id) was given out") }
    return DAPError("\(kind) \(id) is no longer valid: the run moved since \(since)")
  }

  // MARK: Frames

  /// The frame `id` names (from the last `stackTrace`), or the innermost one when `id` is nil
  /// (a request without `frameId` reads the top frame, as the shell does).
  func frame(_ id: Int?) throws(DAPError) -> InspectedFrame {
    let frames = engine.inspectedFrames
    guard let id else {
      guard let top = frames.first else { throw DAPError("the run has no frame to inspect") }
      return top
    }
    guard let index = frameIds.first(where: { $0.value == id })?.key, frames.indices.contains(index)
    else { throw unknown("frame", id, since: "the stack trace that named it") }
    return frames[index]
  }

  /// The id of the frame at `index` (innermost first), handed out once per pause.
  func frameId(at index: Int) -> Int {
    if let id = frameIds[index] { return id }
    let id = number()
    frameIds[index] = id
    return id
  }

  /// The index in `inspectedFrames` of frame `id` (0 when nil: the innermost).
  func frameIndex(_ id: Int?) -> Int {
    guard let id else { return 0 }
    return frameIds.first(where: { $0.value == id })?.key ?? 0
  }

  // MARK: Lines and columns

  /// A document line (1-based) as the client counts.
  func clientLine(_ line: Int) -> Int { line + lineBase }
  func clientColumn(_ column: Int) -> Int { column + columnBase }
  /// A client's line as the document counts (1-based).
  func documentLine(_ line: Int) -> Int { line - lineBase }
}

/// A request's arguments, read with errors that name the request and the field.
struct InspectionArguments {
  let object: JSONObject
  let command: String

  init(_ object: JSONObject, command: String) {
    self.object = object
    self.command = command
  }

  /// An optional integer; present but not an integer is an error.
  func int(_ name: String) throws(DAPError) -> Int? {
    guard let value = object[name], !value.isNull else { return nil }
    guard let n = value.intValue else {
      throw DAPError("'\(command)': \"\(name)\" must be an integer, not \(value.typeName)")
    }
    // The protocol's numbers are 32-bit; clamped to that, no sum of them can overflow.
    return min(max(n, Int(Int32.min)), Int(Int32.max))
  }

  func requiredInt(_ name: String) throws(DAPError) -> Int {
    guard let n = try int(name) else { throw DAPError("'\(command)' needs \"\(name)\"") }
    return n
  }

  func string(_ name: String) throws(DAPError) -> String? {
    guard let value = object[name], !value.isNull else { return nil }
    guard let s = value.stringValue else {
      throw DAPError("'\(command)': \"\(name)\" must be a string, not \(value.typeName)")
    }
    return s
  }

  func requiredString(_ name: String) throws(DAPError) -> String {
    guard let s = try string(name) else { throw DAPError("'\(command)' needs \"\(name)\"") }
    return s
  }

  func objectArgument(_ name: String) throws(DAPError) -> JSONObject? {
    guard let value = object[name], !value.isNull else { return nil }
    guard let o = value.objectValue else {
      throw DAPError("'\(command)': \"\(name)\" must be an object, not \(value.typeName)")
    }
    return o
  }

  func bool(_ name: String) -> Bool { object[name]?.boolValue ?? false }
}

extension JSONObject {
  /// Sets `key` only when `value` is not nil (the protocol's optional fields are left out).
  mutating func setIfPresent(_ key: String, _ value: JSONValue?) {
    if let value { self[key] = value }
  }
}

extension DAPHandlerFactory {
  /// What `arazzo dap` serves: the server answers execution control, an `Inspector` per launch
  /// everything that reads (or edits) the paused run.
  public static var inspector: DAPHandlerFactory {
    DAPHandlerFactory(commands: Inspector.handledCommands) { engine, launch in
      [
        Inspector(
          engine: engine, showSecrets: launch.request.showSecrets,
          linesStartAt1: launch.linesStartAt1, columnsStartAt1: launch.columnsStartAt1)
      ]
    }
  }
}
