/// Why a JSONPath query or logical expression failed to parse.
public struct JSONPathError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, in one sentence.
  public var message: String
  /// The 0-based offset, in Unicode scalars, into the query text where the problem was found.
  public var offset: Int

  /// Makes an error at `offset`.
  public init(message: String, offset: Int) {
    self.message = message
    self.offset = offset
  }

  /// The message followed by the offset.
  public var description: String { "\(message) at offset \(offset)" }
}

/// Why evaluating a query failed: a `match()` or `search()` gave up (`BoundedRegex`).
///
/// The query then has no result, rather than reading the undecided regex as false.
public struct JSONPathEvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The function call and why it gave up: `match(@, '(a*)*b'): the regex match gave up after…`.
  public var message: String

  public init(message: String) {
    self.message = message
  }

  public var description: String { message }
}
