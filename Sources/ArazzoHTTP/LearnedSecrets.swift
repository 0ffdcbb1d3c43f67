import NIOConcurrencyHelpers

/// Secrets found while a run goes on: a token a login step returned, once it is sent in an
/// `Authorization` header or lands in an output named `token`.
///
/// One store is shared by every `Redactor` made with it (the text reporter's, the recorder's,
/// the replayer's, the JSON report's), so a secret learned by the machine is scrubbed from
/// everything written after that, and from a recording written at the end everywhere, also in
/// the responses that came before it was known. Thread-safe; learning is rare, reading is cheap.
public final class LearnedSecrets: Sendable {
  /// Shorter values are not learned: a secret `1` would garble every number in a recording.
  public static let minimumLength = Redactor.minimumLength

  private struct State {
    var secrets: Set<String> = []
    /// Every spelling of every secret (`Redactor.spellings(of:)`), longest first.
    var needles: [String] = []
  }
  private let state = NIOLockedValueBox(State())
  /// Secrets the redactors already have (`Redactor.secrets`): learning one again adds nothing.
  private let known: Set<String>

  public init(known: Set<String> = []) {
    self.known = known
  }

  /// Adds a secret; returns whether it was new. Values shorter than `minimumLength`, known ones
  /// and the placeholder itself (a replayed recording's `REDACTED` token) are ignored.
  @discardableResult
  public func learn(_ secret: String) -> Bool {
    guard secret.utf8.count >= Self.minimumLength, secret != Redactor.mask, !known.contains(secret)
    else { return false }
    return state.withLockedValue { state in
      guard state.secrets.insert(secret).inserted else { return false }
      let needles = Set(state.needles).union(Redactor.spellings(of: secret))
      state.needles = needles.sorted { ($0.utf8.count, $0) > ($1.utf8.count, $1) }
      return true
    }
  }

  /// The secrets learned so far.
  public var secrets: Set<String> { state.withLockedValue { $0.secrets } }

  /// Their spellings to scrub, longest first.
  var needles: [String] { state.withLockedValue { $0.needles } }
}
