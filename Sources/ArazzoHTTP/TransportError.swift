import ArazzoJSON

/// Why a request got no HTTP response.
///
/// Each case has a stable code (`AZ41xx`, in the runtime range) and a message that names the
/// host and port involved.
public enum TransportError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The URL is not an absolute http(s) URL we can send to.
  case invalidURL(String, reason: String)
  /// Nothing listens at host:port (`ECONNREFUSED`).
  case connectionRefused(host: String, port: Int)
  /// The connection could not be opened for another reason (DNS, unreachable network…).
  case connectFailed(host: String, port: Int, reason: String)
  /// The per-request timeout passed before the response was complete.
  case timeout(host: String, port: Int, after: Duration)
  /// The whole-run deadline passed.
  case deadlineExceeded(host: String, port: Int)
  /// The TLS handshake or the TLS stream failed (certificate, protocol, hostname).
  case tls(host: String, port: Int, reason: String)
  /// The response body is larger than the cap.
  case tooLarge(host: String, port: Int, limit: Int)
  /// A redirect was not followed: too many, a loop, or to a scheme we do not speak.
  case redirectRefused(url: String, reason: String)
  /// The peer broke HTTP/1.1: a malformed response, or the connection closed mid-response.
  case protocolError(host: String, port: Int, reason: String)
  /// The proxy refused or failed the request.
  case proxyFailed(proxy: String, reason: String)
  /// Replay: no recorded exchange matches; `closest` is the nearest recorded `METHOD URL`.
  case notRecorded(method: String, url: String, closest: String?)
  /// Replay with `strict`: every recorded response for this request was already served.
  case replayExhausted(method: String, url: String, recorded: Int)
  /// The transport was shut down, or the task was cancelled.
  case cancelled

  /// The stable diagnostic code.
  public var code: String {
    switch self {
    case .invalidURL: DiagnosticCode.transportInvalidURL.rawValue
    case .connectionRefused: DiagnosticCode.connectionRefused.rawValue
    case .connectFailed: DiagnosticCode.connectFailed.rawValue
    case .timeout: DiagnosticCode.requestTimeout.rawValue
    case .deadlineExceeded: DiagnosticCode.deadlineExceeded.rawValue
    case .tls: DiagnosticCode.tlsFailed.rawValue
    case .tooLarge: DiagnosticCode.responseTooLarge.rawValue
    case .redirectRefused: DiagnosticCode.redirectRefused.rawValue
    case .protocolError: DiagnosticCode.protocolError.rawValue
    case .proxyFailed: DiagnosticCode.proxyFailed.rawValue
    case .notRecorded: DiagnosticCode.notRecorded.rawValue
    case .cancelled: DiagnosticCode.transportCancelled.rawValue
    case .replayExhausted: DiagnosticCode.replayExhausted.rawValue
    }
  }

  public var description: String {
    switch self {
    case .invalidURL(let url, let reason):
      return "invalid URL '\(url)': \(reason)"
    case .connectionRefused(let host, let port):
      return "connection refused by \(hostPort(host, port))"
    case .connectFailed(let host, let port, let reason):
      return "could not connect to \(hostPort(host, port)): \(reason)"
    case .timeout(let host, let port, let after):
      return "no complete response from \(hostPort(host, port)) within \(format(after))"
    case .deadlineExceeded(let host, let port):
      return "the run's deadline passed while waiting for \(hostPort(host, port))"
    case .tls(let host, let port, let reason):
      return "TLS with \(hostPort(host, port)) failed: \(reason)"
    case .tooLarge(let host, let port, let limit):
      return "response from \(hostPort(host, port)) is larger than the \(formatBytes(limit)) limit"
    case .redirectRefused(let url, let reason):
      return "redirect to '\(url)' not followed: \(reason)"
    case .protocolError(let host, let port, let reason):
      return "bad HTTP response from \(hostPort(host, port)): \(reason)"
    case .proxyFailed(let proxy, let reason):
      return "proxy \(proxy) failed: \(reason)"
    case .notRecorded(let method, let url, let closest):
      var text = "no recorded response for \(method) \(url)"
      if let closest { text += "; closest recorded request: \(closest)" }
      return text
    case .replayExhausted(let method, let url, let recorded):
      let times = recorded == 1 ? "once" : "\(recorded) times"
      return "\(method) \(url) was sent more often than it was recorded (\(times)); "
        + "record a longer run, or pass --replay-reuse-last to answer again with the last response"
    case .cancelled:
      return "request cancelled"
    }
  }
}

func hostPort(_ host: String, _ port: Int) -> String {
  host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
}

/// `1.5 s`, `250 ms`: a duration as a person reads it.
func format(_ d: Duration) -> String {
  let (seconds, attos) = d.components
  let ms = Double(seconds) * 1000 + Double(attos) / 1e15
  if ms >= 1000 {
    let s = ms / 1000
    return s == s.rounded() && s < 1e15 ? "\(Int(s)) s" : "\((s * 100).rounded() / 100) s"
  }
  return ms == ms.rounded() ? "\(Int(ms)) ms" : "\((ms * 10).rounded() / 10) ms"
}

func formatBytes(_ n: Int) -> String {
  if n >= 1 << 20, n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
  if n >= 1 << 10, n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
  return "\(n)-byte"
}
