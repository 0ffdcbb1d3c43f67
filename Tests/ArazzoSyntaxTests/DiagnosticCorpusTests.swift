import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

@testable import ArazzoSyntax

/// The broken-document corpus: `Fixtures/diagnostics/<slug>.arazzo.yaml`, one behaviour per
/// file, each named for the diagnostic it must produce, with the exact rendered diagnostics in
/// `<slug>.diagnostics.txt` (record with `ARAZZO_RECORD=1`).
@Suite struct DiagnosticCorpusTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/diagnostics")

  static var fixtures: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".arazzo.yaml") && $0 != "valid-baseline.arazzo.yaml" }
      .map { String($0.dropLast(".arazzo.yaml".count)) }.sorted()
  }

  /// Validates a fixture and renders its diagnostics without colour, with paths made relative.
  static func render(_ slug: String, strict: Bool = false) -> (String, ValidationReport) {
    let path = folder.appendingPathComponent("\(slug).arazzo.yaml").path
    let report = Validator(options: ValidationOptions(strict: strict)).validate(path: path)
    let text = DiagnosticRenderer(colored: false).render(report.diagnostics)
      .replacingOccurrences(of: folder.path + "/", with: "")
      .replacingOccurrences(
        of: URL(fileURLWithPath: TestPaths.root).standardizedFileURL.path, with: "<repo>")
    return (text, report)
  }

  @Test(arguments: fixtures)
  func fixtureMatchesGolden(slug: String) {
    let (text, _) = Self.render(slug)
    let golden = Self.folder.appendingPathComponent("\(slug).diagnostics.txt")
    let result = compareGolden(text, to: golden)
    #expect(result == .matched, "\(result)")
  }

  /// Each fixture produces the diagnostic it is named after.
  @Test(arguments: fixtures)
  func fixtureProducesItsCode(slug: String) {
    let (_, report) = Self.render(slug)
    let codes = report.diagnostics.map(\.code.slug)
    #expect(codes.contains(slug), "\(slug): got \(codes)")
  }

  /// Every diagnostic code `validate` can report has a fixture, so every message is seen by a
  /// test (lowering's AZ3xxx codes are tested in ArazzoIRTests).
  @Test func everyCodeHasAFixture() {
    let covered = Set(Self.fixtures)
    let missing = DiagnosticCode.allCases.filter {
      $0.rawValue < "AZ3" && !covered.contains($0.slug)
    }
    .map(\.rawValue)
    #expect(missing == [], "codes without a fixture: \(missing)")
    #expect(Self.fixtures.count >= 40)
  }

  /// The baseline the fixtures are made from is clean.
  @Test func baselineIsClean() {
    let path = Self.folder.appendingPathComponent("valid-baseline.arazzo.yaml").path
    let report = Validator().validate(path: path)
    #expect(report.diagnostics.map(\.message) == [])
  }
}
