/// Why a request could not be built; every case names the parameter, server or target at fault.
public enum RequestBuildError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A `{name}` in the path template has no path parameter (or its value is null).
  case missingPathParameter(name: String, pathTemplate: String)
  /// A relative server URL and no http(s) document URL to resolve it against.
  case relativeServerURL(url: String, source: String)
  /// The server URL (override or declared) is not a usable URL.
  case invalidServerURL(url: String, reason: String)
  /// A parameter value that its location or style cannot carry.
  case unsupportedParameterValue(name: String, location: String, reason: String)
  /// A header name or value that would corrupt the request (CR/LF, empty name).
  case invalidHeader(name: String, reason: String)
  /// The payload cannot be serialised as its content type.
  case unserialisablePayload(contentType: String, reason: String)
  /// A payload replacement could not be applied.
  case replacementFailed(target: String, reason: String)

  public var description: String {
    switch self {
    case .missingPathParameter(let name, let template):
      return "path parameter '\(name)' of '\(template)' has no value"
    case .relativeServerURL(let url, let source):
      return
        "server URL '\(url)' is relative and the OpenAPI description \(source) has no http(s) URL to resolve it against; give the server with --server"
    case .invalidServerURL(let url, let reason):
      return "server URL '\(url)' is not usable: \(reason)"
    case .unsupportedParameterValue(let name, let location, let reason):
      return "\(location) parameter '\(name)': \(reason)"
    case .invalidHeader(let name, let reason):
      return "header '\(name)': \(reason)"
    case .unserialisablePayload(let contentType, let reason):
      return "request body (\(contentType)): \(reason)"
    case .replacementFailed(let target, let reason):
      return "payload replacement '\(target)': \(reason)"
    }
  }
}
