import ArazzoHTTP
import ArazzoJSON

/// Prints one HTTP exchange as a person reads it: the request line or status line, the headers
/// one per line, a blank line, and the body (pretty JSON when it parsed, else its text).
///
/// ```
/// POST https://cloud.getdbt.com/api/v2/accounts/1/jobs/42/run/
/// Authorization: REDACTED
/// Content-Type: application/json
///
/// {
///   "cause": "Triggered via Arazzo workflow"
/// }
/// ```
///
/// Secrets are masked with the transport's `Redactor`, the one `arazzo run` prints
/// and records with, so the debugger shows exactly what a recording would hold: credential
/// headers (`Authorization`, `Cookie`, `Set-Cookie`, API keys) as `REDACTED`, secret query
/// parameters by name, and the given secret strings (the run's secret inputs) wherever they
/// occur. `showSecrets` turns all of that off. Texts end without a newline.
public struct ExchangePrinter {
  public let redactor: Redactor
  /// Array elements shown per array in a body (nil: all).
  public var maxItems: Int?

  public init(showSecrets: Bool, secrets: [String] = []) {
    self.init(redactor: Redactor(secrets: Set(secrets), showSecrets: showSecrets))
  }

  /// A printer masking what an existing redactor masks (the run's, so `:request` and the
  /// recording agree).
  public init(redactor: Redactor, maxItems: Int? = nil) {
    self.redactor = redactor
    self.maxItems = maxItems
  }

  /// `METHOD URL`, the headers, and the body (`body` when it is JSON, else the raw bytes).
  public func request(_ request: HTTPRequest, body: JSONValue?) -> String {
    var out = "\(request.method.rawValue) \(redactor.url(request.url))"
    out += headerLines(request.headers)
    out += bodyText(body, bytes: request.body ?? [])
    return out
  }

  /// `HTTP/1.1 200 OK  (85 ms)`, the headers, and the body (`body` when it is JSON, else the
  /// raw bytes). A missing reason phrase (replayed responses often have none) is filled in
  /// from the status code.
  public func response(_ response: HTTPResponse, body: JSONValue?, duration: Duration?) -> String {
    var out = Self.statusLine(response)
    if let duration { out += "  (\(Self.format(duration)))" }
    out += headerLines(response.headers)
    out += bodyText(body, bytes: response.body)
    return out
  }

  /// `HTTP/1.1 404 Not Found`.
  public static func statusLine(_ response: HTTPResponse) -> String {
    let reason = response.reason.isEmpty ? reasonPhrase(response.status) : response.reason
    let version = response.httpVersion.isEmpty ? "HTTP/1.1" : response.httpVersion
    return "\(version) \(response.status)" + (reason.isEmpty ? "" : " " + reason)
  }

  /// RFC 9110's reason phrase for a status code, or `""` for an unusual one.
  public static func reasonPhrase(_ status: Int) -> String {
    reasons[status] ?? ""
  }

  /// `0.4 ms` below 10 ms, `85 ms` above, as `arazzo run`'s report writes durations.
  public static func format(_ duration: Duration) -> String {
    let ms =
      Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    guard ms < 10 else { return "\(Int(ms.rounded())) ms" }
    let tenths = Int((ms * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) ms"
  }

  // MARK: Parts

  private func headerLines(_ headers: HeaderFields) -> String {
    var out = ""
    for field in headers {
      out += "\n\(field.name): \(redactor.value(ofHeader: field.name, field.value))"
    }
    return out
  }

  private func bodyText(_ body: JSONValue?, bytes: [UInt8]) -> String {
    if let body {
      return "\n\n" + redactor.scrub(ValuePrinter.pretty(redactor.scrub(body), maxItems: maxItems))
    }
    guard !bytes.isEmpty else { return "" }
    let text = String(decoding: bytes, as: UTF8.self)
    guard Array(text.utf8) == bytes else { return "\n\n(\(bytes.count) bytes of binary data)" }
    return "\n\n" + redactor.scrub(text)
  }

  private static let reasons: [Int: String] = [
    100: "Continue", 101: "Switching Protocols", 200: "OK", 201: "Created", 202: "Accepted",
    203: "Non-Authoritative Information", 204: "No Content", 205: "Reset Content",
    206: "Partial Content", 300: "Multiple Choices", 301: "Moved Permanently", 302: "Found",
    303: "See Other", 304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect",
    400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable", 408: "Request Timeout",
    409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed",
    413: "Content Too Large", 414: "URI Too Long", 415: "Unsupported Media Type",
    422: "Unprocessable Content", 425: "Too Early", 428: "Precondition Required",
    429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented",
    502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
  ]
}
