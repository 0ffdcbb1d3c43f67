/// The parts of an absolute http(s) URL the transport needs.
///
/// A small RFC 3986 splitter without Foundation; the path and query are kept exactly as given
/// (already percent-encoded).
public struct RequestURL: Sendable, Hashable, CustomStringConvertible {
  /// `http` or `https`, lower case.
  public var scheme: String
  /// `user:password` before the `@`, if any (never sent on the request line).
  public var userInfo: String?
  /// Host name, lower case; an IPv6 literal without brackets.
  public var host: String
  public var port: Int
  /// Path and query (`/a/b?c=d`); at least `/`.
  public var target: String
  /// The fragment, which is never sent.
  public var fragment: String?

  /// Parses an absolute URL, rejecting schemes other than http and https.
  public init(_ text: String) throws(TransportError) {
    guard let schemeEnd = text.firstRange(of: "://") else {
      throw .invalidURL(text, reason: "not an absolute URL (no scheme://)")
    }
    let scheme = String(text[..<schemeEnd.lowerBound]).asciiLowercased
    guard scheme == "http" || scheme == "https" else {
      throw .invalidURL(text, reason: "scheme '\(scheme)' is not http or https")
    }
    var rest = text[schemeEnd.upperBound...]
    var fragment: String?
    if let hash = rest.firstIndex(of: "#") {
      fragment = String(rest[rest.index(after: hash)...])
      rest = rest[..<hash]
    }
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
    var authority = rest[..<authorityEnd]
    var target = String(rest[authorityEnd...])
    if target.isEmpty || target.first == "?" { target = "/" + target }
    var userInfo: String?
    if let at = authority.lastIndex(of: "@") {
      userInfo = String(authority[..<at])
      authority = authority[authority.index(after: at)...]
    }
    var host: Substring
    var portText: Substring?
    if authority.first == "[" {
      guard let close = authority.firstIndex(of: "]") else {
        throw .invalidURL(text, reason: "unterminated IPv6 literal")
      }
      host = authority[authority.index(after: authority.startIndex)..<close]
      let after = authority[authority.index(after: close)...]
      if after.first == ":" {
        portText = after.dropFirst()
      } else if !after.isEmpty {
        throw .invalidURL(text, reason: "unexpected text after IPv6 literal")
      }
    } else if let colon = authority.lastIndex(of: ":") {
      host = authority[..<colon]
      portText = authority[authority.index(after: colon)...]
    } else {
      host = authority
    }
    guard !host.isEmpty else { throw .invalidURL(text, reason: "no host") }
    if host.contains(where: { $0 == " " || $0 == "/" || $0 == "\\" }) {
      throw .invalidURL(text, reason: "invalid host '\(host)'")
    }
    var port = scheme == "https" ? 443 : 80
    if let portText, !portText.isEmpty {
      guard let p = Int(portText), (1...65535).contains(p) else {
        throw .invalidURL(text, reason: "invalid port '\(portText)'")
      }
      port = p
    }
    if target.contains(where: { $0 == " " || $0 == "\r" || $0 == "\n" }) {
      throw .invalidURL(text, reason: "spaces or line breaks in the path must be percent-encoded")
    }
    self.scheme = scheme
    self.userInfo = userInfo
    self.host = String(host).asciiLowercased
    self.port = port
    self.target = target
    self.fragment = fragment
  }

  public var isTLS: Bool { scheme == "https" }
  var defaultPort: Int { isTLS ? 443 : 80 }

  /// `host` or `host:port` (port only when not the default), as the `Host` header wants it.
  public var authority: String {
    let h = host.contains(":") ? "[\(host)]" : host
    return port == defaultPort ? h : "\(h):\(port)"
  }

  /// Scheme, host and port: what "same origin" compares.
  public var origin: String { "\(scheme)://\(authority)" }

  /// The URL without user info or fragment, in normal form.
  public var description: String { origin + target }

  /// Resolves a `Location` reference against this URL (RFC 3986 section 5.2).
  public func resolving(_ reference: String) throws(TransportError) -> RequestURL {
    let ref = reference.trimmingASCIISpaces()
    if let colon = ref.firstIndex(of: ":"),
      ref[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
      ref[..<colon].first?.isLetter == true
    {
      return try RequestURL(ref)
    }
    if ref.hasPrefix("//") { return try RequestURL(scheme + ":" + ref) }
    var base = self
    base.fragment = nil
    var ref2 = Substring(ref)
    if let hash = ref2.firstIndex(of: "#") {
      base.fragment = String(ref2[ref2.index(after: hash)...])
      ref2 = ref2[..<hash]
    }
    let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
    if ref2.isEmpty { return base }
    if ref2.first == "?" {
      base.target = String(path + ref2)
      return base
    }
    let refPath = ref2.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    let query = refPath.count > 1 ? "?" + refPath[1] : ""
    let merged: String
    if refPath[0].first == "/" {
      merged = String(refPath[0])
    } else {
      let dir = path.lastIndex(of: "/").map { path[...$0] } ?? "/"
      merged = String(dir + refPath[0])
    }
    base.target = Self.removeDotSegments(merged) + query
    return base
  }

  static func removeDotSegments(_ path: String) -> String {
    var out: [Substring] = []
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    for (i, part) in parts.enumerated() {
      if part == "." {
        if i == parts.count - 1 { out.append("") }
      } else if part == ".." {
        if out.count > 1 { out.removeLast() }
        if i == parts.count - 1 { out.append("") }
      } else {
        out.append(part)
      }
    }
    let joined = out.joined(separator: "/")
    return joined.hasPrefix("/") ? joined : "/" + joined
  }
}
