/// The feature set a document's `arazzo` field selects.
public enum ArazzoVersion: String, Sendable, Equatable, Comparable, CaseIterable {
  /// Arazzo 1.0.x (1.0.0 and 1.0.1 are read the same way).
  case v10 = "1.0"
  /// Arazzo 1.1.x: adds `$self`, AsyncAPI steps, action parameters and selectors.
  case v11 = "1.1"

  /// The feature set for a version string, or nil when it is neither 1.0.x nor 1.1.x.
  public init?(versionString: String) {
    let parts = versionString.split(separator: "-", maxSplits: 1)[...].first.map(String.init) ?? ""
    let numbers = parts.split(separator: ".", omittingEmptySubsequences: false)
    guard numbers.count == 3, numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) })
    else { return nil }
    switch (numbers[0], numbers[1]) {
    case ("1", "0"): self = .v10
    case ("1", "1"): self = .v11
    default: return nil
    }
  }

  /// Orders feature sets by version.
  public static func < (lhs: ArazzoVersion, rhs: ArazzoVersion) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}
