/// An HTTP request method (upper case by convention; compared exactly).
public struct HTTPMethod: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral,
  CustomStringConvertible
{
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { rawValue = value }
  public var description: String { rawValue }

  public static let get: HTTPMethod = "GET"
  public static let head: HTTPMethod = "HEAD"
  public static let post: HTTPMethod = "POST"
  public static let put: HTTPMethod = "PUT"
  public static let patch: HTTPMethod = "PATCH"
  public static let delete: HTTPMethod = "DELETE"
  public static let options: HTTPMethod = "OPTIONS"
}

/// One HTTP request as the runtime builds it: method, absolute URL, ordered headers, body bytes.
public struct HTTPRequest: Sendable, Hashable {
  public var method: HTTPMethod
  /// An absolute `http` or `https` URL, query included, already percent-encoded.
  public var url: String
  public var headers: HeaderFields
  /// The body bytes; `nil` sends no body (no `Content-Length` for GET).
  public var body: [UInt8]?

  public init(
    method: HTTPMethod = .get, url: String, headers: HeaderFields = [:], body: [UInt8]? = nil
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
  }

  /// A request whose body is the UTF-8 text given.
  public init(method: HTTPMethod, url: String, headers: HeaderFields = [:], text: String) {
    self.init(method: method, url: url, headers: headers, body: Array(text.utf8))
  }
}
