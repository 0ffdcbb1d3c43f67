import ArazzoJSON

/// A list entry that is either written in place or a Reusable Object naming a component.
public enum InlineOrReusable<Inline: Sendable>: Sendable {
  case inline(Inline)
  case reusable(ReusableObject)

  /// The inline value, when there is one.
  public var inline: Inline? {
    if case .inline(let v) = self { return v }
    return nil
  }

  /// The Reusable Object, when there is one.
  public var reusable: ReusableObject? {
    if case .reusable(let r) = self { return r }
    return nil
  }
}
