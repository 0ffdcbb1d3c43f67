import ArazzoIR
import ArazzoJSON
import ArazzoSyntax
import ArazzoTestSupport
import Foundation
import Testing

/// Every document that validates without errors lowers, and its program verifies.
@Suite struct CorpusLoweringTests {
  static let diagnosticsFolder = TestPaths.root.appendingPathComponent(
    "Tests/ArazzoSyntaxTests/Fixtures/diagnostics")
  static let realWorld = TestPaths.shared.appendingPathComponent("testdata/realworld")

  /// Validates, then lowers a document that has no validation errors; returns what happened.
  static func lowerIfValid(
    _ path: String, overrides: [String: String] = [:]
  )
    -> (valid: Bool, program: Program?, diagnostics: [Diagnostic])
  {
    let report = Validator(options: ValidationOptions(sourceOverrides: overrides)).validate(
      path: path)
    guard report.isValid, let loaded = report.loaded, let document = report.document else {
      return (false, nil, report.diagnostics)
    }
    let sources = SourceSet.load(
      for: document, loaded: loaded,
      options: SourceSetOptions(overrides: overrides))
    let (program, diagnostics) = Lowering.lower(
      document: document, loaded: loaded, sources: sources)
    return (true, program, diagnostics)
  }

  static var diagnosticFixtures: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: diagnosticsFolder.path)) ?? []
    return names.filter { $0.hasSuffix(".arazzo.yaml") }.sorted()
  }

  @Test(arguments: diagnosticFixtures)
  func diagnosticFixtureLowersWhenValid(name: String) {
    let path = Self.diagnosticsFolder.appendingPathComponent(name).path
    let (valid, program, diagnostics) = Self.lowerIfValid(path)
    guard valid else { return }
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(program != nil, "\(name): \(errors.map(\.message))")
    if let program {
      #expect(IRVerifier.verify(program) == [])
      _ = IRPrinter().print(program)
    }
  }

  /// The real-world corpus entries, with the literal URLs the index maps to included files.
  static var realWorldEntries: [(path: String, urlMap: [String: String])] {
    guard
      let text = try? String(
        contentsOfFile: realWorld.appendingPathComponent("index.json").path, encoding: .utf8),
      case .array(let items)? = try? JSONParser.parse(text)
    else { return [] }
    return items.compactMap { item in
      guard let path = item["path"]?.stringValue else { return nil }
      var urlMap: [String: String] = [:]
      for member in item["urlMap"]?.objectValue ?? JSONObject() {
        if let s = member.value.stringValue { urlMap[member.key] = s }
      }
      return (path, urlMap)
    }
  }

  @Test func realWorldDocumentsLowerWhenValid() throws {
    let entries = Self.realWorldEntries
    try #require(entries.count >= 100, "the real-world corpus is missing (\(entries.count))")
    var lowered = 0
    var failures: [String] = []
    for entry in entries {
      let path = Self.realWorld.appendingPathComponent(entry.path).path
      let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
      var overrides: [String: String] = [:]
      if !entry.urlMap.isEmpty, case .success(let loaded) = DocumentLoader.load(path: path),
        let document = ArazzoDocument.decode(loaded).document
      {
        for source in document.sourceDescriptions {
          if let local = entry.urlMap[source.url.value] {
            overrides[source.name.value] = local.hasPrefix("/") ? local : directory + "/" + local
          }
        }
      }
      let (valid, program, diagnostics) = Self.lowerIfValid(path, overrides: overrides)
      guard valid else { continue }
      guard let program else {
        failures.append(
          entry.path + ": "
            + diagnostics.filter { $0.severity == .error }.map(\.message).joined(separator: "; "))
        continue
      }
      let problems = IRVerifier.verify(program)
      if !problems.isEmpty {
        failures.append(entry.path + ": " + problems.map(\.message).joined(separator: "; "))
      }
      _ = IRPrinter().print(program)
      lowered += 1
    }
    #expect(failures == [])
    #expect(lowered > 0)
    print("IR corpus: \(lowered) valid real-world documents lowered and verified")
  }
}
