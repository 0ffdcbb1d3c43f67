import NIOConcurrencyHelpers

/// Passes requests to another transport and keeps every exchange as a HAR entry.
///
/// Failures are kept too (status 0 and `_error`); secrets are redacted. `save()` (and
/// `shutdown()`) write the file.
///
/// Exchanges are kept as they happened and redacted when the log is read, so a secret the
/// redactor learns later (a token from a login response, once it is sent as `Authorization`)
/// is scrubbed from every entry, also from the response it arrived in.
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

  /// The log so far, redacted with what the redactor knows now.
  public var log: HARLog {
    HARLog(entries: entries.withLockedValue { $0 }.map(redacted))
  }

  private func redacted(_ entry: HAREntry) -> HAREntry {
    var shown = entry
    shown.request = redactor.request(entry.request)
    if let response = entry.response {
      shown.response?.headers = redactor.headers(response.headers)
      shown.response?.body = redactor.body(response.body)
    }
    shown.error = entry.error.map(redactor.scrub)
    return shown
  }

  public func send(
    _ request: HTTPRequest, timeout: Duration?
  ) async throws(TransportError)
    -> HTTPResponse
  {
    let started = isoTimestampNow()
    do {
      let response = try await base.send(request, timeout: timeout)
      let entry = HAREntry(startedDateTime: started, request: request, response: response)
      entries.withLockedValue { $0.append(entry) }
      return response
    } catch {
      let entry = HAREntry(
        startedDateTime: started, request: request, response: nil, error: error.description)
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
