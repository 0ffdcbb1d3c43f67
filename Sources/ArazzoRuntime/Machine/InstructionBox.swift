import ArazzoExpressions
import ArazzoIR

/// An instruction as the machine executes it: shared by reference, with the operands it
/// evaluates on every visit (criteria, arguments, outputs) boxed one by one.
///
/// Calling a method on a struct read out of an array makes Swift copy it first (for all the
/// compiler knows, the callee could change the array meanwhile): a retain and a release per
/// string, array and expression inside, on every evaluation. A `let` of a final class cannot
/// change, so a method called on one borrows it in place. A polling step evaluates four
/// criteria, three arguments and three outputs per visit.
final class InstructionBox: Sendable {
  let instruction: Instruction
  /// The instruction with its operands behind references: switching over it copies one
  /// reference (switching over `instruction` copies every string and array in the operands).
  let operation: Operation
  /// `check`: its criteria.
  let criteria: [Shared<CompiledCriterion>]
  /// `dispatch`: the criteria of each success action, and of each failure action.
  let successCriteria: [[Shared<CompiledCriterion>]]
  let failureCriteria: [[Shared<CompiledCriterion>]]
  /// `request` and `call`: the arguments.
  let arguments: [Shared<ParameterBinding>]
  /// `outputs`, `return` and `fail`: the output bindings.
  let outputs: [Shared<OutputBinding>]

  enum Operation: Sendable {
    case step(Shared<StepEntry>)
    case request(Shared<Request>)
    case call(Shared<Call>)
    case check(Shared<Check>)
    case outputs(Shared<StepOutputs>)
    case dispatch(Shared<Dispatch>)
    case `return`
    case fail
  }

  init(_ instruction: Instruction) {
    self.instruction = instruction
    switch instruction {
    case .step(let entry): operation = .step(Shared(entry))
    case .request(let request): operation = .request(Shared(request))
    case .call(let call): operation = .call(Shared(call))
    case .check(let check): operation = .check(Shared(check))
    case .outputs(let outputs): operation = .outputs(Shared(outputs))
    case .dispatch(let dispatch): operation = .dispatch(Shared(dispatch))
    case .return: operation = .return
    case .fail: operation = .fail
    }
    var criteria: [CompiledCriterion] = []
    var success: [Action] = []
    var failure: [Action] = []
    var arguments: [ParameterBinding] = []
    var outputs: [OutputBinding] = []
    switch instruction {
    case .step: break
    case .request(let request): arguments = request.arguments
    case .call(let call): arguments = call.arguments
    case .check(let check): criteria = check.criteria
    case .outputs(let step): outputs = step.outputs
    case .dispatch(let dispatch):
      success = dispatch.onSuccess
      failure = dispatch.onFailure
    case .return(let r): outputs = r.outputs
    case .fail(let f): outputs = f.outputs
    }
    self.criteria = criteria.map(Shared.init)
    successCriteria = success.map { $0.criteria.map(Shared.init) }
    failureCriteria = failure.map { $0.criteria.map(Shared.init) }
    self.arguments = arguments.map(Shared.init)
    self.outputs = outputs.map(Shared.init)
  }
}

/// An immutable value behind a reference (see `InstructionBox`).
final class Shared<Value: Sendable>: Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
