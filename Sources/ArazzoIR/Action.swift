import ArazzoExpressions
import ArazzoJSON

/// One entry of a `dispatch` list: a named success or failure action, resolved.
public final class Action: Sendable {
  public let name: String
  public let origin: Origin
  /// The Reusable Object's reference when the action came from components.
  public let component: String?
  /// All must pass for the action to be chosen; none means it always matches
  /// (docs/semantics.md#actions-without-criteria).
  public let criteria: [CompiledCriterion]
  public let effect: ActionEffect
  public let span: SourceSpan

  public init(
    name: String, origin: Origin, component: String? = nil, criteria: [CompiledCriterion],
    effect: ActionEffect, span: SourceSpan
  ) {
    self.name = name
    self.origin = origin
    self.component = component
    self.criteria = criteria
    self.effect = effect
    self.span = span
  }
}

/// What a chosen action (or a list's default) does; every jump names its pc.
public enum ActionEffect: Sendable {
  /// Continue at the next step (or at `return` after the last step).
  case next(pc: Int)
  /// Jump to step `stepId`, whose `step` instruction is at `pc` (loops allowed,
  /// docs/semantics.md#loops).
  case goto(stepId: String, pc: Int)
  /// Transfer to another workflow for good (a tail call, docs/semantics.md#goto-workflow): its
  /// outcome and outputs become this invocation's; `arguments` are its inputs ([1.1] action
  /// `parameters`).
  case gotoWorkflow(WorkflowRef, arguments: [ParameterBinding])
  /// End the workflow: `pc` is `return` on the success path, `fail` on the failure path
  /// (docs/semantics.md#end).
  case end(pc: Int)
  /// Retry the current step (failure actions only).
  case retry(Retry)
  /// Fail the workflow: `pc` is its `fail` instruction.
  case fail(pc: Int)
}

/// A `retry` failure action, with its defaults applied.
public struct Retry: Sendable {
  /// Seconds to wait before retrying (nil: no delay, docs/semantics.md#retry-delay); a longer
  /// `Retry-After` wins.
  public var after: Double?
  /// Retries allowed, counted per step entry; 1 when the document gives none; 0 never retries.
  public var limit: Int
  /// Where the retry resumes: the step's `request` or `call` (its `step` is not re-entered, so
  /// the counters survive).
  public var resume: Int
  /// Run this first, then retry (as a subroutine, its own dispatch ignored:
  /// docs/semantics.md#retry-target).
  public var target: RetryTarget?

  public init(after: Double?, limit: Int, resume: Int, target: RetryTarget? = nil) {
    self.after = after
    self.limit = limit
    self.resume = resume
    self.target = target
  }
}

/// What a `retry` runs before retrying the current step.
public enum RetryTarget: Sendable {
  /// Run step `stepId` (from its `step` at `pc` up to its `dispatch`, which is skipped).
  case step(stepId: String, pc: Int)
  /// Run a workflow as a nested invocation.
  case workflow(WorkflowRef, arguments: [ParameterBinding])
}
