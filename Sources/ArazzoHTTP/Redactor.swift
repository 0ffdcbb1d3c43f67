/// Hides secrets before anything is written or printed: header values of credential headers,
/// query parameters with secret-sounding names, and any caller-supplied secret strings
/// wherever they occur (URL, header values, bodies).
///
/// The secrets are the ones given (`secrets`, such as the run's `token` input) and those a run
/// finds as it goes (`learned`, shared by every copy: see `LearnedSecrets`).
public struct Redactor: Sendable, Hashable {
  /// The text that replaces a secret.
  public static let mask = "REDACTED"

  /// Exact values to scrub, such as the run's `token` input; empty strings are ignored.
  public var secrets: Set<String> {
    didSet { needles = Self.spellings(of: secrets) }
  }
  /// `--show-secrets`: redact nothing.
  public var showSecrets: Bool
  /// Secrets found at run time, scrubbed as soon as they are learned; shared, not copied.
  public let learned: LearnedSecrets?
  /// Every spelling to scrub (as written, percent- and form-encoded), longest first, computed
  /// once rather than on every `scrub`.
  private var needles: [String]

  public init(secrets: Set<String> = [], showSecrets: Bool = false, learned: LearnedSecrets? = nil) {
    let kept = secrets.filter { $0.count >= 1 }
    self.secrets = kept
    self.showSecrets = showSecrets
    self.learned = learned
    self.needles = Self.spellings(of: kept)
  }

  public static func == (a: Redactor, b: Redactor) -> Bool {
    a.secrets == b.secrets && a.showSecrets == b.showSecrets
      && a.learned.map { ObjectIdentifier($0) } == b.learned.map { ObjectIdentifier($0) }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(secrets)
    hasher.combine(showSecrets)
    hasher.combine(learned.map { ObjectIdentifier($0) })
  }

  /// A secret in a URL or a form body is percent-encoded: scrub those spellings too.
  private static func spellings(of secrets: Set<String>) -> [String] {
    var all = secrets
    for secret in secrets {
      all.insert(percentEncoded(secret, form: false))
      all.insert(percentEncoded(secret, form: true))
    }
    // Longest first (in bytes, as `allNeedles` merges) so a secret containing another is
    // replaced whole.
    return all.sorted { $0.utf8.count > $1.utf8.count }
  }

  /// The given and the learned spellings together, longest first.
  private var allNeedles: [String] {
    guard let extra = learned?.needles, !extra.isEmpty else { return needles }
    guard !needles.isEmpty else { return extra }
    // Merge two lists sorted longest first (a secret containing another must go first).
    var merged: [String] = []
    merged.reserveCapacity(needles.count + extra.count)
    var i = 0
    var j = 0
    while i < needles.count || j < extra.count {
      if j == extra.count || (i < needles.count && needles[i].utf8.count >= extra[j].utf8.count) {
        merged.append(needles[i])
        i += 1
      } else {
        merged.append(extra[j])
        j += 1
      }
    }
    return merged
  }

  /// Redacts nothing.
  public static let disabled = Redactor(showSecrets: true)

  /// `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`, `X-API-Key`, and any
  /// name containing `token`, `secret`, `api-key`/`apikey`/`api_key`, `password` or `session`.
  public static func isSecretHeader(_ name: String) -> Bool {
    let lower = name.asciiLowercased
    if ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth"]
      .contains(lower)
    {
      return true
    }
    return isSecretName(lower)
  }

  /// Whether a header, query parameter or cookie name sounds like it holds a credential.
  public static func isSecretName(_ name: String) -> Bool {
    let lower = Array(name.asciiLowercased.utf8)
    return secretWords.contains { word in
      guard lower.count >= word.count else { return false }
      for start in 0...(lower.count - word.count) where lower[start] == word[0] {
        if lower[start..<start + word.count].elementsEqual(word) { return true }
      }
      return false
    }
  }

  private static let secretWords: [[UInt8]] = [
    "token", "secret", "api-key", "apikey", "api_key", "password", "passwd", "session",
    "signature", "credential",
  ].map { Array($0.utf8) }

  /// Scrubs every configured secret out of a text.
  public func scrub(_ text: String) -> String {
    guard !showSecrets else { return text }
    let needles = allNeedles
    guard !needles.isEmpty else { return text }
    // The common case: no spelling occurs at all (one quick byte scan per ASCII needle; an ASCII
    // needle matches as text exactly where its bytes occur).
    guard needles.contains(where: { !$0.utf8.allSatisfy { $0 < 0x80 } || Self.occurs($0, in: text) })
    else { return text }
    var out = text
    for secret in needles where out.firstRange(of: secret) != nil {
      out = out.replacing(secret, with: Self.mask)
    }
    return out
  }

  /// RFC 3986 encoding (unreserved bytes kept, upper-case hex), or with `form` the WHATWG
  /// form encoding (`*-._` and alphanumerics kept, space as `+`).
  static func percentEncoded(_ text: String, form: Bool) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for b in text.utf8 {
      let alnum = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
      let kept = form ? (b == 0x2A || b == 0x2D || b == 0x2E || b == 0x5F) : (b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E)
      if alnum || kept {
        out.append(b)
      } else if form && b == 0x20 {
        out.append(0x2B)
      } else {
        out += [0x25, hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether `needle`'s UTF-8 bytes occur in `haystack`'s.
  static func occurs(_ needle: String, in haystack: String) -> Bool {
    var needle = needle
    var haystack = haystack
    return needle.withUTF8 { n in
      haystack.withUTF8 { h in
        guard let first = n.first, n.count <= h.count else { return n.isEmpty }
        var i = 0
        let last = h.count - n.count
        while i <= last {
          if h[i] == first {
            var j = 1
            while j < n.count, h[i + j] == n[j] { j += 1 }
            if j == n.count { return true }
          }
          i += 1
        }
        return false
      }
    }
  }

  /// The header value to show.
  ///
  /// Cookie headers keep their cookie names and attributes (`sid=REDACTED; Path=/`) so a
  /// recording still says which cookies went where.
  public func value(ofHeader name: String, _ value: String) -> String {
    if showSecrets { return value }
    switch name.asciiLowercased {
    case "cookie":
      return value.split(separator: ";").map { pair in
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        return parts[0] + "=" + Self.mask
      }.joined(separator: ";")
    case "set-cookie":
      let attributes = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
      let name = attributes[0].split(
        separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
      return name + "=" + Self.mask
        + (attributes.count > 1 ? ";" + scrub(String(attributes[1])) : "")
    default:
      return Self.isSecretHeader(name) ? Self.mask : scrub(value)
    }
  }

  /// Headers with secret values masked.
  public func headers(_ headers: HeaderFields) -> HeaderFields {
    guard !showSecrets else { return headers }
    var copy = headers
    copy.mapValues { value(ofHeader: $0.name, $0.value) }
    return copy
  }

  /// A URL with secret query parameters and secret strings masked.
  public func url(_ url: String) -> String {
    guard !showSecrets else { return url }
    guard let q = url.firstIndex(of: "?") else { return scrub(url) }
    // Parameter names stay readable; values are masked by name or scrubbed of secrets.
    let fragmentStart = url[q...].firstIndex(of: "#") ?? url.endIndex
    let query = url[url.index(after: q)..<fragmentStart]
    let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map {
      pair -> String in
      guard let eq = pair.firstIndex(of: "=") else { return scrub(String(pair)) }
      let name = percentDecoded(String(pair[..<eq]))
      let value = String(pair[pair.index(after: eq)...])
      return pair[..<eq] + "=" + (Self.isSecretName(name) ? Self.mask : scrub(value))
    }
    return scrub(String(url[..<q])) + "?" + pairs.joined(separator: "&")
      + scrub(String(url[fragmentStart...]))
  }

  /// A request as it may be written down.
  public func request(_ request: HTTPRequest) -> HTTPRequest {
    guard !showSecrets else { return request }
    var copy = request
    copy.url = url(request.url)
    copy.headers = headers(request.headers)
    copy.body = request.body.map(body)
    return copy
  }

  /// Body bytes with secret strings masked (only when the body is UTF-8 text).
  public func body(_ bytes: [UInt8]) -> [UInt8] {
    guard !showSecrets, !secrets.isEmpty || learned?.needles.isEmpty == false else { return bytes }
    var decoded = String(decoding: bytes, as: UTF8.self)
    guard Array(decoded.utf8) == bytes else { return bytes }
    decoded = scrub(decoded)
    return Array(decoded.utf8)
  }
}
