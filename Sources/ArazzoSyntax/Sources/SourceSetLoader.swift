import ArazzoJSON
import Foundation

/// The mutable state of one `SourceSet.load`: caches by canonical path and the stack of
/// Arazzo documents being loaded (for cycle notes).
final class SourceSetLoader {
  let options: SourceSetOptions
  var diagnostics: [Diagnostic] = []
  var arazzoDocuments: [String: ArazzoSource] = [:]
  var sourcesByDocument: [String: [String: LoadedSource]] = [:]
  var entryLocations: [String: String] = [:]
  private var openAPICache: [String: LoadedSource] = [:]
  private var inProgress: [String] = []
  private var reportedCycles: Set<String> = []

  init(options: SourceSetOptions) { self.options = options }

  func loadEntry(_ entry: ArazzoSource) {
    arazzoDocuments[entry.location] = entry
    let names = Set(entry.document.sourceDescriptions.map(\.name.value))
    for name in options.overrides.keys.sorted() where !names.contains(name) {
      diagnostics.append(
        Diagnostic(
          .unknownSource, .warning,
          "--source names '\(name)', but the document has no source description of that name",
          at: nil, hint: names.isEmpty ? nil : "sources: " + names.sorted().joined(separator: ", "))
      )
    }
    loadSources(of: entry, depth: 0, isEntry: true)
  }

  private func loadSources(of source: ArazzoSource, depth: Int, isEntry: Bool) {
    inProgress.append(source.location)
    defer { inProgress.removeLast() }
    var result: [String: LoadedSource] = [:]
    for description in source.document.sourceDescriptions where !description.name.isMissing {
      let name = description.name.value
      guard result[name] == nil else { continue }
      let locator: SourceLocator
      if isEntry, let override = options.overrides[name] {
        let directory = options.overrideBaseDirectory ?? FileManager.default.currentDirectoryPath
        locator = SourceLocator.resolveOverride(override, directory: directory)
      } else if description.url.isMissing {
        continue
      } else {
        locator = SourceLocator.resolve(description.url.value, relativeTo: source.location)
      }
      let loaded = load(description, locator: locator, depth: depth)
      result[name] = loaded
      if isEntry {
        switch locator {
        case .file(let p): entryLocations[name] = p
        case .remote(let u): entryLocations[name] = u
        }
      }
    }
    sourcesByDocument[source.location] = result
  }

  private func unavailable(
    _ reason: UnavailableSource.Reason, _ location: String, _ message: String,
    at description: SourceDescription, notes: [DiagnosticNote] = [], hint: String? = nil,
    code: DiagnosticCode = .sourceUnavailable, severity: Severity? = nil
  ) -> LoadedSource {
    diagnostics.append(
      Diagnostic(
        code, severity, message, at: description.url.span, notes: notes, hint: hint))
    return .unavailable(UnavailableSource(reason: reason, location: location))
  }

  private func load(_ description: SourceDescription, locator: SourceLocator, depth: Int)
    -> LoadedSource
  {
    let name = description.name.value
    let path: String
    switch locator {
    case .remote(let url):
      return unavailable(
        .remote(url: url), url,
        "remote source '\(name)' (\(url)) was not fetched; checks that need it were skipped",
        at: description, hint: "pass --source \(name)=FILE to use a local copy")
    case .file(let p):
      path = p
    }
    if let type = description.type?.value, type == .asyncapi {
      return unavailable(
        .unsupportedType("asyncapi"), path,
        "AsyncAPI source '\(name)' is not supported; checks that need it were skipped",
        at: description)
    }
    if let cached = openAPICache[path] { return cached }
    if let cached = arazzoDocuments[path] {
      noteCycle(to: path, at: description)
      return .arazzo(cached)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      !isDirectory.boolValue
    else {
      return unavailable(
        .missingFile(path: path), path,
        "source '\(name)' was not found; checks that need it were skipped", at: description,
        notes: [DiagnosticNote("resolved to \(path)")],
        hint: "fix 'url', or pass --source \(name)=FILE")
    }
    let (loadedDocument, problems) = options.load(path)
    guard let loadedDocument else {
      diagnostics.append(contentsOf: problems)
      return unavailable(
        .unreadable(path: path), path,
        "source '\(name)' could not be loaded; checks that need it were skipped", at: description,
        notes: [DiagnosticNote("resolved to \(path)")])
    }
    let sniffed = Self.sniff(loadedDocument.root)
    if sniffed == "swagger" {
      return unavailable(
        .invalid(path: path), path, "source '\(name)': Swagger 2.0 is not supported",
        at: description, notes: [DiagnosticNote("resolved to \(path)")],
        hint: "convert it to OpenAPI 3 (e.g. with swagger2openapi)", code: .invalidSource)
    }
    let declared = description.type?.value
    var type = declared ?? sniffed.flatMap(SourceType.init(rawValue:))
    if let declared, let sniffed, let actual = SourceType(rawValue: sniffed), actual != declared {
      diagnostics.append(
        Diagnostic(
          .invalidSource, nil,
          "source '\(name)' is declared '\(declared.rawValue)' but the file is an \(actual.rawValue) document",
          at: description.type?.span ?? description.url.span,
          notes: [DiagnosticNote("resolved to \(path)")], hint: "use 'type: \(actual.rawValue)'"))
      type = actual
    }
    switch type {
    case .openapi:
      let (index, indexProblems) = OpenAPIIndex.build(loadedDocument, load: options.load)
      diagnostics.append(contentsOf: indexProblems)
      let result: LoadedSource
      if let index {
        result = .openapi(index)
      } else {
        result = .unavailable(UnavailableSource(reason: .invalid(path: path), location: path))
      }
      openAPICache[path] = result
      return result
    case .arazzo:
      guard depth < options.maxDepth else {
        return unavailable(
          .tooDeep(path: path), path,
          "source '\(name)' nests Arazzo documents deeper than \(options.maxDepth); it was not loaded",
          at: description)
      }
      let decoded = ArazzoDocument.decode(loadedDocument)
      diagnostics.append(contentsOf: decoded.diagnostics)
      guard let document = decoded.document else {
        return .unavailable(UnavailableSource(reason: .invalid(path: path), location: path))
      }
      let source = ArazzoSource(location: path, loaded: loadedDocument, document: document)
      arazzoDocuments[path] = source
      loadSources(of: source, depth: depth + 1, isEntry: false)
      return .arazzo(source)
    case .asyncapi:
      return unavailable(
        .unsupportedType("asyncapi"), path,
        "AsyncAPI source '\(name)' is not supported; checks that need it were skipped",
        at: description)
    case nil:
      return unavailable(
        .invalid(path: path), path,
        "source '\(name)' is neither OpenAPI nor Arazzo (no 'openapi' or 'arazzo' field)",
        at: description, notes: [DiagnosticNote("resolved to \(path)")],
        hint: "declare its 'type', or point 'url' at an OpenAPI 3 or Arazzo document",
        code: .invalidSource)
    }
  }

  /// Reports, once per cycle, that an Arazzo source leads back to a document being loaded.
  private func noteCycle(to path: String, at description: SourceDescription) {
    guard let start = inProgress.firstIndex(of: path) else { return }
    let chain =
      inProgress[start...].map { URL(fileURLWithPath: $0).lastPathComponent }
      + [URL(fileURLWithPath: path).lastPathComponent]
    guard reportedCycles.insert(inProgress[start...].sorted().joined(separator: "|")).inserted
    else { return }
    diagnostics.append(
      Diagnostic(
        .sourceCycle, .note,
        "Arazzo sources form a cycle (\(chain.joined(separator: " → "))); each document is loaded once and its workflows resolve lazily",
        at: description.url.span))
  }

  /// The document kind a top-level key reveals: `openapi`, `arazzo`, `asyncapi` or `swagger`.
  static func sniff(_ root: JSONValue) -> String? {
    guard case .object(let o) = root else { return nil }
    for key in ["openapi", "arazzo", "asyncapi", "swagger"] where o[key] != nil { return key }
    return nil
  }
}
