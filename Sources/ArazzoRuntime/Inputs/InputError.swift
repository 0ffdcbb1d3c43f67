/// Where a raw input value came from.
public enum InputSource: Sendable, Equatable, CustomStringConvertible {
  /// `--input NAME=VALUE`.
  case argument
  /// An `ARAZZO_INPUT_<NAME>` environment variable (its name).
  case environment(String)
  /// The `--inputs FILE.json` object.
  case file

  public var description: String {
    switch self {
    case .argument: return "--input"
    case .environment(let variable): return variable
    case .file: return "--inputs file"
    }
  }
}

/// One problem with the workflow inputs; each names the input and says why.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `--input` text without `=` or with an empty name.
  case malformedArgument(String)
  /// The `--inputs` file does not hold a JSON object.
  case inputsFileNotAnObject(found: String)
  /// Text that cannot be read as the type the schema declares.
  case wrongType(name: String, expected: [String], text: String, source: InputSource)
  /// A required input that no source gave.
  case missingRequired(name: String)
  /// Any other schema violation; `name` is the top-level input it is in (nil for the whole
  /// object), `location` the JSON Pointer inside the inputs.
  case violation(name: String?, location: String, message: String)
  /// The inputs schema itself could not be compiled.
  case unusableSchema(String)

  public var description: String {
    switch self {
    case .malformedArgument(let text):
      return "--input expects NAME=VALUE, got '\(text)'"
    case .inputsFileNotAnObject(let found):
      return "the --inputs file must hold a JSON object, found \(found)"
    case .wrongType(let name, let expected, let text, let source):
      let from = source == .argument ? "" : " (from \(source))"
      return "input '\(name)'\(from) must be \(Self.phrase(expected)), got '\(text)'"
    case .missingRequired(let name):
      return "missing required input '\(name)'"
    case .violation(let name, let location, let message):
      guard let name else { return "inputs: \(message)" }
      let inner = location.split(separator: "/", omittingEmptySubsequences: false).dropFirst(2)
      return inner.isEmpty
        ? "input '\(name)': \(message)"
        : "input '\(name)' at /\(inner.joined(separator: "/")): \(message)"
    case .unusableSchema(let message):
      return "the workflow's inputs schema cannot be used: \(message)"
    }
  }

  /// `an integer`, `a boolean or null`.
  static func phrase(_ types: [String]) -> String {
    let named = types.map { type -> String in
      switch type {
      case "integer", "object", "array": return "an \(type)"
      case "null": return "null"
      case "json": return "JSON text"
      default: return "a \(type)"
      }
    }
    if named.count <= 1 { return named.first ?? "a value" }
    return named.dropLast().joined(separator: ", ") + " or " + (named.last ?? "")
  }
}
