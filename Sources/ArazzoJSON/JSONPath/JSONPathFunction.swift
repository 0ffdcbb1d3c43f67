/// The RFC 9535 function extensions and their types.
enum JSONPathFunction: String, Sendable, CaseIterable {
  case length
  case count
  case match
  case search
  case value

  /// The declared type of a parameter or a result.
  enum ParameterType: Sendable {
    case value
    case logical
    case nodes
  }

  /// The parameter types, in order.
  var parameters: [ParameterType] {
    switch self {
    case .length: return [.value]
    case .count, .value: return [.nodes]
    case .match, .search: return [.value, .value]
    }
  }

  /// The result type.
  var result: ParameterType {
    switch self {
    case .length, .count, .value: return .value
    case .match, .search: return .logical
    }
  }
}
