import ArazzoHTTP

/// The rules for a server URL given on the command line (`--server SOURCE=URL`).
///
/// Stricter than RFC 3986, which lets `http://host:/` mean the default port: on a command line
/// an empty port is a typo (a port that went missing from a script's variable), and sending the
/// run, with its credentials, to port 80 instead would be the worst reading of it.
public enum ServerOverride {
  /// Why `url` cannot be a server override, or nil when it can: an absolute `http` or `https`
  /// URL with a host, a port of 1–65535 when a `:` is written, and no user info, query or
  /// fragment (request paths are joined onto it).
  public static func problem(with url: String) -> String? {
    guard let schemeEnd = url.firstRange(of: "://") else {
      return "a server override must be an absolute http(s) URL"
    }
    let scheme = url[..<schemeEnd.lowerBound].lowercased()
    guard scheme == "http" || scheme == "https" else {
      return "the scheme is '\(scheme)', not http or https"
    }
    let rest = url[schemeEnd.upperBound...]
    let authority = rest[
      ..<(rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex)]
    if authority.contains("@") {
      return "user info ('…@') is not sent; pass credentials as inputs or header parameters"
    }
    if authority.hasSuffix(":") { return "the port after ':' is empty" }
    if rest.contains("?") { return "a server URL has no query (parameters come from the step)" }
    if rest.contains("#") { return "a server URL has no fragment" }
    do {
      _ = try RequestURL(url)
    } catch {
      if case .invalidURL(_, let reason) = error { return reason }
      return error.description
    }
    return nil
  }
}
