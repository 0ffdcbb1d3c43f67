import ArazzoJSON

/// Hides secrets before anything is written or printed: header values of credential headers,
/// query parameters with secret-sounding names, and any caller-supplied secret strings
/// wherever they occur (URL, header values, bodies, JSON values).
///
/// The secrets are the ones given (`secrets`, such as the run's `token` input) and those a run
/// finds as it goes (`learned`, shared by every copy: see `LearnedSecrets`). What counts as
/// secret (header, parameter and input names, the parts of a header worth learning) is decided
/// in `Redactor+SecretPolicy.swift`; this file decides how it is hidden.
///
/// A secret header's value is replaced whole (`Authorization: REDACTED`; cookies keep their
/// names). Secret strings are scrubbed from free text in every spelling a request or a report
/// may use: as written, percent- and form-encoded, and JSON-escaped. Values shorter than
/// `minimumLength` are not scrubbed from free text (a secret `1` would garble every number);
/// they stay hidden where they are known to be, in secret headers and parameters.
public struct Redactor: Sendable, Hashable {
  /// The text that replaces a secret.
  public static let mask = "REDACTED"
  /// Shorter secrets are not scrubbed from free text, given or learned (see the type's doc).
  public static let minimumLength = 3

  /// Exact values to scrub, such as the run's `token` input; empty strings are ignored.
  public var secrets: Set<String> {
    didSet { needles = Self.spellings(of: secrets) }
  }
  /// `--show-secrets`: redact nothing.
  public var showSecrets: Bool
  /// Secrets found at run time, scrubbed as soon as they are learned; shared, not copied.
  public let learned: LearnedSecrets?
  /// Every spelling to scrub (see `spellings(of:)`), longest first, computed once rather than
  /// on every `scrub`.
  private var needles: [String]

  public init(secrets: Set<String> = [], showSecrets: Bool = false, learned: LearnedSecrets? = nil)
  {
    let kept = secrets.filter { !$0.isEmpty }
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

  /// The given secrets' spellings, longest first.
  private static func spellings(of secrets: Set<String>) -> [String] {
    var all = Set<String>()
    for secret in secrets { all.formUnion(spellings(of: secret)) }
    // Longest first (in bytes, as `allNeedles` merges) so a secret containing another is
    // replaced whole.
    return all.sorted { ($0.utf8.count, $0) > ($1.utf8.count, $1) }
  }

  /// The ways one secret may be written in what is printed or recorded: as is; percent-encoded
  /// (a URL) and form-encoded (a form body); JSON-escaped (`a"b` → `a\"b`, in a JSON body or
  /// report), also with `/` escaped as `\/` (as some servers write it). None when it is
  /// shorter than `minimumLength`.
  static func spellings(of secret: String) -> Set<String> {
    guard secret.utf8.count >= minimumLength else { return [] }
    var escaped = ""
    JSONPrinter.writeString(secret, to: &escaped)
    escaped = String(escaped.dropFirst().dropLast())
    return [
      secret, percentEncoded(secret, form: false), percentEncoded(secret, form: true), escaped,
      escaped.replacing("/", with: "\\/"),
    ]
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

  /// Scrubs every configured secret out of a text.
  public func scrub(_ text: String) -> String {
    guard !showSecrets else { return text }
    let needles = allNeedles
    guard !needles.isEmpty else { return text }
    // The common case: no spelling occurs at all (one quick byte scan per ASCII needle; an ASCII
    // needle matches as text exactly where its bytes occur).
    guard
      needles.contains(where: { !$0.utf8.allSatisfy { $0 < 0x80 } || Self.occurs($0, in: text) })
    else { return text }
    var out = text
    for secret in needles where out.firstRange(of: secret) != nil {
      out = out.replacing(secret, with: Self.mask)
    }
    return out
  }

  /// Every string inside a JSON value scrubbed; keys, numbers and the shape are kept. Scrub
  /// a value before printing it, so a secret is caught in the spelling it has in the value.
  public func scrub(_ value: JSONValue) -> JSONValue {
    guard !showSecrets, !allNeedles.isEmpty else { return value }
    return scrubStrings(in: value)
  }

  private func scrubStrings(in value: JSONValue) -> JSONValue {
    switch value {
    case .string(let s): return .string(scrub(s))
    case .array(let items): return .array(items.map { scrubStrings(in: $0) })
    case .object(let o):
      return .object(JSONObject(o.members.map { ($0.key, scrubStrings(in: $0.value)) }))
    case .null, .bool, .integer, .number: return value
    }
  }

  /// RFC 3986 encoding (unreserved bytes kept, upper-case hex), or with `form` the WHATWG
  /// form encoding (`*-._` and alphanumerics kept, space as `+`).
  static func percentEncoded(_ text: String, form: Bool) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for b in text.utf8 {
      let alnum = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
      let kept =
        form
        ? (b == 0x2A || b == 0x2D || b == 0x2E || b == 0x5F)
        : (b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E)
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
