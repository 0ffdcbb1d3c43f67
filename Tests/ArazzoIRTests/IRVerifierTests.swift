import ArazzoExpressions
import ArazzoIR
import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

/// The verifier accepts what lowering produces and rejects hand-broken programs.
@Suite struct IRVerifierTests {
  /// The seed, lowered: a good program to break.
  static func seed() throws -> Program {
    let (program, diagnostics) = Lowering.lower(path: TestPaths.seed.path)
    return try #require(program, "\(diagnostics.map(\.message))")
  }

  /// Verifies `program` after `edit` is applied to its first workflow's code.
  static func problems(_ edit: (inout WorkflowCode) -> Void) throws -> [String] {
    var program = try seed()
    edit(&program.workflows[0])
    let found = IRVerifier.verify(program)
    #expect(
      found.allSatisfy { $0.code == .invalidIR && $0.severity == .error },
      "\(found.map { "\($0.code) \($0.severity) \($0.message)" })")
    return found.map(\.message)
  }

  /// The parts of a dispatch a test may change (the IR's operands are immutable).
  struct DispatchDraft {
    var onSuccess: [Action]
    var successDefault: ActionEffect
    var onFailure: [Action]
    var failureDefault: ActionEffect
    let span: SourceSpan
  }

  /// Rewrites the dispatch at `pc`.
  static func editDispatch(
    _ w: inout WorkflowCode, at pc: Int, _ edit: (inout DispatchDraft) -> Void
  ) {
    guard case .dispatch(let d) = w.instructions[pc] else {
      Issue.record("no dispatch at \(pc)")
      return
    }
    var draft = DispatchDraft(
      onSuccess: d.onSuccess, successDefault: d.successDefault, onFailure: d.onFailure,
      failureDefault: d.failureDefault, span: d.span)
    edit(&draft)
    w.instructions[pc] = .dispatch(
      Dispatch(
        stepId: d.stepId, onSuccess: draft.onSuccess, successDefault: draft.successDefault,
        onFailure: draft.onFailure, failureDefault: draft.failureDefault, span: d.span))
  }

  @Test func loweredSeedVerifies() throws {
    #expect(IRVerifier.verify(try Self.seed()) == [])
  }

  @Test func gotoOutOfRange() throws {
    let found = try Self.problems { w in
      Self.editDispatch(&w, at: 9) {
        $0.onSuccess[0] = $0.onSuccess[0].with(effect: .goto(stepId: "listArtifacts", pc: 99))
      }
    }
    #expect(
      found == [
        "workflow 'trigger-run-and-poll': @9: success action 'runSucceeded' goto listArtifacts @99 is not that step"
      ])
  }

  @Test func gotoMissingStep() throws {
    let found = try Self.problems { w in
      Self.editDispatch(&w, at: 9) {
        $0.onSuccess[2] = $0.onSuccess[2].with(effect: .goto(stepId: "pollRunz", pc: 5))
      }
    }
    #expect(
      found == [
        "workflow 'trigger-run-and-poll': @9: success action 'keepPolling' goto pollRunz @5 is not that step"
      ])
  }

  @Test func endOnTheWrongExit() throws {
    let found = try Self.problems { w in
      let failPC = w.failPC
      Self.editDispatch(&w, at: 9) {
        $0.onSuccess[1] = $0.onSuccess[1].with(effect: .end(pc: failPC))
      }
    }
    #expect(
      found == [
        "workflow 'trigger-run-and-poll': @9: success action 'runFailed' end @16 is not @15"
      ])
  }

  @Test func nextThatSkipsAStep() throws {
    let found = try Self.problems { w in
      Self.editDispatch(&w, at: 4) { $0.successDefault = .next(pc: 10) }
    }
    #expect(
      found == [
        "workflow 'trigger-run-and-poll': @4: success default next @10 is not the following step"
      ])
  }

  @Test func retryOnSuccessAndWrongResume() throws {
    let found = try Self.problems { w in
      Self.editDispatch(&w, at: 4) {
        $0.onSuccess = [
          Action(
            name: "again", origin: .step, criteria: [],
            effect: .retry(Retry(after: nil, limit: 1, resume: 6)), span: $0.span)
        ]
      }
    }
    #expect(
      found == [
        "workflow 'trigger-run-and-poll': @4: success action 'again' retry on the success path",
        "workflow 'trigger-run-and-poll': @4: success action 'again' retry resumes @6, not @1",
      ])
  }

  @Test func missingReturn() throws {
    let found = try Self.problems { w in w.instructions.removeLast(2) }
    #expect(found == ["workflow 'trigger-run-and-poll': does not end with return @13, fail @14"])
  }

  @Test func brokenStepBlock() throws {
    let found = try Self.problems { w in w.instructions.swapAt(2, 3) }
    #expect(
      found == [
        "workflow 'trigger-run-and-poll': @0: step 'triggerRun' is not step, request|call, check, outputs, dispatch"
      ])
  }

  @Test func stepTableOutOfStep() throws {
    let found = try Self.problems { w in w.steps[1].pc = 6 }
    #expect(
      found == [
        "workflow 'trigger-run-and-poll': step table: 'pollRun' @6 is not its step instruction"
      ])
  }

  @Test func workflowReferenceOutOfRange() throws {
    let found = try Self.problems { w in
      w.dependsOn = [WorkflowRef(reference: "ghost", index: 7)]
    }
    #expect(
      found == [
        "workflow 'trigger-run-and-poll': @15: workflow reference 'ghost' → #7 is out of range"
      ])
  }

  @Test func emptyWorkflow() throws {
    let found = try Self.problems { w in w.instructions = [] }
    #expect(
      found == [
        "workflow 'trigger-run-and-poll': has 0 instructions; it must end with return, fail"
      ])
  }
}

extension Action {
  /// The same action doing something else.
  fileprivate func with(effect: ActionEffect) -> Action {
    Action(
      name: name, origin: origin, component: component, criteria: criteria, effect: effect,
      span: span)
  }
}
