/// Which proxy, if any, a request goes through.
///
/// `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (either case) are read as curl reads them.
/// Plain-http requests are sent to the proxy in absolute form; https requests open a `CONNECT`
/// tunnel and do TLS with the origin through it.
public struct ProxySettings: Sendable, Hashable {
  public var httpProxy: RequestURL?
  public var httpsProxy: RequestURL?
  /// Host suffixes (`example.com`, `.example.com`), hosts with ports, or `*`.
  public var noProxy: [String]

  public init(httpProxy: RequestURL? = nil, httpsProxy: RequestURL? = nil, noProxy: [String] = []) {
    self.httpProxy = httpProxy
    self.httpsProxy = httpsProxy
    self.noProxy = noProxy
  }

  /// No proxy at all.
  public static let none = ProxySettings()

  /// Reads the proxy variables from an environment (the process's by default).
  ///
  /// A bare `host:port` is taken as http; a value that does not parse is ignored.
  public static func fromEnvironment(
    _ environment: [String: String] = ProcessEnvironment.current
  ) -> ProxySettings {
    func value(_ name: String) -> String? {
      let v = environment[name.asciiLowercased] ?? environment[name]
      return (v?.isEmpty ?? true) ? nil : v
    }
    func proxyURL(_ text: String?) -> RequestURL? {
      guard let text else { return nil }
      let withScheme = text.contains("://") ? text : "http://" + text
      guard let url = try? RequestURL(withScheme), url.scheme == "http" else { return nil }
      return url
    }
    let noProxy = (value("NO_PROXY") ?? "").split(separator: ",").map {
      String($0).trimmingASCIISpaces().asciiLowercased
    }.filter { !$0.isEmpty }
    return ProxySettings(
      httpProxy: proxyURL(value("HTTP_PROXY")), httpsProxy: proxyURL(value("HTTPS_PROXY")),
      noProxy: noProxy)
  }

  /// The proxy for a URL, or `nil` to connect directly.
  public func proxy(for url: RequestURL) -> RequestURL? {
    guard let proxy = url.isTLS ? httpsProxy : httpProxy else { return nil }
    for entry in noProxy {
      if entry == "*" { return nil }
      var pattern = Substring(entry)
      if let colon = pattern.lastIndex(of: ":"), !pattern.hasSuffix("]"),
        let port = Int(pattern[pattern.index(after: colon)...])
      {
        if port != url.port { continue }
        pattern = pattern[..<colon]
      }
      if pattern.hasPrefix(".") { pattern = pattern.dropFirst() }
      if pattern.hasPrefix("[") && pattern.hasSuffix("]") {
        pattern = pattern.dropFirst().dropLast()
      }
      if url.host == pattern || url.host.hasSuffix("." + pattern) { return nil }
    }
    return proxy
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process environment, read without Foundation.
public enum ProcessEnvironment {
  public static var current: [String: String] {
    var result: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
      let text = String(cString: entry)
      if let eq = text.firstIndex(of: "=") {
        result[String(text[..<eq])] = String(text[text.index(after: eq)...])
      }
      pointer += 1
    }
    return result
  }
}
