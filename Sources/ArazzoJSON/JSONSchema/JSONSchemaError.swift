/// Why a JSON Schema could not be compiled (malformed keyword, unresolvable reference, bad regex).
public struct JSONSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A human-readable explanation naming the offending schema location.
  public var message: String

  public init(message: String) { self.message = message }

  public var description: String { message }
}
