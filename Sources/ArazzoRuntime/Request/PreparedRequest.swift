/// An HTTP request ready for a transport: method, absolute URL, ordered headers and body bytes.
public struct PreparedRequest: Sendable, Equatable {
  /// One header line; names keep the case they were given in.
  public struct Header: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The upper-case HTTP method (`GET`, `POST`, …).
  public var method: String
  /// The absolute URL, path and query percent-encoded.
  public var url: String
  /// Headers in the order they were defined; `Content-Type` and `Cookie` are among them.
  public var headers: [Header]
  /// The serialised body, or nil when the request has none.
  public var body: [UInt8]?
  /// The body's media type (also sent as the `Content-Type` header), or nil without a body.
  public var contentType: String?
  /// Things worth telling the user that did not stop the build (undeclared parameters, …).
  public var warnings: [String]

  public init(
    method: String, url: String, headers: [Header] = [], body: [UInt8]? = nil,
    contentType: String? = nil, warnings: [String] = []
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.contentType = contentType
    self.warnings = warnings
  }

  /// The value of the first header with this name (case-insensitive).
  public func header(_ name: String) -> String? {
    let lower = name.lowercased()
    return headers.first { $0.name.lowercased() == lower }?.value
  }

  /// The body decoded as UTF-8 (for display and tests).
  public var bodyText: String? { body.map { String(decoding: $0, as: UTF8.self) } }
}
