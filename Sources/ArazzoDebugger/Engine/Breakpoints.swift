import ArazzoExpressions
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime

/// Where a breakpoint stops.
public enum BreakpointTarget: Sendable, Equatable {
  /// Before step `stepId` starts (at its `step` instruction), in any workflow that has it; with
  /// a condition that reads the response, once the step's response has arrived (at its
  /// `check`), where the condition can see it.
  case step(String)
  /// Before one instruction: the one whose YAML a `FILE:LINE` pointed at.
  case instruction(workflow: Int, pc: Int)
}

/// A numbered breakpoint: a target, an optional condition in the spec's own condition language
/// (parsed once, when the breakpoint is set), and how often it stopped the run.
public struct Breakpoint: Sendable {
  public let number: Int
  public let target: BreakpointTarget
  /// What the user typed for the target (`pollRun`, `seed.yaml:87`), for listings.
  public let written: String
  /// Where it resolved, for listings (`step pollRun`, `pollRun check (pc 7)`).
  public let resolved: String
  public let condition: Evaluable?
  public let conditionText: String?
  /// Deleted after its first stop (`:tbreak`).
  public let temporary: Bool
  public internal(set) var hits = 0
  /// Which hits stop the run (nil: every one); see `HitCondition`.
  public internal(set) var hitCondition: HitCondition?
  /// A log point's message (a `{$…}` template): a hit is logged (`DebugEngine.onLogPoint`)
  /// and the run goes on.
  public internal(set) var logMessage: String?

  /// Whether the condition reads the step's response (`$response…`, `$statusCode`), which
  /// does not exist before the step has sent its request.
  public var readsResponse: Bool {
    condition?.expressions.contains {
      switch $0.source {
      case .statusCode, .response: return true
      default: return false
      }
    } ?? false
  }
}

/// Why a `:break` was refused; `column` points into the condition text when it did not parse.
public struct BreakpointError: Error, Sendable, CustomStringConvertible {
  public var message: String
  /// The text named no step and no line (a front end may show how to name one).
  public var isMissingTarget = false
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// The breakpoint table: numbering, resolution of step ids and `FILE:LINE`, and the check the
/// engine makes before each instruction.
public struct BreakpointTable: Sendable {
  public private(set) var all: [Breakpoint] = []
  private var nextNumber = 1

  public init() {}

  /// Parses `STEP | FILE:LINE | LINE [if CONDITION]` and adds the breakpoint.
  public mutating func add(
    _ text: String, temporary: Bool, program: Program, current workflow: Int?
  )
    throws(BreakpointError) -> Breakpoint
  {
    var where_ = text.trimmingCharacters(in: .whitespaces)
    var conditionText: String?
    if let range = Self.ifKeyword(in: where_) {
      conditionText = String(where_[range.upperBound...]).trimmingCharacters(in: .whitespaces)
      where_ = String(where_[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
    }
    guard !where_.isEmpty else {
      var error = BreakpointError("expected a step id or FILE:LINE")
      error.isMissingTarget = true
      throw error
    }
    var condition: Evaluable?
    if let conditionText {
      guard !conditionText.isEmpty else { throw BreakpointError("expected a condition after 'if'") }
      let file = SourceFile(path: "<condition>", text: conditionText)
      do {
        condition = try Evaluable.parse(
          conditionText, origin: SourceLocation(file: file, line: 1, column: 1))
      } catch {
        let column = error.span.map { " at column \($0.start.column)" } ?? ""
        throw BreakpointError("the condition does not parse\(column): \(error.message)")
      }
    }
    let (target, resolved) = try Self.resolve(where_, program: program, current: workflow)
    var breakpoint = Breakpoint(
      number: nextNumber, target: target, written: where_, resolved: resolved, condition: condition,
      conditionText: conditionText, temporary: temporary)
    if case .step = target, breakpoint.readsResponse {
      breakpoint = Breakpoint(
        number: nextNumber, target: target, written: where_,
        resolved: resolved + ", once its response has arrived", condition: condition,
        conditionText: conditionText, temporary: temporary)
    }
    nextNumber += 1
    all.append(breakpoint)
    return breakpoint
  }

  /// Deletes breakpoint `number`; false when there is none.
  public mutating func delete(_ number: Int) -> Bool {
    guard let i = all.firstIndex(where: { $0.number == number }) else { return false }
    all.remove(at: i)
    return true
  }

  public mutating func deleteAll() { all.removeAll() }

  /// Sets breakpoint `number`'s hit condition and log message (a front end's options that
  /// `:break` has no syntax for).
  public mutating func configure(_ number: Int, hitCondition: HitCondition?, logMessage: String?) {
    guard let i = all.firstIndex(where: { $0.number == number }) else { return }
    all[i].hitCondition = hitCondition
    all[i].logMessage = logMessage
  }

  /// Sets every hit count back to zero (a restarted run).
  public mutating func resetHits() {
    for i in all.indices { all[i].hits = 0 }
  }

  /// The breakpoint that stops the run before `pc` of `workflow`, counting the hit (and
  /// deleting a temporary one); conditions are evaluated in `context`. A hit its hit condition
  /// skips does not stop; a log point's hit is appended to `logged` and does not stop either.
  public mutating func hit(
    workflow: Int, pc: Int, instruction: Instruction, context: @autoclosure () -> MachineSnapshot?,
    logged: inout [Breakpoint]
  ) -> Breakpoint? {
    // Evaluated at most once, and only when a conditional breakpoint is at this place.
    var snapshot: MachineSnapshot?
    var snapshotTaken = false
    for i in all.indices {
      switch all[i].target {
      case .step(let id) where all[i].readsResponse:
        guard case .check(let check) = instruction, check.stepId == id else { continue }
      case .step(let id):
        guard case .step(let entry) = instruction, entry.stepId == id else { continue }
      case .instruction(let w, let p):
        guard w == workflow, p == pc else { continue }
      }
      if let condition = all[i].condition {
        if !snapshotTaken {
          snapshot = context()
          snapshotTaken = true
        }
        guard let snapshot, condition.evaluate(in: snapshot).value == .bool(true) else { continue }
      }
      all[i].hits += 1
      let breakpoint = all[i]
      if let hitCondition = breakpoint.hitCondition, !hitCondition.stops(atHit: breakpoint.hits) {
        continue
      }
      if breakpoint.logMessage != nil {
        logged.append(breakpoint)
        continue
      }
      if breakpoint.temporary { all.remove(at: i) }
      return breakpoint
    }
    return nil
  }

  /// The breakpoints (log points aside) at completed attempt `entry`'s step whose condition
  /// holds in its snapshot: where a backwards continue stops. Hits are not counted.
  public func matching(_ entry: HistoryEntry, program: Program) -> [Breakpoint] {
    all.filter { breakpoint in
      guard breakpoint.logMessage == nil else { return false }
      switch breakpoint.target {
      case .step(let id): guard id == entry.stepId else { return false }
      case .instruction(let w, let pc):
        guard w == entry.snapshot.workflowIndex,
          program.workflows[w].stepId(at: pc) == entry.stepId
        else { return false }
      }
      return breakpoint.condition.map { $0.evaluate(in: entry.snapshot).value == .bool(true) }
        ?? true
    }
  }

  /// The position of ` if ` that starts a condition (not inside quotes).
  static func ifKeyword(in text: String) -> Range<String.Index>? {
    if text.hasPrefix("if ") { return text.startIndex..<text.index(text.startIndex, offsetBy: 3) }
    return text.range(of: " if ")
  }

  /// A step id (in any workflow that has it), `workflowId.stepId`, `FILE:LINE` or a bare `LINE`
  /// (in the current workflow's document).
  static func resolve(
    _ text: String, program: Program, current: Int?
  )
    throws(BreakpointError) -> (BreakpointTarget, String)
  {
    let (file, lineText): (String?, String?) = {
      if let colon = text.lastIndex(of: ":"), Int(text[text.index(after: colon)...]) != nil {
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
      }
      if Int(text) != nil { return (nil, text) }
      return (nil, nil)
    }()
    if let lineText, let line = Int(lineText) {
      return try location(file: file, line: line, program: program, current: current)
    }
    // `workflowId.stepId`: that workflow's step only (ids cannot hold a dot).
    if let dot = text.lastIndex(of: "."),
      program.workflows.allSatisfy({ $0.pc(ofStep: text) == nil })
    {
      let workflowId = String(text[..<dot])
      let stepId = String(text[text.index(after: dot)...])
      guard let w = program.workflows.firstIndex(where: { $0.workflowId == workflowId }) else {
        let ids = program.workflows.map(\.workflowId)
        let hint =
          EditDistance.suggestion(for: workflowId, among: ids).map { "; did you mean '\($0)'?" }
          ?? ""
        throw BreakpointError(
          "no workflow '\(workflowId)'\(hint) (workflows: \(ids.joined(separator: ", ")))")
      }
      let code = program.workflows[w]
      guard let pc = code.pc(ofStep: stepId) else {
        let ids = code.steps.map(\.id)
        let hint =
          EditDistance.suggestion(for: stepId, among: ids).map { "; did you mean '\($0)'?" } ?? ""
        throw BreakpointError(
          "workflow '\(workflowId)' has no step '\(stepId)'\(hint) (steps: \(ids.joined(separator: ", ")))"
        )
      }
      return (.instruction(workflow: w, pc: pc), "step \(workflowId).\(stepId)")
    }
    let owners = program.workflows.filter { $0.pc(ofStep: text) != nil }
    guard !owners.isEmpty else {
      let ids = program.workflows.flatMap { $0.steps.map(\.id) }
      let hint =
        EditDistance.suggestion(for: text, among: ids).map { "; did you mean '\($0)'?" } ?? ""
      throw BreakpointError("no step '\(text)'\(hint) (steps: \(ids.joined(separator: ", ")))")
    }
    return (.step(text), "step \(text)")
  }

  /// The instruction a YAML line belongs to: the last instruction (in source order) that starts
  /// at or before the line, within the workflow whose text holds it.
  static func location(
    file: String?, line: Int, program: Program, current: Int?
  )
    throws(BreakpointError) -> (BreakpointTarget, String)
  {
    let documents = Array(Set(program.workflows.map(\.document))).sorted()
    let document: String
    if let file {
      let matches = documents.filter { Self.path($0, matches: file) }
      guard let first = matches.first else {
        throw BreakpointError(
          "no workflow is written in '\(file)' (documents: \(documents.joined(separator: ", ")))")
      }
      document = first
    } else {
      guard let path = current.map({ program.workflows[$0].document }) ?? documents.first else {
        throw BreakpointError("the program has no workflows")
      }
      document = path
    }
    if let source = program.workflows.first(where: { $0.document == document })?.span.start.file,
      line < 1 || line > source.lineCount
    {
      throw BreakpointError("'\(document)' has no line \(line) (it has \(source.lineCount))")
    }
    var best: (workflow: Int, pc: Int, line: Int)?
    for (w, code) in program.workflows.enumerated() where code.document == document {
      // The header (workflowId, inputs, …) runs from the workflow's line to its first step.
      let first = code.instructions.first?.span.start.line ?? Int.max
      if code.span.start.line <= line, line < first {
        throw BreakpointError(
          "line \(line) is in the header of workflow '\(code.workflowId)', not in a step")
      }
      for (pc, instruction) in code.instructions.enumerated() {
        let l = instruction.span.start.line
        if l <= line, l > (best?.line ?? 0) { best = (w, pc, l) }
      }
    }
    guard let best else {
      throw BreakpointError("line \(line) of '\(document)' comes before the first step")
    }
    let code = program.workflows[best.workflow]
    let instruction = code.instructions[best.pc]
    let what =
      instruction.stepId.map { "\($0) \(instruction.mnemonic)" }
      ?? "\(code.workflowId) \(instruction.mnemonic)"
    return (
      .instruction(workflow: best.workflow, pc: best.pc),
      "\(what) (pc \(best.pc), line \(best.line))"
    )
  }

  /// Whether `path` (canonical) is the file the user named: the same path, or it ends with it.
  static func path(_ path: String, matches written: String) -> Bool {
    path == written || path.hasSuffix("/" + written)
      || (written.hasPrefix("./") && path.hasSuffix(String(written.dropFirst(1))))
  }
}

/// Which hits of a breakpoint stop the run: `3` or `==3` the third only, `>=3` the third and
/// every later one, `>3` the fourth on, `%2` every second (the 2nd, 4th, …). The count is of
/// hits whose condition held.
public struct HitCondition: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case equal = "==", atLeast = ">=", greater = ">", every = "%"
  }
  public var kind: Kind
  public var count: Int

  /// Parses `N`, `==N`, `>=N`, `>N` or `%N` (spaces allowed, N ≥ 1); nil for anything else.
  public init?(_ text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    var kind = Kind.equal
    var rest = Substring(trimmed)
    for candidate in [Kind.equal, .atLeast, .greater, .every]
    where rest.hasPrefix(candidate.rawValue) {
      kind = candidate
      rest = rest.dropFirst(candidate.rawValue.count)
      break
    }
    guard let count = Int(rest.trimmingCharacters(in: .whitespaces)), count >= 1 else {
      return nil
    }
    self.kind = kind
    self.count = count
  }

  /// Whether hit number `hit` (1-based) stops the run.
  public func stops(atHit hit: Int) -> Bool {
    switch kind {
    case .equal: return hit == count
    case .atLeast: return hit >= count
    case .greater: return hit > count
    case .every: return hit % count == 0
    }
  }
}
