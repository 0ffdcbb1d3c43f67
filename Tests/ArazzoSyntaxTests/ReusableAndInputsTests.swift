import ArazzoJSON
import Testing

@testable import ArazzoSyntax

@Suite struct ReusableAndInputsTests {
  @Test func reusableParameterTakesTheOverrideValue() throws {
    let loaded = try loadFixture(TestPaths.specExamples + "/pet-coupons.arazzo.yaml")
    let document = try #require(ArazzoDocument.decode(loaded).document)
    let components = try #require(document.components)
    let reusables = document.workflows.flatMap(\.steps).flatMap(\.parameters).compactMap(\.reusable)
    let withValue = try #require(reusables.first { $0.value != nil })
    let parameter = try #require(components.parameter(for: withValue))
    #expect(parameter.value.value == withValue.value?.value)
    #expect(components.successAction(for: withValue) == nil)
  }

  @Test func inputsReferencesResolveAgainstTheDocument() throws {
    let loaded = try loadFixture(TestPaths.specExamples + "/pet-coupons.arazzo.yaml")
    let document = try #require(ArazzoDocument.decode(loaded).document)
    for workflow in document.workflows {
      let (schema, diagnostics) = workflow.resolvedInputs(in: loaded)
      #expect(summary(diagnostics) == [])
      let resolved = try #require(schema)
      #expect(resolved["$ref"] == nil)
      #expect(resolved["type"] == "object")
    }
  }

  @Test func literalURLMatchesASource() throws {
    let loaded = try loadFixture(TestPaths.specExamples + "/pet-coupons.arazzo.yaml")
    let document = try #require(ArazzoDocument.decode(loaded).document)
    let set = SourceSet.load(for: document, loaded: loaded)
    #expect(set.sourceName(forURL: "./pet-coupons.openapi.yaml", in: document) == "pet-coupons")
    #expect(set.sourceName(forURL: "pet-coupons.openapi.yaml", in: document) == "pet-coupons")
    #expect(set.sourceName(forURL: "other.yaml", in: document) == nil)
  }
}
