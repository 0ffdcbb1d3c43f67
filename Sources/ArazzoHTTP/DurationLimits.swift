/// Durations read from outside (the command line, a document, a server's `Retry-After`, a HAR
/// file), turned into `Duration`s without trapping: `Duration.seconds(_:)` and `Int(_:)` trap on
/// NaN, infinity and numbers out of range, and all of those can be written.
extension Duration {
  /// The longest any wait may be: a request timeout, a run's deadline, a pause between polls
  /// (a day; longer is a typo, or a wait no CI job lives to see).
  public static let maximumWait: Duration = .seconds(86_400)

  /// `seconds` as a duration (to the nanosecond), never trapping: nil when it is negative or NaN;
  /// `limit`, with `clamped` set, when it is longer (infinity included).
  public static func seconds(
    _ seconds: Double, limit: Duration
  )
    -> (duration: Duration, clamped: Bool)?
  {
    guard seconds >= 0 else { return nil }  // NaN is not >= 0 either
    let limitSeconds = limit.inSeconds
    if seconds > limitSeconds { return (limit, true) }
    if seconds == limitSeconds { return (limit, false) }
    // Below the limit, whose whole seconds are an Int64: the whole part fits one too.
    let whole = seconds.rounded(.down)
    let nanoseconds = ((seconds - whole) * 1e9).rounded()
    return (.seconds(Int64(whole)) + .nanoseconds(Int64(nanoseconds)), false)
  }

  /// Parses a duration as the command line writes it: `500ms`, `30s`, `2m`, `1h` or a number of
  /// seconds, at most `maximumWait` (`clamped`: it said more, `inf` and `1e300s` included);
  /// nil when it is not one. (`--timeout`, `--loop-delay`, `arazzo dap`'s launch arguments.)
  public static func parse(_ text: String) -> (duration: Duration, clamped: Bool)? {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    for (suffix, scale) in units where text.hasSuffix(suffix) {
      if let n = Double(text.dropLast(suffix.count)) {
        return seconds(n * scale, limit: .maximumWait)
      }
    }
    return Double(text).flatMap { seconds($0, limit: .maximumWait) }
  }

  /// The duration in seconds, as a `Double`.
  public var inSeconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) + Double(attoseconds) / 1e18
  }

  /// `1.5 s`, `250 ms`: the duration as a person reads it.
  public var readable: String { format(self) }
}
