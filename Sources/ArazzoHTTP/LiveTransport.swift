import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// HTTP/1.1 over SwiftNIO, the transport for real runs.
///
/// Kept-alive connections are reused per origin; https uses the system's trust roots; there is
/// a per-request timeout, an optional whole-run deadline, a response-size cap and
/// `HTTP(S)_PROXY`. It does not follow redirects: wrap it in `RedirectingTransport`.
///
/// Every connection lives on one event loop and all bookkeeping happens there, so a request
/// costs one hop onto the loop and one back.
public final class LiveTransport: HTTPTransport {
  /// Settings fixed for the life of the transport.
  public struct Configuration: Sendable {
    /// Used when `send` gets no timeout.
    public var timeout: Duration = .seconds(30)
    /// The longest a new connection (TLS handshake excluded) may take, within the timeout.
    public var connectTimeout: Duration = .seconds(10)
    /// When the whole run must stop (`--deadline`); requests fail with `deadlineExceeded`.
    public var deadline: ContinuousClock.Instant?
    /// Bodies larger than this fail with `tooLarge` (default 10 MiB).
    public var maxResponseBytes: Int = 10 << 20
    /// Kept-alive connections parked per origin.
    public var maxIdleConnectionsPerOrigin: Int = 4
    /// Proxies; read from the environment by default.
    public var proxy: ProxySettings = .fromEnvironment()
    /// Sent when the request has no `User-Agent`; `nil` sends none.
    public var userAgent: String? = "arazzo"
    /// Extra PEM trust roots, added to the system's (for private CAs).
    public var additionalTrustRootsPEMFile: String?
    /// `false` skips certificate verification (never by default).
    public var verifyCertificates: Bool = true

    public init() {}
  }

  public let configuration: Configuration
  private let group: EventLoopGroup
  private let ownsGroup: Bool
  private let pool: ConnectionPool
  private let isShutdown = NIOLockedValueBox(false)
  /// The last URL parsed, with its parts: a polling run sends the same URL over and over, and
  /// parsing it again cost more than the rest of `send` on this side of the event loop.
  private let lastURL = NIOLockedValueBox<(text: String, url: RequestURL)?>(nil)

  /// Creates a transport on its own one-thread event loop, or on a loop of `group`.
  public init(configuration: Configuration = Configuration(), group: EventLoopGroup? = nil) {
    self.configuration = configuration
    if let group {
      self.group = group
      ownsGroup = false
    } else {
      self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
      ownsGroup = true
    }
    pool = ConnectionPool(loop: self.group.next(), configuration: configuration)
  }

  /// The serial executor of the event loop every connection lives on.
  ///
  /// An actor that returns it as its `unownedExecutor` runs on the loop's thread and sends
  /// without a thread hop. (Measured: no faster on loopback than the default hop; see bench.)
  public var executor: any SerialExecutor { pool.loop.executor }

  /// Connections opened so far (a reused connection counts once).
  public var connectionsOpened: Int { pool.connectionsOpened.withLockedValue { $0 } }

  public func send(
    _ request: HTTPRequest, timeout: Duration?
  ) async throws(TransportError)
    -> HTTPResponse
  {
    let url = try parsed(request.url)
    if isShutdown.withLockedValue({ $0 }) { throw .cancelled }
    let limit = timeout ?? configuration.timeout
    let now = NIODeadline.now()
    var deadline = now + TimeAmount(limit)
    var isRunDeadline = false
    if let runDeadline = configuration.deadline {
      let remaining = ContinuousClock.now.duration(to: runDeadline)
      if remaining <= .zero { throw .deadlineExceeded(host: url.host, port: url.port) }
      let d = now + TimeAmount(remaining)
      if d < deadline {
        deadline = d
        isRunDeadline = true
      }
    }
    let exchange = Exchange(
      request: request, url: url, proxy: configuration.proxy.proxy(for: url), limit: limit,
      deadline: deadline, isRunDeadline: isRunDeadline, pool: pool)
    let loop = pool.loop
    do {
      return try await withTaskCancellationHandler {
        if loop.inEventLoop { return try await exchange.start().get() }
        return try await loop.flatSubmit { exchange.start() }.get()
      } onCancel: {
        loop.execute { exchange.fail(.cancelled) }
      }
    } catch let error as TransportError {
      throw error
    } catch {
      throw .cancelled
    }
  }

  /// `RequestURL(text)`, reusing the last parse when the text is the same.
  private func parsed(_ text: String) throws(TransportError) -> RequestURL {
    if let last = lastURL.withLockedValue({ $0 }), last.text == text { return last.url }
    let url = try RequestURL(text)
    lastURL.withLockedValue { $0 = (text, url) }
    return url
  }

  public func shutdown() async {
    let already = isShutdown.withLockedValue { flag in
      defer { flag = true }
      return flag
    }
    if already { return }
    let loop = pool.loop
    try? await loop.submit { self.pool.closeAll() }.get()
    if ownsGroup { try? await group.shutdownGracefully() }
  }
}

extension TimeAmount {
  /// The duration in nanoseconds, saturating at `Int64.min`/`Int64.max` (292 years) instead of
  /// trapping.
  init(_ duration: Duration) {
    let (s, atto) = duration.components
    let nanos = s.multipliedReportingOverflow(by: 1_000_000_000)
    let total = nanos.partialValue.addingReportingOverflow(atto / 1_000_000_000)
    if nanos.overflow || total.overflow {
      self = .nanoseconds(s < 0 ? Int64.min : Int64.max)
    } else {
      self = .nanoseconds(total.partialValue)
    }
  }
}

extension Duration {
  init(_ amount: TimeAmount) { self = .nanoseconds(amount.nanoseconds) }
}
