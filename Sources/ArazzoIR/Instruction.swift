import ArazzoExpressions
import ArazzoJSON
import ArazzoSyntax

/// One instruction of a lowered workflow; `IRPrinter` is its only textual form.
///
/// Every step lowers to the same five instructions (`step`, `request` or `call`, `check`,
/// `outputs`, `dispatch`), so a step's pcs are `base ... base + 4`; a workflow ends with
/// `return` then `fail`. Control moves only by falling through to pc + 1 or through the explicit
/// pcs a `dispatch` names; the machine holds one outcome register that `check` sets and
/// `dispatch` reads.
public enum Instruction: Sendable {
  /// Pause point: enter step `stepId` afresh (not by retry): open a new `$steps.<id>` frame that replaces the previous run's, reset the step's retry counters, continue at pc + 1.
  case step(StepEntry)
  /// Evaluate the arguments and body, build the call of the resolved operation (server, method, path template, parameters placed by `in`, serialised body) and send it; `$request`, `$response` and `$statusCode` then describe it (a transport error leaves no response).
  case request(Request)
  /// Run another workflow as a nested invocation with `$inputs` = the evaluated arguments and a fresh `$steps`; the step is completed when the child succeeds, and the child's outputs are `$outputs` for this step's check and outputs (docs/semantics.md#outputs-in-workflow-steps).
  case call(Call)
  /// Evaluate the success criteria in order and set the outcome register: success when every one passes (none: a response arrived, or the child succeeded, docs/semantics.md#no-success-criteria), else failure.
  case check(Check)
  /// Evaluate the step's outputs into `$steps.<id>.outputs` on either outcome, before dispatch (docs/semantics.md#step-outputs); an unresolvable output is left absent.
  case outputs(StepOutputs)
  /// Take the action list of the current outcome (already merged and resolved), apply the effect of the first action whose criteria all pass, or the list's default effect.
  case dispatch(Dispatch)
  /// Evaluate the workflow's outputs and finish the workflow as succeeded.
  case `return`(Return)
  /// Evaluate the workflow's outputs best effort (docs/semantics.md#workflow-outputs) and finish the workflow as failed.
  case fail(Fail)

  /// The source the instruction came from.
  public var span: SourceSpan {
    switch self {
    case .step(let x): return x.span
    case .request(let x): return x.span
    case .call(let x): return x.span
    case .check(let x): return x.span
    case .outputs(let x): return x.span
    case .dispatch(let x): return x.span
    case .return(let x): return x.span
    case .fail(let x): return x.span
    }
  }

  /// The mnemonic the dump prints.
  public var mnemonic: String {
    switch self {
    case .step: return "step"
    case .request: return "request"
    case .call: return "call"
    case .check: return "check"
    case .outputs: return "outputs"
    case .dispatch: return "dispatch"
    case .return: return "return"
    case .fail: return "fail"
    }
  }

  /// The step this instruction belongs to; nil for `return` and `fail`.
  public var stepId: String? {
    switch self {
    case .step(let x): return x.stepId
    case .request(let x): return x.stepId
    case .call(let x): return x.stepId
    case .check(let x): return x.stepId
    case .outputs(let x): return x.stepId
    case .dispatch(let x): return x.stepId
    case .return, .fail: return nil
    }
  }
}

/// The operand of `step`: which step starts here.
public final class StepEntry: Sendable {
  public let stepId: String
  /// The step's position in the workflow's `steps` list.
  public let index: Int
  public let description: String?
  /// [1.1] Steps that must have completed before this one starts (checked, never run: a step
  /// whose prerequisite has not completed fails without sending its request).
  public let dependsOn: [StepDependency]
  public let span: SourceSpan

  public init(
    stepId: String, index: Int, description: String? = nil, dependsOn: [StepDependency] = [],
    span: SourceSpan
  ) {
    self.stepId = stepId
    self.index = index
    self.description = description
    self.dependsOn = dependsOn
    self.span = span
  }
}

/// [1.1] One entry of a step's `dependsOn`.
public enum StepDependency: Sendable, Equatable {
  /// A step of the same workflow: it must have run in this invocation.
  case step(String)
  /// A step of another workflow (`$workflows.<id>.steps.<step>` or the
  /// `$sourceDescriptions.<name>.<id>.steps.<step>` form): it must have run in that workflow's
  /// latest invocation, which completed in this run.
  case workflowStep(WorkflowRef, stepId: String)

  /// The entry as written.
  public var text: String {
    switch self {
    case .step(let id): return id
    case .workflowStep(let ref, let stepId):
      let root = ref.reference.hasPrefix("$sourceDescriptions.") ? "" : "$workflows."
      return "\(root)\(ref.reference).steps.\(stepId)"
    }
  }
}

/// The operand of `request`: the operation and everything needed to call it.
public final class Request: Sendable {
  public let stepId: String
  public let operation: OperationBinding
  /// The effective parameters: workflow-level ones with step overrides applied, in order.
  public let arguments: [ParameterBinding]
  public let body: BodyTemplate?
  /// [1.1] The step's `timeout`: each attempt's request gets this long (over `--timeout`).
  public let timeout: Duration?
  public let span: SourceSpan

  public init(
    stepId: String, operation: OperationBinding, arguments: [ParameterBinding], body: BodyTemplate?,
    timeout: Duration? = nil, span: SourceSpan
  ) {
    self.stepId = stepId
    self.operation = operation
    self.arguments = arguments
    self.body = body
    self.timeout = timeout
    self.span = span
  }
}

/// The operand of `call`: a sub-workflow and the inputs passed to it.
public final class Call: Sendable {
  public let stepId: String
  public let target: WorkflowRef
  /// The inputs, by name (`in` is ignored; workflow-level parameters without `in` included).
  public let arguments: [ParameterBinding]
  public let span: SourceSpan

  public init(stepId: String, target: WorkflowRef, arguments: [ParameterBinding], span: SourceSpan)
  {
    self.stepId = stepId
    self.target = target
    self.arguments = arguments
    self.span = span
  }
}

/// The operand of `check`: the step's success criteria, compiled.
public final class Check: Sendable {
  public let stepId: String
  public let criteria: [CompiledCriterion]
  public let span: SourceSpan

  public init(stepId: String, criteria: [CompiledCriterion], span: SourceSpan) {
    self.stepId = stepId
    self.criteria = criteria
    self.span = span
  }
}

/// The operand of `outputs`: the step's output bindings.
public final class StepOutputs: Sendable {
  public let stepId: String
  public let outputs: [OutputBinding]
  public let span: SourceSpan

  public init(stepId: String, outputs: [OutputBinding], span: SourceSpan) {
    self.stepId = stepId
    self.outputs = outputs
    self.span = span
  }
}

/// The operand of `dispatch`: the effective action lists of both outcomes and their defaults.
public final class Dispatch: Sendable {
  public let stepId: String
  /// Step actions first, then the workflow's whose names the step does not use
  /// (docs/semantics.md#action-lists).
  public let onSuccess: [Action]
  /// Applied when no success action matches: `.next` (the following step, or `return`).
  public let successDefault: ActionEffect
  public let onFailure: [Action]
  /// Applied when no failure action matches (or every matching retry is spent): `.fail`.
  public let failureDefault: ActionEffect
  public let span: SourceSpan

  public init(
    stepId: String, onSuccess: [Action], successDefault: ActionEffect, onFailure: [Action],
    failureDefault: ActionEffect, span: SourceSpan
  ) {
    self.stepId = stepId
    self.onSuccess = onSuccess
    self.successDefault = successDefault
    self.onFailure = onFailure
    self.failureDefault = failureDefault
    self.span = span
  }
}

/// The operand of `return`: the workflow's outputs.
public final class Return: Sendable {
  public let outputs: [OutputBinding]
  public let span: SourceSpan

  public init(outputs: [OutputBinding], span: SourceSpan) {
    self.outputs = outputs
    self.span = span
  }
}

/// The operand of `fail`: the workflow's outputs, evaluated best effort.
public final class Fail: Sendable {
  public let outputs: [OutputBinding]
  public let span: SourceSpan

  public init(outputs: [OutputBinding], span: SourceSpan) {
    self.outputs = outputs
    self.span = span
  }
}
