import ArazzoJSON

/// One entry of a step's or workflow's `outputs` map.
public struct Output: Sendable {
  /// What an output value is made of.
  public enum Value: Sendable {
    /// A runtime expression (the only 1.0 form).
    case expression(Located<String>)
    /// [1.1] A Selector Object.
    case selector(Selector)
  }

  /// The output's key; its span is the key's span.
  public var name: Located<String>
  public var value: Value
  public var pointer: JSONPointer

  public init(name: Located<String>, value: Value, pointer: JSONPointer) {
    self.name = name
    self.value = value
    self.pointer = pointer
  }

  /// The expression, when the value is one.
  public var expression: Located<String>? {
    if case .expression(let e) = value { return e }
    return nil
  }
}
