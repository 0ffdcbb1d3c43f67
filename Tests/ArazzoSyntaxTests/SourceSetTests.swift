import ArazzoJSON
import Foundation
import Testing

@testable import ArazzoSyntax

/// Loads and decodes an Arazzo file, then its sources.
private func sourceSet(
  _ path: String, options: SourceSetOptions = SourceSetOptions()
) throws
  -> (ArazzoDocument, SourceSet)
{
  let loaded = try loadFixture(path)
  let decoded = ArazzoDocument.decode(loaded)
  let document = try #require(decoded.document)
  return (document, SourceSet.load(for: document, loaded: loaded, options: options))
}

/// A fresh temporary directory holding `files` (name → text).
private func temporaryDirectory(_ files: [String: String]) throws -> String {
  let dir = FileManager.default.temporaryDirectory
    .appendingPathComponent("arazzo-sources-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  for (name, text) in files {
    try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }
  return dir.path
}

private func arazzo(sources: String) -> String {
  #"{"arazzo": "1.0.1", "info": {"title": "t", "version": "1"}, "sourceDescriptions": [\#(sources)], "workflows": [{"workflowId": "w", "steps": [{"stepId": "s", "operationId": "o"}]}]}"#
}

private let openapi =
  #"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/x": {"get": {"operationId": "o"}}}}"#

@Suite struct SourceSetTests {
  @Test func openAPISourceRelativeToTheDocument() throws {
    let (_, set) = try sourceSet(TestPaths.specExamples + "/pet-coupons.arazzo.yaml")
    #expect(summary(set.diagnostics) == [])
    let index = try #require(set.sources["pet-coupons"]?.openapi)
    #expect(index.operation(id: "findPetsByTags") != nil)
    #expect(
      set.resolvedLocations["pet-coupons"]?.hasSuffix("examples/1.0.0/pet-coupons.openapi.yaml")
        == true)
  }

  @Test func missingLocalFileIsAWarningWithTheResolvedPath() throws {
    let (_, set) = try sourceSet(TestPaths.specExamples + "/ExtendedParametersExample.arazzo.yaml")
    #expect(set.diagnostics.map(\.code) == [.sourceUnavailable])
    #expect(set.diagnostics.map(\.severity) == [.warning])
    let note = try #require(set.diagnostics.first?.notes.first?.message)
    #expect(note.hasPrefix("resolved to /"))
    #expect(note.hasSuffix("examples/1.0.0/animals.yaml"))
    guard case .unavailable(let u)? = set.sources.values.first,
      case .missingFile = u.reason
    else {
      Issue.record("expected a missing file")
      return
    }
  }

  @Test func remoteSourcesAreNotFetched() throws {
    let (_, set) = try sourceSet(TestPaths.specExamples + "/LoginAndRetrievePets.arazzo.yaml")
    #expect(set.diagnostics.map(\.code) == [.sourceUnavailable])
    #expect(set.diagnostics.first?.message.hasPrefix("remote source 'petStoreDescription'") == true)
    #expect(
      set.diagnostics.first?.message.hasSuffix("was not fetched; checks that need it were skipped")
        == true)
    guard case .unavailable(let u)? = set.sources["petStoreDescription"], case .remote = u.reason
    else {
      Issue.record("expected a remote source")
      return
    }
  }

  @Test func overrideReplacesARemoteSource() throws {
    let local = TestPaths.shared(
      "testdata/arazzo-spec-examples/external/swagger-petstore/openapi.yaml")
    let (document, set) = try sourceSet(
      TestPaths.specExamples + "/LoginAndRetrievePets.arazzo.yaml",
      options: SourceSetOptions(overrides: ["petStoreDescription": local]))
    #expect(summary(set.diagnostics) == [])
    let index = try #require(set.openAPIIndex(named: "petStoreDescription"))
    // The document's operationPath stops at a Path Item.
    let operationPath = try #require(document.workflows[0].steps.compactMap(\.operationPath).first)
    let fragment = String(operationPath.value.split(separator: "#", maxSplits: 1)[1])
    guard case .pathItem(let path, let methods) = index.resolveOperationPath(fragment: fragment)
    else {
      Issue.record("expected a path item")
      return
    }
    #expect(path == "/pet/findByStatus")
    #expect(methods == ["get"])
  }

  @Test func unknownOverrideNameIsReported() throws {
    let (_, set) = try sourceSet(
      TestPaths.specExamples + "/pet-coupons.arazzo.yaml",
      options: SourceSetOptions(overrides: ["nope": "x.yaml"]))
    #expect(set.diagnostics.map(\.code) == [.unknownSource])
  }

  @Test func arazzoSourcesLoadRecursively() throws {
    let (_, set) = try sourceSet(TestPaths.sourceFixtures + "/arazzo-multiple-sources.json")
    #expect(summary(set.diagnostics) == [])
    #expect(set.sources["petStore"]?.openapi?.operation(id: "listPets") != nil)
    let child = try #require(set.sources["childWorkflows"]?.arazzo)
    #expect(child.workflowIds == ["child-workflow"])
    #expect(set.sources(of: child)["childApi"]?.openapi?.operation(id: "listPets") != nil)
    #expect(set.workflow(source: "childWorkflows", id: "child-workflow")?.workflow.steps.count == 1)
    #expect(set.workflow(source: "childWorkflows", id: "nope") == nil)
  }

  @Test func arazzoSourceCycleIsANoteNotAnError() throws {
    let (_, set) = try sourceSet(TestPaths.sourceFixtures + "/cycle-a.json")
    #expect(!set.diagnostics.hasErrors)
    #expect(set.diagnostics.map(\.code) == [.sourceCycle])
    #expect(set.diagnostics.map(\.severity) == [.note])
    #expect(
      set.diagnostics.first?.message.contains("cycle-a.json → cycle-b.json → cycle-a.json") == true)
    let b = try #require(set.workflow(source: "cycleB", id: "cycle-b-workflow"))
    // From B, its source cycleA is the entry document again, loaded once.
    let back = try #require(
      set.workflow(source: "cycleA", id: "cycle-a-workflow", in: b.source.location))
    #expect(back.source.location == set.entryLocation)
    #expect(set.arazzoDocuments.count == 2)
  }

  @Test func typeIsSniffedWhenAbsent() throws {
    let dir = try temporaryDirectory([
      "main.json": arazzo(
        sources:
          #"{"name": "api", "url": "./api.json"}, {"name": "flows", "url": "file://DIR/other.json"}"#
      ),
      "api.json": openapi,
      "other.json": arazzo(sources: #"{"name": "api", "url": "api.json"}"#),
    ])
    let main = dir + "/main.json"
    try String(contentsOfFile: main, encoding: .utf8).replacingOccurrences(of: "DIR", with: dir)
      .write(toFile: main, atomically: true, encoding: .utf8)
    let (_, set) = try sourceSet(main)
    #expect(summary(set.diagnostics) == [])
    #expect(set.sources["api"]?.openapi != nil)
    #expect(set.sources["flows"]?.arazzo?.workflowIds == ["w"])
  }

  @Test func swaggerAndMismatchedTypes() throws {
    let dir = try temporaryDirectory([
      "main.json": arazzo(
        sources:
          #"{"name": "old", "url": "swagger.json"}, {"name": "wrong", "url": "api.json", "type": "arazzo"}, {"name": "neither", "url": "plain.json"}"#
      ),
      "swagger.json": #"{"swagger": "2.0", "paths": {}}"#,
      "api.json": openapi,
      "plain.json": #"{"hello": 1}"#,
    ])
    let (_, set) = try sourceSet(dir + "/main.json")
    #expect(set.diagnostics.map(\.code) == [.invalidSource, .invalidSource, .invalidSource])
    #expect(set.diagnostics[0].message == "source 'old': Swagger 2.0 is not supported")
    #expect(
      set.diagnostics[1].message
        == "source 'wrong' is declared 'arazzo' but the file is an openapi document")
    #expect(set.sources["wrong"]?.openapi != nil)
    guard case .unavailable(let u)? = set.sources["neither"], case .invalid = u.reason else {
      Issue.record("expected an invalid source")
      return
    }
  }

  @Test(arguments: [
    (
      "../openapi/api.yml", "/work/x/arazzo/doc.yaml", SourceLocator.file("/work/x/openapi/api.yml")
    ),
    ("./a%20b.yaml", "/d/doc.yaml", SourceLocator.file("/d/a b.yaml")),
    ("file:///tmp/x.yaml", "/d/doc.yaml", SourceLocator.file("/tmp/x.yaml")),
    (
      "https://example.com/api.yaml", "/d/doc.yaml",
      SourceLocator.remote("https://example.com/api.yaml")
    ),
    ("/abs/api.yaml#/x", "/d/doc.yaml", SourceLocator.file("/abs/api.yaml")),
  ])
  func locatesSourceURLs(url: String, base: String, expected: SourceLocator) {
    #expect(SourceLocator.resolve(url, relativeTo: base) == expected)
  }
}
