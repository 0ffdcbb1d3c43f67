import Testing

@testable import ArazzoSyntax

@Suite struct TargetReferenceTests {
  @Test(arguments: [
    ("getRun", TargetReference.bare("getRun")),
    ("$sourceDescriptions.dbt.getRun", .qualified(source: "dbt", name: "getRun")),
    ("$sourceDescriptions.a.b.c", .qualified(source: "a", name: "b.c")),
    ("$sourceDescriptions.a", .bare("$sourceDescriptions.a")),
  ])
  func parsesIds(text: String, expected: TargetReference) {
    #expect(TargetReference.parseId(text) == expected)
  }

  @Test func parsesOperationPaths() {
    #expect(
      TargetReference.parseOperationPath(
        "{$sourceDescriptions.petStoreDescription.url}#/paths/~1pet~1findByStatus")
        == .operationPath(
          source: "petStoreDescription", url: nil, fragment: "/paths/~1pet~1findByStatus"))
    #expect(
      TargetReference.parseOperationPath("https://x/api.yaml#/paths/~1a/get")
        == .operationPath(source: nil, url: "https://x/api.yaml", fragment: "/paths/~1a/get"))
    #expect(TargetReference.parseOperationPath("/paths/~1a/get") == nil)
  }

  @Test func findsOperationsAcrossSources() throws {
    let loaded = try loadFixture(TestPaths.sourceFixtures + "/arazzo-multiple-sources.json")
    let document = try #require(ArazzoDocument.decode(loaded).document)
    let set = SourceSet.load(for: document, loaded: loaded)
    #expect(set.operations(withId: "listPets").map(\.source) == ["petStore"])
  }
}
