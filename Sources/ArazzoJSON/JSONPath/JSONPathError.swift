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
