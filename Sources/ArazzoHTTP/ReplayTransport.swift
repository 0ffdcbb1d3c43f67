import ArazzoJSON
import NIOConcurrencyHelpers

/// Serves responses from a HAR log without a network.
///
/// A request matches entries with the same method and URL (compared in normal form: scheme and
/// host lower case, default port and fragment dropped; and, when the log was recorded with
/// redaction, after redacting the request the same way). Repeated requests get the matching
/// entries in recorded order; once they are used up the **last one repeats** (a poll that runs
/// longer than the recording keeps seeing the final state) unless `strict` is set, in which
/// case the extra request fails with `replayExhausted`. A request with no entry fails with
/// `notRecorded`, naming the closest recorded `METHOD URL` by edit distance. An entry recorded
/// as a failure replays as `protocolError` with the recorded message.
public final class ReplayTransport: HTTPTransport {
  private let entries: [String: [HAREntry]]
  private let keys: [String]
  /// `METHOD URL` exactly as recorded → its key: a request sent as it was recorded (the usual
  /// case) skips parsing and normalising its URL.
  private let recordedKeys: [String: String]
  private let redactor: Redactor
  public let strict: Bool
  private let cursors = NIOLockedValueBox<[String: Int]>([:])

  public init(log: HARLog, redactor: Redactor = Redactor(), strict: Bool = false) {
    var entries: [String: [HAREntry]] = [:]
    var keys: [String] = []
    var recordedKeys: [String: String] = [:]
    for entry in log.entries {
      let method = entry.request.method.rawValue
      let recorded = method + " " + entry.request.url
      let key: String
      if let known = recordedKeys[recorded] {
        key = known
      } else {
        key = Self.key(method, entry.request.url)
        recordedKeys[recorded] = key
      }
      if entries[key] == nil { keys.append(key) }
      entries[key, default: []].append(entry)
    }
    self.entries = entries
    self.keys = keys
    self.recordedKeys = recordedKeys
    self.redactor = redactor
    self.strict = strict
  }

  /// Reads a HAR file.
  public convenience init(path: String, redactor: Redactor = Redactor(), strict: Bool = false)
    throws(HARError)
  {
    self.init(log: try HARLog.read(path: path), redactor: redactor, strict: strict)
  }

  static func key(_ method: String, _ url: String) -> String {
    var normal = url
    if var parsed = try? RequestURL(url) {
      parsed.fragment = nil
      normal = parsed.description
    }
    return method + " " + normal
  }

  public func send(_ request: HTTPRequest, timeout: Duration?) async throws(TransportError)
    -> HTTPResponse
  {
    let method = request.method.rawValue
    var key = recordedKeys[method + " " + request.url] ?? Self.key(method, request.url)
    if entries[key] == nil {
      key = Self.key(method, redactor.url(request.url))
    }
    guard let list = entries[key] else {
      let shown = Self.key(method, redactor.url(request.url))
      throw .notRecorded(
        method: method, url: redactor.url(request.url), closest: Self.closest(to: shown, in: keys))
    }
    let index: Int? = cursors.withLockedValue { cursors in
      let next = cursors[key, default: 0]
      if next < list.count {
        cursors[key] = next + 1
        return next
      }
      return strict ? nil : list.count - 1
    }
    guard let index else {
      throw .replayExhausted(method: method, url: redactor.url(request.url), recorded: list.count)
    }
    let entry = list[index]
    guard let response = entry.response else {
      let url = try? RequestURL(request.url)
      throw .protocolError(
        host: url?.host ?? "?", port: url?.port ?? 0,
        reason: "recorded failure: \(entry.error ?? "no response")")
    }
    return response
  }

  public func shutdown() async {}

  /// The recorded key nearest to `key` by Levenshtein distance (ties: first recorded).
  static func closest(to key: String, in keys: [String]) -> String? {
    var best: (String, Int)?
    let target = Array(key.utf8.prefix(2000))
    for candidate in keys {
      let d = EditDistance.between(target, Array(candidate.utf8.prefix(2000)))
      if let current = best, current.1 <= d { continue }
      best = (candidate, d)
    }
    return best?.0
  }
}
