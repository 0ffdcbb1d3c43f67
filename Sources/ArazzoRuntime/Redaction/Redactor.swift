import ArazzoJSON
import Foundation

/// Keeps secrets out of everything a user or a file sees: reports, traces, HAR recordings,
/// debugger output, error messages.
///
/// Secrets are the values of secret inputs (`format: password`, or a name that says so) and of
/// secret headers. Every occurrence of a known secret in text is replaced by `REDACTED`, also in
/// its percent-encoded, form-encoded and JSON-escaped spellings; secret header values are
/// replaced as a whole (keeping an `Authorization` scheme and cookie names). Values shorter than
/// `minimumLength` are not scrubbed from free text (a secret `1` would garble every number), but
/// header values are always replaced. With `showSecrets`, nothing is changed.
public struct Redactor: Sendable {
  /// What a secret is replaced with.
  public static let placeholder = "REDACTED"
  /// Shorter secrets are only redacted where they are known to be (headers, secret inputs).
  public static let minimumLength = 3

  public var showSecrets: Bool
  /// The spellings to scrub, longest first.
  public private(set) var spellings: [String] = []

  public init(secrets: [String] = [], showSecrets: Bool = false) {
    self.showSecrets = showSecrets
    for s in secrets { add(s) }
  }

  // MARK: Deciding what is secret

  /// Whether an input is secret: its schema says `format: password` (or `writeOnly: true`), or
  /// its name contains token, password, passwd, secret, api key, credential, or the word auth
  /// (`auth`, `oauth`, `authorization`, `authToken`; not `author`).
  public static func isSecretInput(name: String, schema: JSONValue? = nil) -> Bool {
    if schema?["format"]?.stringValue?.lowercased() == "password" { return true }
    if schema?["writeOnly"] == .bool(true) { return true }
    return isSecretName(name)
  }

  /// The top-level inputs a workflow's inputs schema marks as secret (by format or name).
  public static func secretInputNames(schema: JSONValue?) -> [String] {
    guard let properties = schema?["properties"]?.objectValue else { return [] }
    return properties.members.filter { isSecretInput(name: $0.key, schema: $0.value) }.map(\.key)
  }

  /// Whether a header carries a secret: Authorization, Proxy-Authorization, Cookie, Set-Cookie,
  /// X-API-Key, or a name containing token, secret, api-key/api_key/apikey, password.
  public static func isSecretHeader(_ name: String) -> Bool {
    let lower = name.lowercased()
    if ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"].contains(lower)
    {
      return true
    }
    let squashed = lower.filter { $0.isLetter || $0.isNumber }
    return ["token", "secret", "apikey", "password"].contains { squashed.contains($0) }
  }

  static func isSecretName(_ name: String) -> Bool {
    let squashed = name.lowercased().filter { $0.isLetter || $0.isNumber }
    if ["token", "password", "passwd", "secret", "apikey", "credential"].contains(where: {
      squashed.contains($0)
    }) {
      return true
    }
    return words(of: name).contains { w in
      w == "auth" || w == "oauth" || w.hasPrefix("authoriz") || w.hasPrefix("authentic")
        || w.hasPrefix("auth") && w.count > 4 && !w.hasPrefix("author")
    }
  }

  /// `clientAuthToken` → client, auth, token; `x-oauth_key` → x, oauth, key.
  static func words(of name: String) -> [String] {
    var words: [String] = []
    var current = ""
    var previousLower = false
    for c in name {
      if !(c.isLetter || c.isNumber) {
        if !current.isEmpty { words.append(current) }
        current = ""
        previousLower = false
        continue
      }
      if c.isUppercase && previousLower {
        words.append(current)
        current = ""
      }
      current += c.lowercased()
      previousLower = c.isLowercase || c.isNumber
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  // MARK: Learning secrets

  /// Adds a secret value (and its encoded spellings) to scrub from text.
  public mutating func add(_ secret: String) {
    guard secret.count >= Self.minimumLength else { return }
    var escaped = ""
    JSONPrinter.writeString(secret, to: &escaped)
    let forms = [
      secret, PercentEncoding.strict(secret), PercentEncoding.formEncode(secret),
      String(escaped.dropFirst().dropLast()),
    ]
    for form in forms where !spellings.contains(form) { spellings.append(form) }
    spellings.sort { $0.count > $1.count }
  }

  /// Adds the values of the secret inputs (strings, numbers, and the strings inside objects
  /// and arrays).
  public mutating func addSecretInputs(_ inputs: JSONValue, schema: JSONValue?) {
    guard case .object(let object) = inputs else { return }
    let properties = schema?["properties"]?.objectValue
    for (name, value) in object where Self.isSecretInput(name: name, schema: properties?[name]) {
      addLeaves(of: value)
    }
  }

  private mutating func addLeaves(of value: JSONValue) {
    switch value {
    case .string(let s): add(s)
    case .integer, .number: add(JSONPrinter.compact(value))
    case .array(let items): for item in items { addLeaves(of: item) }
    case .object(let o): for (_, v) in o { addLeaves(of: v) }
    case .null, .bool: break
    }
  }

  /// Adds the secret parts of secret headers: the credentials after an auth scheme, cookie
  /// values, whole values otherwise.
  public mutating func addSecretHeaders(_ headers: [PreparedRequest.Header]) {
    for h in headers where Self.isSecretHeader(h.name) {
      for part in Self.secretParts(ofHeader: h.name, h.value) { add(part) }
    }
  }

  /// The secret parts of a secret header's value: the credentials after an auth scheme
  /// (`Bearer abc` → `abc`), each cookie's value, else the whole value.
  public static func secretParts(ofHeader name: String, _ value: String) -> [String] {
    let lower = name.lowercased()
    if lower == "cookie" || lower == "set-cookie" {
      let pairs = cookiePairs(value)
      // Set-Cookie: only the first pair is the cookie; the rest are attributes.
      return (lower == "set-cookie" ? Array(pairs.prefix(1)) : pairs).compactMap(\.value)
    }
    if let (_, credentials) = splitScheme(value) { return [credentials] }
    return [value]
  }

  // MARK: Redacting

  /// `text` with every known secret replaced by `REDACTED`.
  public func redact(_ text: String) -> String {
    guard !showSecrets, !spellings.isEmpty else { return text }
    var out = text
    for s in spellings where out.contains(s) {
      out = out.replacingAll(s, with: Self.placeholder)
    }
    return out
  }

  /// Every string in `value` scrubbed; keys are kept.
  public func redact(_ value: JSONValue) -> JSONValue {
    guard !showSecrets, !spellings.isEmpty else { return value }
    switch value {
    case .string(let s): return .string(redact(s))
    case .array(let items): return .array(items.map { redact($0) })
    case .object(let o): return .object(JSONObject(o.members.map { ($0.key, redact($0.value)) }))
    default:
      if value.isNumber, spellings.contains(JSONPrinter.compact(value)) {
        return .string(Self.placeholder)
      }
      return value
    }
  }

  /// The value a header shows: secret headers masked (`Bearer REDACTED`,
  /// `session=REDACTED; theme=REDACTED`), others scrubbed of known secrets.
  public func redactHeader(name: String, value: String) -> String {
    guard !showSecrets else { return value }
    guard Self.isSecretHeader(name) else { return redact(value) }
    let lower = name.lowercased()
    if lower == "cookie" {
      return Self.cookiePairs(value).map { $0.value == nil ? $0.name : $0.name + "=" + Self.placeholder }
        .joined(separator: "; ")
    }
    if lower == "set-cookie" {
      // Only the first pair is the cookie; attributes (Path, Expires, …) are not secret.
      let parts = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
      let name = parts.first.map { $0.split(separator: "=", maxSplits: 1).first ?? "" } ?? ""
      let rest = parts.count > 1 ? ";" + parts[1] : ""
      return name.trimmingSpaces + "=" + Self.placeholder + rest
    }
    if let (scheme, _) = Self.splitScheme(value) { return scheme + " " + Self.placeholder }
    return Self.placeholder
  }

  /// The request as it may be shown or recorded: URL, headers and body scrubbed.
  public func redact(_ request: PreparedRequest) -> PreparedRequest {
    guard !showSecrets else { return request }
    var out = request
    out.url = redact(request.url)
    out.headers = request.headers.map {
      PreparedRequest.Header(name: $0.name, value: redactHeader(name: $0.name, value: $0.value))
    }
    if let body = request.body {
      let text = String(decoding: body, as: UTF8.self)
      if Array(text.utf8) == body {
        let scrubbed = redact(text)
        if scrubbed != text { out.body = Array(scrubbed.utf8) }
      }
    }
    out.warnings = request.warnings.map { redact($0) }
    return out
  }

  /// `Bearer abc` → (`Bearer`, `abc`), when the first word looks like an auth scheme.
  static func splitScheme(_ value: String) -> (scheme: String, credentials: String)? {
    guard let space = value.firstIndex(of: " ") else { return nil }
    let scheme = value[..<space]
    guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0 == "-" }) else { return nil }
    let credentials = value[value.index(after: space)...].trimmingSpaces
    guard !credentials.isEmpty else { return nil }
    return (String(scheme), credentials)
  }

  private static func cookiePairs(_ value: String) -> [(name: String, value: String?)] {
    value.split(separator: ";").map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = parts[0].trimmingSpaces
      return (name, parts.count > 1 ? parts[1].trimmingSpaces : nil)
    }
  }
}

extension StringProtocol {
  fileprivate var trimmingSpaces: String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}

extension String {
  fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
    var out = ""
    var rest = self[...]
    while let range = rest.range(of: target) {
      out += rest[..<range.lowerBound]
      out += replacement
      rest = rest[range.upperBound...]
    }
    out += rest
    return out
  }
}
