import ArazzoExpressions
import ArazzoJSON
import ArazzoSyntax
import Foundation

/// Builds the HTTP request for an operation step from its evaluated parameters and body.
///
/// Pure: no I/O. Parameters are placed by the operation's declared `style`/`explode` (OpenAPI
/// defaults otherwise; undeclared parameters are sent and reported in `warnings`,
/// docs/semantics.md#parameters). The server is the override, else the first declared server with
/// its variable defaults (docs/semantics.md#server). Headers keep definition order and the last
/// definition of a name wins (docs/semantics.md#headers-and-cookies); cookies are merged into one
/// `Cookie` header after the other headers; `Content-Type` comes from the body unless a header
/// parameter sets it.
public enum RequestBuilder {
  /// Builds the request; `serverOverride` replaces the operation's servers (an absolute http(s)
  /// URL), `serverVariables` override server variable defaults by name.
  public static func build(
    operation: RequestOperation, parameters: [RequestParameter], body: EvaluatedBody? = nil,
    serverOverride: String? = nil, serverVariables: [String: String] = [:]
  ) throws(RequestBuildError) -> PreparedRequest {
    var warnings: [String] = []
    for p in parameters where p.location == .channel {
      warnings.append("channel parameter '\(p.name)' is for AsyncAPI; not sent over HTTP")
    }
    for p in parameters where p.location != .channel && !isReserved(p) {
      if operation.declared(p.name, p.location) == nil {
        warnings.append(
          "\(p.location.rawValue) parameter '\(p.name)' is not declared by the operation; sent anyway"
        )
      }
    }
    let base = try serverURL(operation, override: serverOverride, variables: serverVariables)
    let path = try expandPath(operation, parameters: parameters)
    var url = join(base, path)
    let query = try queryString(operation, parameters: parameters)
    if !query.isEmpty { url += (url.contains("?") ? "&" : "?") + query }

    var headers: [PreparedRequest.Header] = []
    func setHeader(_ name: String, _ value: String) {
      let lower = name.lowercased()
      if let i = headers.firstIndex(where: { $0.name.lowercased() == lower }) {
        headers[i] = .init(name: name, value: value)
      } else {
        headers.append(.init(name: name, value: value))
      }
    }
    var cookies: [String] = []
    for p in parameters {
      let declared = operation.declared(p.name, p.location)
      switch p.location {
      case .header:
        guard isToken(p.name) else {
          throw .invalidHeader(name: p.name, reason: "not a valid header name")
        }
        if p.value.isNull { continue }
        let explode = declared?.explode ?? false
        setHeader(
          p.name, try ParameterSerializer.header(name: p.name, value: p.value, explode: explode))
      case .cookie:
        guard isToken(p.name) else {
          throw .unsupportedParameterValue(
            name: p.name, location: "cookie", reason: "not a valid cookie name")
        }
        let explode = declared?.explode ?? true
        cookies += ParameterSerializer.cookie(name: p.name, value: p.value, explode: explode)
      case .path, .query, .querystring, .channel:
        continue
      }
    }
    if !cookies.isEmpty {
      let merged = cookies.joined(separator: "; ")
      let lower = "cookie"
      if let i = headers.firstIndex(where: { $0.name.lowercased() == lower }) {
        headers[i].value += "; " + merged
      } else {
        headers.append(.init(name: "Cookie", value: merged))
      }
    }

    var bytes: [UInt8]?
    var contentType: String?
    if let body {
      let explicit = headers.first { $0.name.lowercased() == "content-type" }
      let type = body.contentType ?? explicit?.value ?? Self.contentType(for: operation)
      if let explicit {
        contentType = explicit.value
      } else {
        contentType = type
        headers.append(.init(name: "Content-Type", value: type))
      }
      bytes = try BodySerializer.serialise(body, contentType: type)
    }
    return PreparedRequest(
      method: operation.method.uppercased(), url: url, headers: headers, body: bytes,
      contentType: contentType, warnings: warnings)
  }

  /// docs/semantics.md#content-type: the operation's only media type, else `application/json` if
  /// listed, else the first listed, else `application/json`.
  public static func contentType(for operation: RequestOperation) -> String {
    let types = operation.requestContentTypes
    if types.count == 1 { return types[0] }
    if types.contains(where: { $0.lowercased() == "application/json" }) {
      return "application/json"
    }
    return types.first ?? "application/json"
  }

  /// The server base URL: the override, else the first server with its variable defaults,
  /// resolved against the description's URL when relative.
  static func serverURL(
    _ operation: RequestOperation, override: String?, variables: [String: String] = [:]
  ) throws(RequestBuildError) -> String {
    if let override, let problem = ServerOverride.problem(with: override) {
      throw .invalidServerURL(url: override, reason: problem)
    }
    var base = override ?? operation.servers.first?.resolvedURL(variables) ?? "/"
    if base.isEmpty { base = "/" }
    if hasScheme(base) {
      guard let url = URL(string: base), let scheme = url.scheme?.lowercased(),
        scheme == "http" || scheme == "https", url.host != nil
      else {
        throw .invalidServerURL(url: base, reason: "it must be an absolute http(s) URL")
      }
      return base
    }
    let source =
      operation.sourceName.map { "'\($0)'" } ?? operation.documentURL.map { "at '\($0)'" }
      ?? "(unnamed)"
    guard let document = operation.documentURL, let documentURL = URL(string: document),
      let scheme = documentURL.scheme?.lowercased(), scheme == "http" || scheme == "https"
    else {
      throw .relativeServerURL(url: base, source: source)
    }
    guard let resolved = URL(string: base, relativeTo: documentURL)?.absoluteString else {
      throw .invalidServerURL(url: base, reason: "it does not resolve against '\(document)'")
    }
    return resolved
  }

  private static func hasScheme(_ s: String) -> Bool {
    guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
    let scheme = s[..<colon]
    return scheme.first?.isLetter == true
      && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
      && s[colon...].hasPrefix("://")
  }

  /// `base` + `path` with exactly one `/` between them.
  static func join(_ base: String, _ path: String) -> String {
    var b = Substring(base)
    while b.hasSuffix("/") { b = b.dropLast() }
    if path.isEmpty { return String(b) + "/" }
    return String(b) + (path.hasPrefix("/") ? path : "/" + path)
  }

  /// The path template with every `{name}` expanded from the path parameters.
  static func expandPath(
    _ operation: RequestOperation, parameters: [RequestParameter]
  )
    throws(RequestBuildError) -> String
  {
    let template = operation.pathTemplate
    var out = ""
    var name: String?
    for c in template {
      if c == "{" && name == nil {
        name = ""
      } else if c == "}", let n = name {
        name = nil
        guard let p = parameters.last(where: { $0.location == .path && $0.name == n }),
          !p.value.isNull
        else { throw .missingPathParameter(name: n, pathTemplate: template) }
        let declared = operation.declared(n, .path)
        let style = try style(declared, p, default: .simple)
        out += try ParameterSerializer.path(
          name: n, value: p.value, style: style, explode: declared?.explode ?? style.defaultExplode)
      } else if name != nil {
        name?.append(c)
      } else {
        out.append(c)
      }
    }
    if let n = name { out += "{" + n }
    return out
  }

  /// The query string (without `?`): parameters in order, then any `querystring` parameter.
  static func queryString(
    _ operation: RequestOperation, parameters: [RequestParameter]
  )
    throws(RequestBuildError) -> String
  {
    var pairs: [String] = []
    for p in parameters {
      switch p.location {
      case .query:
        let declared = operation.declared(p.name, .query)
        let style = try style(declared, p, default: .form)
        pairs += try ParameterSerializer.query(
          name: p.name, value: p.value, style: style,
          explode: declared?.explode ?? style.defaultExplode)
      case .querystring:
        switch p.value {
        case .null: continue
        case .string(let s):
          let text = s.hasPrefix("?") ? String(s.dropFirst()) : s
          if !text.isEmpty { pairs.append(text) }
        case .object(let o):
          for (k, v) in o where !v.isNull {
            pairs.append(
              PercentEncoding.formEncode(k) + "="
                + PercentEncoding.formEncode(Embedding.text(for: v)))
          }
        default:
          throw .unsupportedParameterValue(
            name: p.name, location: "querystring",
            reason: "the value must be a string or an object, got \(p.value.typeName)")
        }
      case .path, .header, .cookie, .channel:
        continue
      }
    }
    return pairs.joined(separator: "&")
  }

  private static func style(
    _ declared: OpenAPIParameter?, _ p: RequestParameter, default fallback: ParameterStyle
  ) throws(RequestBuildError) -> ParameterStyle {
    guard let raw = declared?.style else { return fallback }
    guard let style = ParameterStyle(rawValue: raw) else {
      throw .unsupportedParameterValue(
        name: p.name, location: p.location.rawValue,
        reason: "unknown style '\(raw)' in the OpenAPI description")
    }
    return style
  }

  /// `Accept`, `Content-Type` and `Authorization`: OpenAPI ignores them as header parameters
  /// (media types and security schemes cover them), so they are never "undeclared".
  private static func isReserved(_ p: RequestParameter) -> Bool {
    p.location == .header
      && ["accept", "content-type", "authorization"].contains(p.name.lowercased())
  }

  /// RFC 9110 `token`.
  private static func isToken(_ name: String) -> Bool {
    !name.isEmpty
      && name.utf8.allSatisfy { b in
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
          || "!#$%&'*+-.^_`|~".utf8.contains(b)
      }
  }
}
