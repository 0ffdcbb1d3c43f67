/// RFC 3986 URI references, just enough to resolve `$id`, `$ref` and `$dynamicRef`.
struct SchemaURI: Equatable {
  var scheme: String?
  var authority: String?
  var path: String
  var query: String?
  var fragment: String?

  /// Splits a URI reference into its five components.
  init(parsing text: String) {
    var rest = Substring(text)
    if let hash = rest.firstIndex(of: "#") {
      fragment = String(rest[rest.index(after: hash)...])
      rest = rest[..<hash]
    }
    if let mark = rest.firstIndex(of: "?") {
      query = String(rest[rest.index(after: mark)...])
      rest = rest[..<mark]
    }
    if let colon = rest.firstIndex(of: ":") {
      let candidate = rest[..<colon]
      if let first = candidate.first, first.isASCII, first.isLetter,
        candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
      {
        scheme = String(candidate)
        rest = rest[rest.index(after: colon)...]
      }
    }
    if rest.hasPrefix("//") {
      let afterSlashes = rest.dropFirst(2)
      let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
      authority = String(afterSlashes[..<end])
      rest = afterSlashes[end...]
    }
    path = String(rest)
  }

  init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
    self.scheme = scheme
    self.authority = authority
    self.path = path
    self.query = query
    self.fragment = fragment
  }

  /// The reference text.
  var text: String {
    var out = ""
    if let scheme { out += scheme + ":" }
    if let authority { out += "//" + authority }
    out += path
    if let query { out += "?" + query }
    if let fragment { out += "#" + fragment }
    return out
  }

  /// Resolves `reference` against `base` (RFC 3986 §5.2.2).
  static func resolve(_ reference: String, against base: String) -> String {
    let r = SchemaURI(parsing: reference)
    if base.isEmpty {
      return SchemaURI(
        scheme: r.scheme, authority: r.authority,
        path: removeDotSegments(r.path), query: r.query, fragment: r.fragment
      ).text
    }
    let b = SchemaURI(parsing: base)
    var t = SchemaURI(scheme: nil, authority: nil, path: "", query: nil, fragment: r.fragment)
    if let scheme = r.scheme {
      t.scheme = scheme
      t.authority = r.authority
      t.path = removeDotSegments(r.path)
      t.query = r.query
    } else {
      if r.authority != nil {
        t.authority = r.authority
        t.path = removeDotSegments(r.path)
        t.query = r.query
      } else {
        if r.path.isEmpty {
          t.path = b.path
          t.query = r.query ?? b.query
        } else {
          if r.path.hasPrefix("/") {
            t.path = removeDotSegments(r.path)
          } else {
            t.path = removeDotSegments(merge(base: b, path: r.path))
          }
          t.query = r.query
        }
        t.authority = b.authority
      }
      t.scheme = b.scheme
    }
    return t.text
  }

  private static func merge(base: SchemaURI, path: String) -> String {
    if base.authority != nil && base.path.isEmpty { return "/" + path }
    guard let slash = base.path.lastIndex(of: "/") else { return path }
    return String(base.path[...slash]) + path
  }

  private static func removeDotSegments(_ path: String) -> String {
    guard path.contains(".") else { return path }
    var input = Substring(path)
    var output: [Substring] = []
    var absolute = false
    if input.hasPrefix("/") {
      absolute = true
      input = input.dropFirst()
    }
    let segments = input.split(separator: "/", omittingEmptySubsequences: false)
    for (i, segment) in segments.enumerated() {
      let last = i == segments.count - 1
      if segment == "." {
        if last { output.append("") }
      } else if segment == ".." {
        if !output.isEmpty { output.removeLast() }
        if last { output.append("") }
      } else {
        output.append(segment)
      }
    }
    return (absolute ? "/" : "") + output.joined(separator: "/")
  }

  /// Splits off the fragment: (`absolute part`, `fragment` or "").
  static func split(_ uri: String) -> (String, String) {
    guard let hash = uri.firstIndex(of: "#") else { return (uri, "") }
    return (String(uri[..<hash]), String(uri[uri.index(after: hash)...]))
  }
}
