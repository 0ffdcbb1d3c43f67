import ArazzoJSON

/// A decoded value together with where it was written: its JSON Pointer and its source span.
///
/// `isMissing` is true for a required field the document omitted; the decoder has already
/// reported it, and `span` then points at the object that should hold it.
public struct Located<Value: Sendable>: Sendable {
  public var value: Value
  public var pointer: JSONPointer
  public var span: SourceSpan
  public var isMissing: Bool

  public init(_ value: Value, pointer: JSONPointer, span: SourceSpan, isMissing: Bool = false) {
    self.value = value
    self.pointer = pointer
    self.span = span
    self.isMissing = isMissing
  }

  /// The same location holding another value.
  public func map<T: Sendable>(_ transform: (Value) -> T) -> Located<T> {
    Located<T>(transform(value), pointer: pointer, span: span, isMissing: isMissing)
  }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
