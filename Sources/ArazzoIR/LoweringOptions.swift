/// How `Lowering` reads a document.
public struct LoweringOptions: Sendable {
  /// How a step's action list combines with the workflow's (docs/semantics.md#action-lists).
  public enum ActionMerge: String, Sendable, CaseIterable {
    /// The step's entries, then the workflow's entries whose names the step does not use.
    case stepThenWorkflow
    /// A non-empty step list replaces the workflow's list (jentic-arazzo-tools' reading).
    case stepReplacesWorkflow
  }

  /// `--strict`: templates and criteria are compiled by the letter of the spec.
  public var strict: Bool
  public var actionMerge: ActionMerge
  /// Replacement locations for the entry document's source descriptions, by name.
  public var sourceOverrides: [String: String]
  /// The folder tree the document may read files in (`--root`; see `ValidationOptions.root`).
  public var root: String?
  /// A local source that is missing or does not load is an error (see `ValidationOptions`).
  public var requireLocalSources: Bool

  public init(
    strict: Bool = false, actionMerge: ActionMerge = .stepThenWorkflow,
    sourceOverrides: [String: String] = [:], root: String? = nil,
    requireLocalSources: Bool = false
  ) {
    self.requireLocalSources = requireLocalSources
    self.strict = strict
    self.actionMerge = actionMerge
    self.sourceOverrides = sourceOverrides
    self.root = root
  }
}
