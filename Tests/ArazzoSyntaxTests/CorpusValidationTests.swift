import ArazzoJSON
import Foundation
import Testing

@testable import ArazzoSyntax

/// Whole-pipeline verdicts over the public corpora: the 149 real-world documents and the
/// official spec examples and schema fixtures.
@Suite struct CorpusValidationTests {
  /// Every real-world document validates without trapping or hanging; those whose sources are
  /// present get the verdict their label gives.
  @Test(arguments: CorpusEntry.all())
  func realWorldVerdict(entry: CorpusEntry) {
    let start = ContinuousClock.now
    let report = Validator(options: ValidationOptions(root: entry.snapshot))
      .validate(path: CorpusEntry.root + "/" + entry.path)
    let elapsed = ContinuousClock.now - start
    #expect(elapsed < .seconds(20), "\(entry.path) took \(elapsed)")
    guard entry.sourcesPresent else { return }
    let errors = report.diagnostics.filter { $0.severity == .error }
    switch entry.expect {
    case "valid":
      #expect(
        errors.map { "\($0.code.rawValue) \($0.span?.description ?? "") \($0.message)" } == [])
    case "invalid":
      #expect(!errors.isEmpty, "\(entry.path) is labelled invalid but validated clean")
    default:
      break
    }
  }

  @Test func corpusIsThere() {
    #expect(CorpusEntry.all().count == 149)
  }

  // MARK: Official schema fixtures

  static let schemaFixtures = TestPaths.shared("testdata/arazzo-spec-examples/tests")

  static func fixtureFiles(_ folder: String) -> [String] {
    let dir = schemaFixtures + "/" + folder
    return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted().map {
      "\(folder)/\($0)"
    }
  }

  /// Fixtures the official schema accepts load, decode and pass the schema here. (Some hold
  /// semantic errors on purpose, e.g. the BNPL example's, which other tests check.)
  @Test(arguments: fixtureFiles("schema-v1.0/pass") + fixtureFiles("schema-v1.1/pass"))
  func schemaPassFixtureIsValid(file: String) {
    let report = Validator().validate(path: Self.schemaFixtures + "/" + file)
    let errors = report.diagnostics.filter {
      $0.severity == .error && ($0.code.rawValue.hasPrefix("AZ1") || $0.code == .schemaViolation)
    }
    #expect(errors.map { "\($0.code.rawValue) \($0.span?.description ?? "") \($0.message)" } == [])
  }

  /// Fixtures the official schema rejects get at least one error.
  @Test(arguments: fixtureFiles("schema-v1.0/fail") + fixtureFiles("schema-v1.1/fail"))
  func schemaFailFixtureIsInvalid(file: String) {
    let report = Validator().validate(path: Self.schemaFixtures + "/" + file)
    #expect(report.errorCount > 0, "\(file) validated clean")
  }

  // MARK: Known errors in the spec's examples

  static let examples = TestPaths.shared("testdata/arazzo-spec-examples/examples/1.0.0")

  static func codes(_ file: String, overrides: [String: String] = [:]) -> [(String, String)] {
    let report = Validator(options: ValidationOptions(sourceOverrides: overrides)).validate(
      path: examples + "/" + file)
    return report.diagnostics.map { ($0.code.rawValue, $0.message) }
  }

  @Test func loginAndRetrievePetsPointsAtAPathItem() {
    let petstore = TestPaths.shared(
      "testdata/arazzo-spec-examples/external/swagger-petstore/openapi.yaml")
    let found = Self.codes(
      "LoginAndRetrievePets.arazzo.yaml", overrides: ["petStoreDescription": petstore])
    #expect(found.contains { $0.0 == "AZ2018" && $0.1.contains("Path Item") }, "\(found)")
  }

  @Test func fapiParUsesTheWrongOperationIdCase() {
    let found = Self.codes("FAPI-PAR.arazzo.yaml")
    #expect(found.contains { $0.0 == "AZ2004" && $0.1.contains("PAR") }, "\(found)")
  }

  @Test func bnplHasBrokenAndUndeclaredReferences() {
    let found = Self.codes(
      "bnpl-arazzo.yaml", overrides: ["BnplApi": Self.examples + "/bnpl-openapi.yaml"])
    // `$steps.retrieveFinalizedPaymentPlan.finalizedPaymentPlan` lacks `.outputs`.
    #expect(
      found.contains { $0.0 == "AZ2020" && $0.1.contains("finalizedPaymentPlan") }, "\(found)")
    // `loanTransactionId` is never declared by `initiateBnplTransaction`.
    #expect(found.contains { $0.0 == "AZ2023" && $0.1.contains("loanTransactionId") }, "\(found)")
    // A step reads its own output (which it does not even declare) while building its request.
    #expect(found.contains { $0.0 == "AZ2023" && $0.1.contains("redirectAuthToken") }, "\(found)")
    // `redirectAuthToken` is not a parameter the operation declares.
    #expect(found.contains { $0.0 == "AZ2033" && $0.1.contains("redirectAuthToken") }, "\(found)")
  }

  @Test func petCouponsParameterNamesDoNotMatchTheOperation() {
    let found = Self.codes("pet-coupons.arazzo.yaml")
    #expect(found.contains { $0.0 == "AZ2033" && $0.1.contains("pet_tags") }, "\(found)")
    #expect(!found.contains { $0.0.hasPrefix("AZ1") }, "\(found)")
  }

  @Test func extendedParametersExampleSourceIsMissing() {
    let found = Self.codes("ExtendedParametersExample.arazzo.yaml")
    #expect(found.contains { $0.0 == "AZ2014" }, "\(found)")
  }
}
