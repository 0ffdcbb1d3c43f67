/// Sends HTTP requests for the runtime: live over the network, from a HAR recording, or a fake.
///
/// Implementations are decorators over one another: `RedirectingTransport` follows redirects
/// over any transport, `RecordingTransport` writes each exchange it sees to a HAR log. A
/// transport never turns an HTTP status into an error: a 500 is a response.
///
/// The runtime's stack, outermost first (so every redirect hop is recorded and replayed):
///
/// ```swift
/// var base: any HTTPTransport = LiveTransport(configuration: configuration)
/// if let replay {
///   base = try ReplayTransport(path: replay, redactor: redactor)
/// } else if let record {
///   base = RecordingTransport(base, path: record, redactor: redactor)
/// }
/// let transport = RedirectingTransport(base, maxRedirects: 5)
/// ```
public protocol HTTPTransport: Sendable {
  /// Sends one request and reads the whole response.
  ///
  /// - Parameter timeout: the longest the exchange may take (connecting included); `nil` uses
  ///   the transport's default. A transport with a whole-run deadline also stops at that.
  func send(_ request: HTTPRequest, timeout: Duration?) async throws(TransportError) -> HTTPResponse

  /// Closes connections and releases resources; later sends fail. Idempotent.
  func shutdown() async
}

extension HTTPTransport {
  /// Sends with the transport's default timeout.
  public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
    try await send(request, timeout: nil)
  }
}
