import ArazzoJSON

/// What is secret: the one policy every part of arazzo asks (the transports' recordings, the
/// reports, the debugger, the CLI's secret inputs, the machine learning secrets at run time).
///
/// A name reads as secret when, lower-cased with everything but letters and digits dropped
/// (`API-Key`, `api_key` and `apiKey` all read `apikey`), it contains token, secret, apikey,
/// password, passwd, session, signature or credential; or when one of its words (split at
/// punctuation and at camel case) is `auth`, `oauth` or starts with `auth` without being
/// `author…` (`basicAuth`, `authToken`, `Authorization`, `authenticate`; not `author`,
/// `authorId`).
extension Redactor {
  // MARK: Names

  /// Whether a header, query parameter, cookie, input or output name sounds like it holds a
  /// credential (the rules above).
  public static func isSecretName(_ name: String) -> Bool {
    var squashed: [UInt8] = []
    squashed.reserveCapacity(name.utf8.count)
    for byte in name.utf8 where isWordByte(byte) { squashed.append(lowercased(byte)) }
    if secretWords.contains(where: { occurs($0, in: squashed) }) { return true }
    // The word rules only matter when `auth` occurs at all (most names end here).
    guard occurs(auth, in: squashed) else { return false }
    return words(of: name).contains { word in
      word.elementsEqual(oauth)
        || word.starts(with: auth) && (!word.starts(with: author) || word.starts(with: authoriz))
    }
  }

  /// `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`, `X-API-Key`, `X-Auth`, and
  /// any name that `isSecretName`.
  public static func isSecretHeader(_ name: String) -> Bool {
    let lower = name.asciiLowercased
    if ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth"]
      .contains(lower)
    {
      return true
    }
    return isSecretName(lower)
  }

  private static let secretWords: [[UInt8]] = [
    "token", "secret", "apikey", "password", "passwd", "session", "signature", "credential",
  ].map { Array($0.utf8) }
  private static let auth = Array("auth".utf8)
  private static let oauth = Array("oauth".utf8)
  private static let author = Array("author".utf8)
  private static let authoriz = Array("authoriz".utf8)

  /// `clientAuthToken` → client, auth, token; `x-oauth_key` → x, oauth, key (lower-cased).
  static func words(of name: String) -> [[UInt8]] {
    var words: [[UInt8]] = []
    var current: [UInt8] = []
    var previousLower = false
    for byte in name.utf8 {
      guard isWordByte(byte) else {
        if !current.isEmpty { words.append(current) }
        current = []
        previousLower = false
        continue
      }
      let upper = byte >= 0x41 && byte <= 0x5A
      if upper && previousLower {
        words.append(current)
        current = []
      }
      current.append(lowercased(byte))
      previousLower = !upper
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  /// ASCII letters and digits, and every byte of a non-ASCII character (letters, as far as
  /// names go).
  private static func isWordByte(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
  }

  private static func lowercased(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

  private static func occurs(_ word: [UInt8], in bytes: [UInt8]) -> Bool {
    guard bytes.count >= word.count else { return false }
    for start in 0...(bytes.count - word.count) where bytes[start] == word[0] {
      if bytes[start..<start + word.count].elementsEqual(word) { return true }
    }
    return false
  }

  // MARK: Inputs

  /// Whether an input (or output) is secret: its schema says `format: password` or
  /// `writeOnly: true`, or its name `isSecretName`.
  public static func isSecretInput(name: String, schema: JSONValue? = nil) -> Bool {
    if schema?["format"]?.stringValue?.lowercased() == "password" { return true }
    if schema?["writeOnly"] == .bool(true) { return true }
    return isSecretName(name)
  }

  /// The top-level inputs a workflow's inputs schema marks as secret (by format or name), in
  /// the schema's order.
  public static func secretInputNames(schema: JSONValue?) -> [String] {
    guard let properties = schema?["properties"]?.objectValue else { return [] }
    return properties.members.filter { isSecretInput(name: $0.key, schema: $0.value) }.map(\.key)
  }

  /// The strings to keep secret in bound inputs: every string inside a secret input (one the
  /// schema or its name marks, declared or not), also inside its objects and arrays. Numbers
  /// and booleans are not taken (scrubbing digits out of text garbles every number).
  public static func secretValues(ofInputs inputs: JSONValue, schema: JSONValue?) -> [String] {
    guard case .object(let object) = inputs else { return [] }
    let properties = schema?["properties"]?.objectValue
    var values: [String] = []
    for (name, value) in object where isSecretInput(name: name, schema: properties?[name]) {
      values += strings(in: value)
    }
    return values
  }

  /// Every string inside a JSON value (numbers and booleans are not credentials).
  public static func strings(in value: JSONValue) -> [String] {
    switch value {
    case .string(let s): return [s]
    case .array(let items): return items.flatMap { strings(in: $0) }
    case .object(let o): return o.members.flatMap { strings(in: $0.value) }
    case .null, .bool, .integer, .number: return []
    }
  }

  // MARK: Headers

  /// The secret parts of a secret header's value, to learn as secrets: the credentials after an
  /// auth scheme (`Bearer abc` → `abc`), each cookie's value (a `Set-Cookie`'s first pair only:
  /// the rest are attributes), else the whole value.
  public static func secretParts(ofHeader name: String, _ value: String) -> [String] {
    let lower = name.asciiLowercased
    if lower == "cookie" || lower == "set-cookie" {
      let pairs = cookiePairs(value)
      return (lower == "set-cookie" ? Array(pairs.prefix(1)) : pairs).compactMap(\.value)
    }
    if let credentials = credentials(afterSchemeIn: value) { return [credentials] }
    return [value]
  }

  /// `Bearer abc` → `abc`, when the first word looks like an auth scheme (letters and `-`).
  private static func credentials(afterSchemeIn value: String) -> String? {
    guard let space = value.firstIndex(of: " ") else { return nil }
    let scheme = value[..<space]
    guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0 == "-" }) else { return nil }
    let credentials = value[value.index(after: space)...].trimmingSpaces
    return credentials.isEmpty ? nil : credentials
  }

  /// `a=1; b` → (a, 1), (b, nil).
  private static func cookiePairs(_ value: String) -> [(name: String, value: String?)] {
    value.split(separator: ";").map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      return (parts[0].trimmingSpaces, parts.count > 1 ? parts[1].trimmingSpaces : nil)
    }
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces.
  fileprivate var trimmingSpaces: String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
