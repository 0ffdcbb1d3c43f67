/// Follows 301, 302, 303, 307 and 308 redirects over another transport, so that a recording
/// under it holds every hop and a replay follows the same hops.
///
/// Method rewriting follows RFC 9110 section 15.4 as browsers and curl do: 303 turns anything
/// but HEAD into GET without a body; 301 and 302 turn POST into GET; 307 and 308 keep the method
/// and body. A hop to another origin (scheme, host or port) drops `Authorization`,
/// `Proxy-Authorization`, `Cookie` and every API-key-like header (`Redactor.isSecretHeader`).
/// The timeout covers the whole chain.
public struct RedirectingTransport: HTTPTransport {
  public let base: any HTTPTransport
  /// Hops followed before `redirectRefused`; 0 returns 3xx responses as they are.
  public var maxRedirects: Int

  public init(_ base: any HTTPTransport, maxRedirects: Int = 5) {
    self.base = base
    self.maxRedirects = maxRedirects
  }

  public func send(
    _ request: HTTPRequest, timeout: Duration?
  ) async throws(TransportError)
    -> HTTPResponse
  {
    let clock = ContinuousClock()
    let start = clock.now
    var current = request
    var visited: Set<String> = []
    var hops = 0
    while true {
      var remaining = timeout
      if let timeout {
        let left = timeout - start.duration(to: clock.now)
        if left <= .zero {
          let url = try RequestURL(current.url)
          throw .timeout(host: url.host, port: url.port, after: timeout)
        }
        remaining = left
      }
      let response: HTTPResponse
      do {
        response = try await base.send(current, timeout: remaining)
      } catch .timeout(let host, let port, _) {
        // A hop got what was left of the budget; the message names the whole timeout.
        throw .timeout(host: host, port: port, after: timeout ?? remaining ?? .zero)
      }
      guard [301, 302, 303, 307, 308].contains(response.status), maxRedirects > 0,
        let location = response.headers["Location"]
      else { return response }
      let from = try RequestURL(current.url)
      let to: RequestURL
      do {
        to = try from.resolving(location)
      } catch {
        throw .redirectRefused(url: location, reason: "\(error)")
      }
      hops += 1
      if hops > maxRedirects {
        throw .redirectRefused(
          url: to.description, reason: "more than \(maxRedirects) redirects from \(request.url)")
      }
      visited.insert(current.method.rawValue + " " + from.description)
      current = Self.redirected(current, status: response.status, to: to, from: from)
      if visited.contains(current.method.rawValue + " " + to.description) {
        throw .redirectRefused(url: to.description, reason: "redirect loop")
      }
    }
  }

  /// The request to send after a redirect with `status` from `from` to `to`.
  public static func redirected(
    _ request: HTTPRequest, status: Int, to: RequestURL, from: RequestURL
  ) -> HTTPRequest {
    var next = request
    var url = to
    if url.fragment == nil { url.fragment = from.fragment }
    next.url = to.description
    let method = request.method.rawValue
    if (status == 303 && method != "HEAD") || ((status == 301 || status == 302) && method == "POST")
    {
      next.method = .get
      next.body = nil
      next.headers.removeAll { name in
        let lower = name.asciiLowercased
        return lower == "content-type" || lower == "content-length"
          || lower == "content-encoding" || lower == "content-language"
          || lower == "transfer-encoding"
      }
    }
    next.headers.remove("Host")
    if to.origin != from.origin {
      next.headers.removeAll { Redactor.isSecretHeader($0) }
    }
    return next
  }

  public func shutdown() async { await base.shutdown() }
}
