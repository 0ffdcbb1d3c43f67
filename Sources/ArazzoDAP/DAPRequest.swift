import ArazzoJSON

/// One Debug Adapter Protocol request, as the client sent it.
///
/// The adapter speaks DAP in `JSONValue`s: a request's `arguments` and a response's `body` are
/// the protocol's JSON, read and built where they are handled, so nothing in between needs a
/// Swift mirror of the whole protocol.
public struct DAPRequest: Sendable {
  /// The client's sequence number, echoed as the response's `request_seq`.
  public var seq: Int
  /// The request's name (`launch`, `stackTrace`, `variables`, …).
  public var command: String
  /// The request's arguments (an empty object when the client sent none).
  public var arguments: JSONObject

  public init(seq: Int, command: String, arguments: JSONObject = JSONObject()) {
    self.seq = seq
    self.command = command
    self.arguments = arguments
  }

  /// Reads a request from a decoded message; a message that is not a well-formed request is an
  /// error saying which field is wrong.
  public init(message: JSONValue) throws(DAPError) {
    guard let object = message.objectValue else {
      throw DAPError("a message must be a JSON object, not \(message.typeName)")
    }
    guard object["type"]?.stringValue == "request" else {
      throw DAPError("only requests are accepted (\"type\": \"request\")")
    }
    guard let seq = object["seq"]?.intValue else {
      throw DAPError("a request needs an integer \"seq\"")
    }
    guard let command = object["command"]?.stringValue, !command.isEmpty else {
      throw DAPError("a request needs a \"command\" string")
    }
    switch object["arguments"] {
    case nil, .null?: self.init(seq: seq, command: command)
    case .object(let arguments)?: self.init(seq: seq, command: command, arguments: arguments)
    case let other?:
      throw DAPError("\"arguments\" of '\(command)' must be an object, not \(other.typeName)")
    }
  }
}

/// Why a request failed: the error response's `message`, shown to the user by the editor.
public struct DAPError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

/// Answers a group of requests against a launched run (the adapter's dispatcher routes each
/// `command` in `commands` to its handler). Handlers are created per launch and read the debug
/// engine's state; they never resume the run themselves.
public protocol DAPRequestHandler: AnyObject {
  /// The request names this handler answers.
  var commands: Set<String> { get }
  /// The response body for `request` (`.null` for none), or the error to answer with.
  func handle(_ request: DAPRequest) async throws(DAPError) -> JSONValue
  /// Called whenever the run moves (resumed, stepped, travelled in time or restarted): the
  /// handler forgets every `variablesReference` and frame id it gave out, as the protocol says
  /// they are valid only while the run stays paused where it was.
  func runMoved()
}
