import ArazzoExpressions
import ArazzoIR
import ArazzoJSON
import ArazzoSyntax
import ArazzoTestSupport
import Foundation
import Testing

/// What lowering decides, checked on the program rather than on the dump.
@Suite struct LoweringTests {
  static let folder = IRGoldenTests.folder

  static func lower(
    _ name: String, options: LoweringOptions = LoweringOptions()
  ) throws -> (
    Program, [Diagnostic]
  ) {
    let path = folder.appendingPathComponent("\(name).arazzo.yaml").path
    let (program, diagnostics) = Lowering.lower(path: path, options: options)
    return (try #require(program, "\(diagnostics.map(\.message))"), diagnostics)
  }

  /// A source that was not loaded gives AZ3001 warnings and unresolved operands, not a refusal.
  @Test func unresolvedTargetsAreWarnings() throws {
    let (program, diagnostics) = try Self.lower("unresolved-target")
    let text = DiagnosticRenderer(colored: false).render(
      diagnostics.filter { $0.code == .unresolvedTarget }
    ).replacingOccurrences(of: Self.folder.path + "/", with: "")
    let result = compareGolden(
      text, to: Self.folder.appendingPathComponent("unresolved-target.diagnostics.txt"))
    #expect(result == .matched, "\(result)")
    let code = try #require(program.workflow(named: "remote"))
    guard case .request(let r) = code.instructions[1], case .unresolved = r.operation else {
      Issue.record("expected an unresolved request")
      return
    }
    guard case .call(let c) = code.instructions[6] else {
      Issue.record("expected a call")
      return
    }
    #expect(c.target.index == nil)
  }

  /// A document with validation errors is refused with the validator's diagnostics.
  @Test func refusesInvalidDocuments() {
    let (program, diagnostics) = Lowering.lower(
      path: TestPaths.seed.path, options: LoweringOptions(strict: true))
    #expect(program == nil)
    #expect(diagnostics.contains { $0.code == .jsonPathLogicalExpression && $0.severity == .error })
  }

  /// Expressions are compiled once, into the IR: the seed's unbraced header is a template.
  @Test func expressionsAreCompiledIntoTheIR() throws {
    let (program, _) = Lowering.lower(path: TestPaths.seed.path)
    let code = try #require(program?.workflows.first)
    guard case .request(let r) = code.instructions[6] else {
      Issue.record("expected the pollRun request")
      return
    }
    guard case .template(let t) = r.arguments[0].value else {
      Issue.record("Authorization is not a template: \(r.arguments[0].value)")
      return
    }
    #expect(
      t.parts == [
        .text("Bearer "), .expression(try RuntimeExpression.parse("$inputs.token"), braced: false),
      ])
    #expect(
      r.arguments[2].value
        == .expression(try RuntimeExpression.parse("$steps.triggerRun.outputs.runId")))
    guard case .dispatch(let d) = code.instructions[9] else {
      Issue.record("expected the pollRun dispatch")
      return
    }
    guard case .jsonpathLogical = d.onSuccess[0].criteria[0].body else {
      Issue.record("runSucceeded is not the logical-expression reading")
      return
    }
    #expect(code.pc(ofStep: "listArtifacts") == 10)
    #expect(code.stepId(at: 12) == "listArtifacts")
    #expect(code.instructions.allSatisfy { $0.span.file.path.hasSuffix(".arazzo.yaml") })
  }

  /// The alternative reading of docs/semantics.md#action-lists: a non-empty step list replaces the
  /// workflow's.
  @Test func stepListCanReplaceWorkflowList() throws {
    let (program, _) = try Self.lower(
      "action-merge", options: LoweringOptions(actionMerge: .stepReplacesWorkflow))
    let code = try #require(program.workflows.first)
    guard case .dispatch(let first) = code.instructions[4],
      case .dispatch(let second) = code.instructions[9]
    else {
      Issue.record("expected dispatches")
      return
    }
    #expect(first.onSuccess.map(\.name) == ["finish"])
    #expect(first.onFailure.map(\.name) == ["serverError"])
    #expect(second.onFailure.map(\.name) == ["notFound", "backOff"])
    #expect(second.onFailure.allSatisfy { $0.origin == .workflow })
  }

  /// Header parameters override case-insensitively; parameters without `in` become inputs.
  @Test func parameterMergeRules() throws {
    let (program, _) = try Self.lower("sub-workflow")
    let caller = try #require(program.workflow(named: "caller"))
    guard case .call(let local) = caller.instructions[1] else {
      Issue.record("expected a call")
      return
    }
    #expect(local.arguments.map(\.name) == ["id", "limit"])
    #expect(local.arguments.allSatisfy { $0.location == nil })
    #expect(program.workflows.map(\.name) == ["caller", "helper", "shared.fetch-pet"])
    guard case .call(let remote) = caller.instructions[6] else {
      Issue.record("expected a call")
      return
    }
    #expect(remote.target.index == 2)
    #expect(remote.arguments.map(\.name) == ["id"])
    #expect(remote.arguments[0].origin == .step)
  }
}
