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
  /// The file access of every Arazzo document loaded, by canonical path.
  var accessByDocument: [String: FileAccess] = [:]
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
    let access = FileAccess(documentAt: entry.location, root: options.root)
    loadSources(of: entry, depth: 0, isEntry: true, access: access)
  }

  /// Loads the sources `source` names; `access` says which files it may read.
  private func loadSources(of source: ArazzoSource, depth: Int, isEntry: Bool, access: FileAccess) {
    inProgress.append(source.location)
    defer { inProgress.removeLast() }
    accessByDocument[source.location] = access
    var result: [String: LoadedSource] = [:]
    for description in source.document.sourceDescriptions where !description.name.isMissing {
      let name = description.name.value
      guard result[name] == nil else { continue }
      let locator: SourceLocator
      let reading: Reading
      if isEntry, let override = options.overrides[name] {
        let directory = options.overrideBaseDirectory ?? FileManager.default.currentDirectoryPath
        locator = SourceLocator.resolveOverride(override, directory: directory)
        // The user's choice: read where it is; what it names, inside its own tree.
        var own = access
        if case .file(let p) = locator { own = FileAccess(documentAt: p) }
        reading = Reading(url: override, access: own, explicit: true)
      } else if description.url.isMissing {
        continue
      } else {
        locator = SourceLocator.resolve(description.url.value, relativeTo: source.location)
        reading = Reading(url: description.url.value, access: access, explicit: false)
      }
      let loaded = load(description, locator: locator, depth: depth, reading: reading)
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

  /// The severity of a local source that is missing or does not load.
  private var localSeverity: Severity { options.requireLocalSources ? .error : .warning }

  /// What a missing local source costs, said after the fact.
  private var consequence: String {
    options.requireLocalSources ? "" : "; checks that need it were skipped"
  }

  /// How one source's file is read: the `url` (or `--source` value) that names it, the access
  /// it and the files it names get, and whether the user named it.
  private struct Reading {
    var url: String
    var access: FileAccess
    var explicit: Bool
  }

  private func load(
    _ description: SourceDescription, locator: SourceLocator, depth: Int, reading: Reading
  ) -> LoadedSource {
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
    switch reading.access.verdict(for: path, explicit: reading.explicit) {
    case .readable:
      break
    case .missing:
      return unavailable(
        .missingFile(path: path), path,
        "source '\(name)' (\(reading.url)) was not found" + consequence, at: description,
        notes: [DiagnosticNote("resolved to \(path)")],
        hint: "fix 'url', or pass --source \(name)=FILE", severity: localSeverity)
    case .refused(let why):
      return unavailable(
        .refused(path: path), path, "source '\(name)' (\(reading.url)) was not read: \(why)",
        at: description, notes: [DiagnosticNote("resolved to \(path)")],
        hint: "pass --source \(name)=FILE to read a file of your choice", code: .refusedFile)
    }
    if let cached = openAPICache[path] { return cached }
    if let cached = arazzoDocuments[path] {
      noteCycle(to: path, at: description)
      return .arazzo(cached)
    }
    let (loadedDocument, problems) = options.load(path)
    guard let loadedDocument else {
      // Not a well-formed source: say where its problems are, never quote it.
      return unavailable(
        .unreadable(path: path), path,
        "source '\(name)' (\(reading.url)) could not be loaded" + consequence, at: description,
        notes: [DiagnosticNote("resolved to \(path)")]
          + problems.prefix(3).map { DiagnosticNote($0.withoutFileText) },
        hint: "fix the file, or pass --source \(name)=FILE", severity: localSeverity)
    }
    let sniffed = Self.sniff(loadedDocument.root)
    if sniffed == "swagger" {
      return unavailable(
        .invalid(path: path), path, "source '\(name)': Swagger 2.0 is not supported",
        at: description, notes: [DiagnosticNote("resolved to \(path)")],
        hint: "convert it to OpenAPI 3 (e.g. with swagger2openapi)", code: .invalidSource)
    }
    // A file that does not say what it is (no top-level 'openapi', 'arazzo' or 'asyncapi') is
    // not a well-formed source, whatever 'type' declares: it is reported here, not quoted.
    guard sniffed != nil else {
      return unavailable(
        .invalid(path: path), path,
        "source '\(name)' is neither OpenAPI nor Arazzo (no 'openapi' or 'arazzo' field)",
        at: description, notes: [DiagnosticNote("resolved to \(path)")],
        hint: "point 'url' at an OpenAPI 3 or Arazzo document", code: .invalidSource)
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
      let (index, indexProblems) = OpenAPIIndex.build(
        loadedDocument, load: reading.access.guarding(options.load))
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
      loadSources(of: source, depth: depth + 1, isEntry: false, access: reading.access)
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
