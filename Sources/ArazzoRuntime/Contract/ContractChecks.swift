import ArazzoJSON

/// Which contract checks a run makes and how a failed one counts (`--check NAME=error|warn|off`;
/// docs/semantics.md#contract-checks). Checks observe; they never change what a step does.
public struct ContractChecks: Sendable, Equatable {
  /// One check of a step's exchange against its operation's OpenAPI description.
  public enum Check: String, Sendable, CaseIterable {
    /// The response's status code is declared (exactly, as a range, or `default`).
    case status
    /// The response's Content-Type is declared for that status.
    case contentType = "content-type"
    /// The response body validates against the declared schema.
    case responseBody = "response-body"
    /// The request body sent validates against the requestBody schema.
    case requestBody = "request-body"

    /// The diagnostic code a failure of this check has.
    public var code: DiagnosticCode {
      switch self {
      case .status: return .contractStatus
      case .contentType: return .contractContentType
      case .responseBody: return .contractResponseBody
      case .requestBody: return .contractRequestBody
      }
    }
  }

  /// How a failed check counts.
  public enum Level: String, Sendable, CaseIterable {
    case error, warn, off

    /// The severity of a failure; nil when the check is off.
    public var severity: Severity? {
      switch self {
      case .error: return .error
      case .warn: return .warning
      case .off: return nil
      }
    }
  }

  private var levels: [Check: Level] = [:]

  /// Every check at `level` (off: none runs, as `run` and `debug` start).
  public init(_ level: Level = .off) {
    for check in Check.allCases { levels[check] = level }
  }

  public subscript(check: Check) -> Level {
    get { levels[check] ?? .off }
    set { levels[check] = newValue }
  }

  /// Sets one check's level, or every check's when `check` is nil (`all`).
  public mutating func set(_ level: Level, for check: Check?) {
    for c in check.map({ [$0] }) ?? Check.allCases { levels[c] = level }
  }

  /// Whether no check runs (the machine skips the work entirely).
  public var isOff: Bool { levels.values.allSatisfy { $0 == .off } }

  /// `NAME=LEVEL` (`response-body=warn`, `all=off`) applied in order to `start`; the message
  /// says what is wrong with a setting.
  public static func parse(
    _ settings: [String], from start: ContractChecks
  ) -> Result<
    ContractChecks, ContractCheckSettingError
  > {
    var checks = start
    for setting in settings {
      let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
      let names = Check.allCases.map(\.rawValue) + ["all"]
      guard parts.count == 2, names.contains(parts[0]) else {
        return .failure(
          ContractCheckSettingError(
            message:
              "'\(setting)' is not NAME=LEVEL with NAME one of \(names.joined(separator: ", "))"))
      }
      guard let level = Level(rawValue: parts[1]) else {
        return .failure(
          ContractCheckSettingError(
            message: "'\(setting)': the level must be error, warn or off"))
      }
      checks.set(level, for: Check(rawValue: parts[0]))
    }
    return .success(checks)
  }
}

/// Why a `--check` setting was refused.
public struct ContractCheckSettingError: Error, Sendable, Equatable {
  public var message: String
}
