import ArazzoJSON

/// What an `operationPath` fragment names inside an OpenAPI description.
public enum OperationPathResolution: Sendable {
  /// An Operation Object: the only valid target.
  case operation(OpenAPIOperation)
  /// A Path Item (the pointer stops one token early); `methods` are the operations it has.
  case pathItem(path: String, methods: [String])
  /// `/paths/<path>` names no path; `closest` is a similar declared path.
  case noSuchPath(path: String, closest: String?)
  /// The path exists but has no operation for `method`.
  case noSuchMethod(path: String, method: String, methods: [String])
  /// The pointer goes somewhere other than an operation (inside one, or outside `/paths`).
  case notAnOperation(pointer: String, reason: String)
  /// The fragment is not a JSON Pointer.
  case invalidPointer(String)

  /// The operation, when the fragment names one.
  public var operation: OpenAPIOperation? {
    if case .operation(let op) = self { return op }
    return nil
  }

  /// Why the fragment does not name an operation (empty for `.operation`).
  public var explanation: String {
    switch self {
    case .operation: return ""
    case .pathItem(let path, let methods):
      let list = methods.isEmpty ? "no operations" : "operations " + methods.joined(separator: ", ")
      return "the pointer ends at the Path Item '\(path)' (\(list)), not at an operation"
    case .noSuchPath(let path, let closest):
      return "the description has no path '\(path)'"
        + (closest.map { "; did you mean '\($0)'?" } ?? "")
    case .noSuchMethod(let path, let method, let methods):
      return
        "path '\(path)' has no '\(method)' operation (it has \(methods.joined(separator: ", ")))"
    case .notAnOperation(_, let reason): return reason
    case .invalidPointer(let reason): return "the fragment is not a JSON Pointer: \(reason)"
    }
  }

  /// How specific the answer is; the best of the raw and percent-decoded readings wins.
  var rank: Int {
    switch self {
    case .operation: return 6
    case .pathItem: return 5
    case .noSuchMethod: return 4
    case .notAnOperation: return 3
    case .noSuchPath: return 2
    case .invalidPointer: return 1
    }
  }
}
