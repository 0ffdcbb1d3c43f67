import ArazzoJSON

extension Components {
  /// The parameter a Reusable Object names (`$components.parameters.<key>`), with its `value`
  /// replaced by the Reusable Object's `value` when one is given; nil when it names none.
  public func parameter(for reusable: ReusableObject) -> Parameter? {
    guard let ref = reusable.componentReference, ref.kind == "parameters",
      var parameter = parameters[ref.key]
    else { return nil }
    if let value = reusable.value { parameter.value = value }
    return parameter
  }

  /// The success action a Reusable Object names (`$components.successActions.<key>`).
  public func successAction(for reusable: ReusableObject) -> SuccessAction? {
    guard let ref = reusable.componentReference, ref.kind == "successActions" else { return nil }
    return successActions[ref.key]
  }

  /// The failure action a Reusable Object names (`$components.failureActions.<key>`).
  public func failureAction(for reusable: ReusableObject) -> FailureAction? {
    guard let ref = reusable.componentReference, ref.kind == "failureActions" else { return nil }
    return failureActions[ref.key]
  }
}
