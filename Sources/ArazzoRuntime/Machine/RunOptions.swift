import ArazzoHTTP

/// Policies for one run (docs/semantics.md).
public struct RunOptions: Sendable {
  /// The most step entries (goto loops included) before the run stops with an error.
  public var maxSteps: Int = 10_000
  /// A pause before re-entering a step that already ran (polling loops); nil: none.
  public var loopDelay: Duration?
  /// The letter of the spec: unresolvable outputs are errors instead of null with a warning.
  public var strict = false
  /// The per-request timeout; nil: the transport's default.
  public var timeout: Duration?
  /// When the whole run must stop (`--deadline`); nil: none. No wait (a retry's delay,
  /// `Retry-After`, `loopDelay`) goes past it: one it cuts ends at the deadline and the run
  /// fails, as it does when a request meets it (the live transport stops requests at the same
  /// instant); criteria and selectors stop their regex work then too.
  public var deadline: ContinuousClock.Instant?
  /// Server URLs by source description name (`--server SOURCE=URL`).
  public var serverOverrides: [String: String] = [:]
  /// The longest a retry waits, whatever `retryAfter` or `Retry-After` ask; a longer request is
  /// waited for this long, with a warning (docs/semantics.md#retry-delay).
  public var maxRetryDelay: Duration = .seconds(300)
  /// Where secrets found at run time go (a token sent as `Authorization`, an output named
  /// `token`), for the redactors that share the store; nil: none are watched (`--show-secrets`).
  public var secrets: LearnedSecrets?
  /// The contract checks made after each request and response, and how a failure counts
  /// (docs/semantics.md#contract-checks); all off by default (`arazzo test` turns them on).
  public var checks = ContractChecks()

  public init() {}
}
