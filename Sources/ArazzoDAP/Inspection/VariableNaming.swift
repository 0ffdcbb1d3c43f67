import ArazzoExpressions
import ArazzoJSON

/// The runtime expression that reads a value shown as a variable (its `evaluateName`), and how
/// its children's expressions are formed: `$inputs` → `$inputs.account_id`;
/// `$steps` → `$steps.pollRun` → `$steps.pollRun.outputs` → `$steps.pollRun.outputs.status`;
/// `$response.body` → `$response.body#/data` → `$response.body#/data/0`.
indirect enum VariableNaming: Sendable {
  /// Nothing reads it (and so nothing reads its children).
  case none
  /// `expression` reads it; its children append `.key` for `levels` more levels, then JSON
  /// Pointer tokens.
  case dotted(String, levels: Int)
  /// `base#pointer` reads it; its children append pointer tokens.
  case pointer(String, JSONPointer)
  /// `expression` (if any) reads it; each named child is read as listed.
  case fields(String?, [String: VariableNaming])

  /// How the values of a whole part of the context (`$inputs`, `$steps`, … as `:print`
  /// shows them, and as the scopes hold them) and their children are read.
  static func part(_ name: String) -> VariableNaming {
    switch name {
    case "$inputs": return .dotted("$inputs", levels: 1)
    case "$outputs": return .dotted("$outputs", levels: 1)
    case "$steps": return .dotted("$steps", levels: 3)
    case "$workflows": return .dotted("$workflows", levels: 3)
    case "$components": return .dotted("$components", levels: 2)
    case "$sourceDescriptions": return .dotted("$sourceDescriptions", levels: 2)
    case "$request":
      return .fields(
        "$request",
        [
          "method": .fields("$method", [:]), "url": .fields("$url", [:]),
          "headers": .dotted("$request.header", levels: 1),
          "body": .pointer("$request.body", JSONPointer()),
        ])
    case "$response":
      return .fields(
        "$response",
        [
          "statusCode": .fields("$statusCode", [:]),
          "headers": .dotted("$response.header", levels: 1),
          "body": .pointer("$response.body", JSONPointer()),
        ])
    default: return .none
    }
  }

  /// How the value of the runtime expression `expression` and its children are read:
  /// `$response.body#/data` → `$response.body#/data/0`; `$steps.x.outputs` →
  /// `$steps.x.outputs.y`; `$inputs.x` → `$inputs.x#/a`.
  static func expression(_ expression: RuntimeExpression) -> VariableNaming {
    let text = expression.text
    if let hash = text.firstIndex(of: "#") {
      guard let pointer = try? JSONPointer(parsing: String(text[text.index(after: hash)...]))
      else { return .none }
      return .pointer(String(text[..<hash]), pointer)
    }
    if case .stepField(_, "outputs", nil) = expression.source { return .dotted(text, levels: 1) }
    return .pointer(text, JSONPointer())
  }

  /// The runtime expression that reads the value, if any.
  var expression: String? {
    switch self {
    case .none: return nil
    case .dotted(let text, _): return text
    case .pointer(let base, let pointer):
      return pointer.tokens.isEmpty ? base : base + "#" + pointer.description
    case .fields(let text, _): return text
    }
  }

  /// The naming of the member `key`.
  func child(_ key: String) -> VariableNaming {
    switch self {
    case .none: return .none
    case .dotted(let text, let levels):
      let name = text + "." + key
      return levels > 1 ? .dotted(name, levels: levels - 1) : .pointer(name, JSONPointer())
    case .pointer(let base, let pointer): return .pointer(base, pointer.appending(key))
    case .fields(_, let children): return children[key] ?? .none
    }
  }

  /// The naming of the element at `index`: always a pointer token (names are for members).
  func child(index: Int) -> VariableNaming {
    switch self {
    case .none, .fields: return .none
    case .dotted(let text, _): return .pointer(text, JSONPointer(tokens: [String(index)]))
    case .pointer(let base, let pointer): return .pointer(base, pointer.appending(index))
    }
  }

  /// `expression` when it parses back as the runtime expression it names (a key with spaces
  /// or operator characters would not); checked only for names outside the plain characters.
  var evaluateName: String? {
    guard let text = expression else { return nil }
    let plain = text.unicodeScalars.allSatisfy {
      ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0)
        || "$._-#/~".unicodeScalars.contains($0)
    }
    if plain { return text }
    guard case .expression(let parsed)? = try? Evaluable.parse(text), parsed.text == text else {
      return nil
    }
    return text
  }
}
