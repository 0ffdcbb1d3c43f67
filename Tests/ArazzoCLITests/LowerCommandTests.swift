import ArazzoTestSupport
import Foundation
import Testing

/// `arazzo lower` end to end.
@Suite struct LowerCommandTests {
  static let seed = ValidateCommandTests.seed
  static let irGolden = TestPaths.root.appendingPathComponent(
    "Tests/ArazzoIRTests/Fixtures/seed.ir.txt")

  /// The seed lowers; stdout is exactly the IR golden file, the quirk warnings go to stderr.
  @Test func seedPrintsItsIR() throws {
    let result = try CLI.run(["lower", Self.seed])
    #expect(result.status == 0)
    let expected = try String(contentsOf: Self.irGolden, encoding: .utf8)
    #expect(result.stdout == expected)
    #expect(result.stderr.contains("warning[AZ2026]"))
  }

  @Test func oneWorkflow() throws {
    let result = try CLI.run(["lower", "--workflow", "trigger-run-and-poll", Self.seed])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("workflow trigger-run-and-poll  ; "))
    let missing = try CLI.run(["lower", "--workflow", "nope", Self.seed])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no workflow 'nope' (workflows: trigger-run-and-poll)"))
  }

  /// Validation errors are printed like `validate` and exit 2, with no IR.
  @Test func invalidDocumentsAreRefused() throws {
    let result = try CLI.run(["lower", "--strict", Self.seed])
    #expect(result.status == 2)
    #expect(result.stdout.contains("error[AZ2025]"))
    #expect(!result.stdout.contains("workflow trigger-run-and-poll"))
  }
}
