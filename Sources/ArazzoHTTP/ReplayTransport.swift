import ArazzoJSON
import NIOConcurrencyHelpers

/// Serves responses from a HAR log without a network.
///
/// A request matches entries with the same method and URL (compared in normal form: scheme and
/// host lower case, default port and fragment dropped; and, when the log was recorded with
/// redaction, after redacting the request the same way). Repeated requests get the matching
/// entries in recorded order; once they are used up the extra request fails with
/// `replayExhausted`, naming the request and how often it was recorded: a poll that runs longer
/// than its recording must not silently see the same page forever. With `reuseLast` the last
/// recorded response repeats instead, and `onReuse` is told each time (the CLI warns once per
/// request). A request with no entry fails with
/// `notRecorded`, naming the closest recorded `METHOD URL` by edit distance. An entry recorded
/// as a failure replays as `protocolError` with the recorded message.
public final class ReplayTransport: HTTPTransport {
  /// The recorded entries of each distinct request, in recorded order, by slot.
  private let lists: [[HAREntry]]
  /// Normal-form `METHOD URL` → slot.
  private let slots: [String: Int]
  /// The normal-form keys in recorded order (for "closest recorded").
  private let keys: [String]
  /// Method → URL exactly as recorded → slot: a request sent as it was recorded (the usual
  /// case) costs one hash of its URL, no parsing, normalising or string building.
  private let recordedSlots: [String: [String: Int]]
  private let redactor: Redactor
  /// Whether a request sent more often than it was recorded gets the last response again.
  public let reuseLast: Bool
  /// Called (with the redacted method, URL and recorded count) each time `reuseLast` serves a
  /// used-up request's last response again.
  private let onReuse: (@Sendable (_ method: String, _ url: String, _ recorded: Int) -> Void)?
  /// The next entry of each slot.
  private let cursors: NIOLockedValueBox<[Int]>

  public init(
    log: HARLog, redactor: Redactor = Redactor(), reuseLast: Bool = false,
    onReuse: (@Sendable (_ method: String, _ url: String, _ recorded: Int) -> Void)? = nil
  ) {
    var lists: [[HAREntry]] = []
    var slots: [String: Int] = [:]
    var keys: [String] = []
    var recordedSlots: [String: [String: Int]] = [:]
    for entry in log.entries {
      let method = entry.request.method.rawValue
      let slot: Int
      if let known = recordedSlots[method]?[entry.request.url] {
        slot = known
      } else {
        let key = Self.key(method, entry.request.url)
        if let existing = slots[key] {
          slot = existing
        } else {
          slot = lists.count
          slots[key] = slot
          keys.append(key)
          lists.append([])
        }
        recordedSlots[method, default: [:]][entry.request.url] = slot
      }
      lists[slot].append(entry)
    }
    self.lists = lists
    self.slots = slots
    self.keys = keys
    self.recordedSlots = recordedSlots
    self.redactor = redactor
    self.reuseLast = reuseLast
    self.onReuse = onReuse
    cursors = NIOLockedValueBox(Array(repeating: 0, count: lists.count))
  }

  /// Reads a HAR file.
  public convenience init(
    path: String, redactor: Redactor = Redactor(), reuseLast: Bool = false,
    onReuse: (@Sendable (_ method: String, _ url: String, _ recorded: Int) -> Void)? = nil
  ) throws(HARError) {
    self.init(
      log: try HARLog.read(path: path), redactor: redactor, reuseLast: reuseLast, onReuse: onReuse)
  }

  static func key(_ method: String, _ url: String) -> String {
    var normal = url
    if var parsed = try? RequestURL(url) {
      parsed.fragment = nil
      normal = parsed.description
    }
    return method + " " + normal
  }

  public func send(
    _ request: HTTPRequest, timeout: Duration?
  ) async throws(TransportError)
    -> HTTPResponse
  {
    let method = request.method.rawValue
    guard
      let slot = recordedSlots[method]?[request.url] ?? slots[Self.key(method, request.url)]
        ?? slots[Self.key(method, redactor.url(request.url))]
    else {
      let shown = Self.key(method, redactor.url(request.url))
      throw .notRecorded(
        method: method, url: redactor.url(request.url), closest: Self.closest(to: shown, in: keys))
    }
    let count = lists[slot].count
    // The entry to serve, and whether it is a reuse of a used-up request's last response.
    let served: (index: Int, reused: Bool)? = cursors.withLockedValue { cursors in
      let next = cursors[slot]
      if next < count {
        cursors[slot] = next + 1
        return (next, false)
      }
      return reuseLast && count > 0 ? (count - 1, true) : nil
    }
    guard let (index, reused) = served else {
      throw .replayExhausted(method: method, url: redactor.url(request.url), recorded: count)
    }
    if reused { onReuse?(method, redactor.url(request.url), count) }
    // Only the response is copied out of the entry, not the whole entry.
    guard let response = lists[slot][index].response else {
      let url = try? RequestURL(request.url)
      throw .protocolError(
        host: url?.host ?? "?", port: url?.port ?? 0,
        reason: "recorded failure: \(lists[slot][index].error ?? "no response")")
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
