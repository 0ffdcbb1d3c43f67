import ArazzoJSON

/// Checks the invariants the machine relies on; every finding is an internal error (`AZ3900`).
///
/// Per workflow: the step table matches the `step` instructions; each step is the five-
/// instruction block `step`, `request`/`call`, `check`, `outputs`, `dispatch` of one step id;
/// the code ends with `return` then `fail` (so no path runs off the end); every pc a dispatch
/// names is in range and lands on the right kind of instruction (`goto` on the named step's
/// `step`, `end` on `return`/`fail`, `retry` on its own step's `request`/`call`); every
/// workflow reference is in range.
public enum IRVerifier {
  public static func verify(_ program: Program) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    for (index, workflow) in program.workflows.enumerated() {
      func report(_ message: String, _ span: SourceSpan? = nil) {
        problems.append(
          Diagnostic(
            .invalidIR, .error, "workflow '\(workflow.name)': \(message)",
            at: span ?? workflow.span))
      }
      verify(workflow, index: index, count: program.workflows.count, report)
    }
    return problems
  }

  private static func verify(
    _ w: WorkflowCode, index: Int, count: Int, _ report: (String, SourceSpan?) -> Void
  ) {
    let code = w.instructions
    guard code.count >= 2 else {
      return report("has \(code.count) instructions; it must end with return, fail", nil)
    }
    guard w.returnPC == code.count - 2, w.failPC == code.count - 1,
      case .return = code[w.returnPC], case .fail = code[w.failPC]
    else {
      return report("does not end with return @\(code.count - 2), fail @\(code.count - 1)", nil)
    }

    func ref(_ r: WorkflowRef, at pc: Int) {
      if let i = r.index, !(0..<count).contains(i) {
        report("@\(pc): workflow reference '\(r.reference)' → #\(i) is out of range", code[pc].span)
      }
    }
    func isStep(_ pc: Int, _ id: String) -> Bool {
      guard code.indices.contains(pc), case .step(let s) = code[pc] else { return false }
      return s.stepId == id
    }

    // The step table and the block structure.
    var ids = Set<String>()
    for entry in w.steps {
      if !ids.insert(entry.id).inserted {
        report("step '\(entry.id)' appears twice in the step table", nil)
      }
      if !isStep(entry.pc, entry.id) {
        report("step table: '\(entry.id)' @\(entry.pc) is not its step instruction", nil)
      }
    }
    var pc = 0
    while pc < w.returnPC {
      guard case .step(let s) = code[pc] else {
        report("@\(pc): \(code[pc].mnemonic) where a step block must start", code[pc].span)
        return
      }
      guard pc + 4 < w.returnPC else {
        report("@\(pc): step '\(s.stepId)' is cut short", s.span)
        return
      }
      let block = code[pc...(pc + 4)]
      let shapeOK: Bool = {
        switch (code[pc + 1], code[pc + 2], code[pc + 3], code[pc + 4]) {
        case (.request, .check, .outputs, .dispatch), (.call, .check, .outputs, .dispatch):
          return true
        default: return false
        }
      }()
      if !shapeOK {
        report(
          "@\(pc): step '\(s.stepId)' is not step, request|call, check, outputs, dispatch", s.span)
        return
      }
      for (offset, instruction) in block.enumerated() where instruction.stepId != s.stepId {
        report(
          "@\(pc + offset): belongs to '\(instruction.stepId ?? "-")' inside step '\(s.stepId)'",
          instruction.span)
      }
      if w.pc(ofStep: s.stepId) == nil {
        report("@\(pc): step '\(s.stepId)' is missing from the step table", s.span)
      }
      if case .call(let c) = code[pc + 1] { ref(c.target, at: pc + 1) }
      if case .dispatch(let d) = code[pc + 4] {
        let resume = pc + 1
        func check(_ effect: ActionEffect, success: Bool, _ what: String) {
          let at = pc + 4
          switch effect {
          case .next(let target):
            if target != pc + 5 {
              report("@\(at): \(what) next @\(target) is not the following step", d.span)
            }
          case .goto(let id, let target):
            if !isStep(target, id) {
              report("@\(at): \(what) goto \(id) @\(target) is not that step", d.span)
            }
          case .gotoWorkflow(let r, _):
            ref(r, at: at)
            if r.index == nil && r.reference.isEmpty {
              report("@\(at): \(what) goto workflow without a target", d.span)
            }
          case .end(let target):
            let expected = success ? w.returnPC : w.failPC
            if target != expected {
              report("@\(at): \(what) end @\(target) is not @\(expected)", d.span)
            }
          case .fail(let target):
            if target != w.failPC {
              report("@\(at): \(what) fail @\(target) is not @\(w.failPC)", d.span)
            }
          case .retry(let r):
            if success { report("@\(at): \(what) retry on the success path", d.span) }
            if r.resume != resume {
              report("@\(at): \(what) retry resumes @\(r.resume), not @\(resume)", d.span)
            }
            if r.limit < 0 { report("@\(at): \(what) retry limit \(r.limit) is negative", d.span) }
            switch r.target {
            case .step(let id, let target)?:
              if !isStep(target, id) {
                report("@\(at): \(what) retry via \(id) @\(target) is not that step", d.span)
              }
            case .workflow(let wr, _)?: ref(wr, at: at)
            case nil: break
            }
          }
        }
        for a in d.onSuccess { check(a.effect, success: true, "success action '\(a.name)'") }
        for a in d.onFailure { check(a.effect, success: false, "failure action '\(a.name)'") }
        check(d.successDefault, success: true, "success default")
        check(d.failureDefault, success: false, "failure default")
        if case .retry = d.failureDefault {
          report("@\(pc + 4): failure default cannot retry", d.span)
        }
      }
      pc += 5
    }
    if pc != w.returnPC { report("step blocks end @\(pc), not at return @\(w.returnPC)", nil) }
    for r in w.dependsOn { ref(r, at: w.returnPC) }
  }
}
