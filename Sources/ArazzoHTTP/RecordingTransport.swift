import NIOConcurrencyHelpers

/// Passes requests to another transport and keeps every exchange as a HAR entry.
///
/// Failures are kept too (status 0 and `_error`); secrets are redacted. `save()` (and
/// `shutdown()`) write the file.
///
/// Put it *under* `RedirectingTransport` so each redirect hop becomes its own entry.
public final class RecordingTransport: HTTPTransport {
  public let base: any HTTPTransport
  /// Where `save()` writes; `nil` keeps the log in memory only.
  public let path: String?
  public let redactor: Redactor
  private let entries = NIOLockedValueBox<[HAREntry]>([])

  public init(_ base: any HTTPTransport, path: String?, redactor: Redactor = Redactor()) {
    self.base = base
    self.path = path
    self.redactor = redactor
  }

  /// The log so far.
  public var log: HARLog { HARLog(entries: entries.withLockedValue { $0 }) }

  public func send(_ request: HTTPRequest, timeout: Duration?) async throws(TransportError)
    -> HTTPResponse
  {
    let started = isoTimestampNow()
    do {
      let response = try await base.send(request, timeout: timeout)
      var shown = response
      shown.headers = redactor.headers(response.headers)
      shown.body = redactor.body(response.body)
      let entry = HAREntry(
        startedDateTime: started, request: redactor.request(request), response: shown)
      entries.withLockedValue { $0.append(entry) }
      return response
    } catch {
      let entry = HAREntry(
        startedDateTime: started, request: redactor.request(request), response: nil,
        error: redactor.scrub(error.description))
      entries.withLockedValue { $0.append(entry) }
      throw error
    }
  }

  /// Writes the log to `path` (whole file, atomically).
  public func save() throws(HARError) {
    guard let path else { return }
    try log.write(path: path)
  }

  /// Saves (errors are dropped: call `save()` first to see them) and shuts the base down.
  public func shutdown() async {
    try? save()
    await base.shutdown()
  }
}
