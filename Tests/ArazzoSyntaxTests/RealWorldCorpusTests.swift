import ArazzoJSON
import Foundation
import Testing

@testable import ArazzoSyntax

/// One entry of `testdata/realworld/index.json`.
struct CorpusEntry: Sendable, CustomStringConvertible {
  var path: String
  var expect: String
  var sourcesPresent: Bool
  var urlMap: [String: String]

  var description: String { path }

  /// The repository snapshot the entry is in: the tree its documents may read files in (a
  /// snapshot has no `.git` to find it by).
  var snapshot: String {
    Self.root + "/" + (path.split(separator: "/").first.map(String.init) ?? "")
  }

  static let root = TestPaths.shared("testdata/realworld")

  static func all() -> [CorpusEntry] {
    guard let text = try? String(contentsOfFile: root + "/index.json", encoding: .utf8),
      case .array(let items)? = try? JSONParser.parse(text)
    else { return [] }
    return items.compactMap { item in
      guard let path = item["path"]?.stringValue else { return nil }
      var urlMap: [String: String] = [:]
      for member in item["urlMap"]?.objectValue ?? JSONObject() {
        if let s = member.value.stringValue { urlMap[member.key] = s }
      }
      return CorpusEntry(
        path: path, expect: item["expect"]?.stringValue ?? "unknown",
        sourcesPresent: item["sourcesPresent"]?.boolValue ?? false, urlMap: urlMap)
    }
  }
}

@Suite struct RealWorldCorpusTests {
  /// Documents labelled valid decode, and load their sources, without errors.
  @Test(arguments: CorpusEntry.all().filter { $0.expect == "valid" })
  func validDocumentsDecodeAndLoadSources(entry: CorpusEntry) throws {
    let path = CorpusEntry.root + "/" + entry.path
    let loaded = try loadFixture(path)
    let decoded = ArazzoDocument.decode(loaded)
    #expect(summary(decoded.diagnostics.filter { $0.severity == .error }) == [])
    let document = try #require(decoded.document)
    // Map the literal URLs the corpus knows about to the included files.
    var overrides: [String: String] = [:]
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    for source in document.sourceDescriptions {
      if let local = entry.urlMap[source.url.value] { overrides[source.name.value] = local }
    }
    let set = SourceSet.load(
      for: document, loaded: loaded,
      options: SourceSetOptions(
        overrides: overrides, overrideBaseDirectory: directory,
        root: entry.snapshot))
    if entry.sourcesPresent || !overrides.isEmpty {
      #expect(summary(set.diagnostics.filter { $0.severity == .error }) == [])
    }
  }

  /// Every document, whatever its label, decodes without trapping.
  @Test func everyDocumentDecodesTotally() throws {
    var decodedCount = 0
    for entry in CorpusEntry.all() {
      let path = CorpusEntry.root + "/" + entry.path
      guard let loaded = try? loadFixture(path) else { continue }
      let decoded = ArazzoDocument.decode(loaded)
      if let document = decoded.document {
        decodedCount += 1
        _ = SourceSet.load(for: document, loaded: loaded)
      }
    }
    #expect(decodedCount > 100)
  }
}
