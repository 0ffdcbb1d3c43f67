import ArazzoJSON
import Foundation

/// The source descriptions of an entry document, loaded and indexed, recursively for
/// Arazzo sources.
///
/// Each file is loaded once, keyed by its canonical path, so Arazzo sources that reference
/// each other in a cycle resolve to the same documents (a note reports the cycle).
public struct SourceSet: Sendable {
  /// The canonical path of the entry document.
  public let entryLocation: String
  /// The entry document's sources by name.
  public var sources: [String: LoadedSource] { sources(ofDocumentAt: entryLocation) }
  /// Where each of the entry document's sources resolved to (path or URL), by name.
  public let resolvedLocations: [String: String]
  /// Every loading problem, located in the Arazzo file, or in the source file for problems
  /// inside it.
  public let diagnostics: [Diagnostic]
  /// Every Arazzo document in the set by canonical path (the entry included).
  public let arazzoDocuments: [String: ArazzoSource]

  private let sourcesByDocument: [String: [String: LoadedSource]]
  private let accessByDocument: [String: FileAccess]

  init(
    entryLocation: String, resolvedLocations: [String: String], diagnostics: [Diagnostic],
    arazzoDocuments: [String: ArazzoSource], sourcesByDocument: [String: [String: LoadedSource]],
    accessByDocument: [String: FileAccess] = [:]
  ) {
    self.entryLocation = entryLocation
    self.resolvedLocations = resolvedLocations
    self.diagnostics = diagnostics
    self.arazzoDocuments = arazzoDocuments
    self.sourcesByDocument = sourcesByDocument
    self.accessByDocument = accessByDocument
  }

  /// Which files the Arazzo document at `location` (canonical path) may read (its `$ref`s).
  public func fileAccess(ofDocumentAt location: String) -> FileAccess {
    accessByDocument[location] ?? FileAccess(documentAt: location)
  }

  /// The sources of the Arazzo document at `location` (canonical path), by name.
  public func sources(ofDocumentAt location: String) -> [String: LoadedSource] {
    sourcesByDocument[location] ?? [:]
  }

  /// The sources of an Arazzo source document, by name.
  public func sources(of source: ArazzoSource) -> [String: LoadedSource] {
    sources(ofDocumentAt: source.location)
  }

  /// The OpenAPI index of a named source of the document at `location` (default: the entry).
  public func openAPIIndex(named name: String, in location: String? = nil) -> OpenAPIIndex? {
    sources(ofDocumentAt: location ?? entryLocation)[name]?.openapi
  }

  /// The workflow `$sourceDescriptions.<sourceName>.<workflowId>` names, seen from the
  /// document at `location` (default: the entry), with the document that holds it.
  public func workflow(
    source sourceName: String, id: String, in location: String? = nil
  )
    -> (workflow: Workflow, source: ArazzoSource)?
  {
    guard let source = sources(ofDocumentAt: location ?? entryLocation)[sourceName]?.arazzo,
      let workflow = source.workflow(id: id)
    else { return nil }
    return (workflow, source)
  }

  /// Loads every source description of `document` (decoded from `loaded`).
  public static func load(
    for document: ArazzoDocument, loaded: LoadedDocument,
    options: SourceSetOptions = SourceSetOptions()
  ) -> SourceSet {
    let loader = SourceSetLoader(options: options)
    let entry = ArazzoSource(
      location: canonicalPath(loaded.file.path), loaded: loaded, document: document)
    loader.loadEntry(entry)
    return SourceSet(
      entryLocation: entry.location, resolvedLocations: loader.entryLocations,
      diagnostics: loader.diagnostics, arazzoDocuments: loader.arazzoDocuments,
      sourcesByDocument: loader.sourcesByDocument, accessByDocument: loader.accessByDocument)
  }

  /// An absolute, standardized file path.
  static func canonicalPath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }
}

extension SourceSet {
  /// Every operation with this operationId in the OpenAPI sources of the document at
  /// `location` (default: the entry), with the source name, in source name order.
  public func operations(
    withId id: String, in location: String? = nil
  )
    -> [(source: String, operation: OpenAPIOperation)]
  {
    sources(ofDocumentAt: location ?? entryLocation).sorted { $0.key < $1.key }.compactMap {
      entry in
      entry.value.openapi?.operation(id: id).map { (entry.key, $0) }
    }
  }
}
