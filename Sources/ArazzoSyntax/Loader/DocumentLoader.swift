import ArazzoJSON
import Foundation

/// Loads a YAML or JSON file into a `JSONValue` tree with a location for every value.
///
/// YAML and JSON take the same path: JSON is YAML's flow syntax, and libyaml gives both the
/// same marks, duplicate-key checks and limits. Scalars are typed by the YAML 1.2 core schema.
/// Mapping keys are always strings: a plain key such as `200` keeps its text, so OpenAPI's
/// unquoted status codes load as JSON would spell them. Loading never traps; every failure is a
/// located `Diagnostic` in a `LoadFailure`.
public enum DocumentLoader {
  /// Collections may nest this deep; one more level is `.tooDeep`.
  public static let maxDepth = 256
  /// The most values aliases may add by repeating anchored values (an alias bomb guard).
  public static let maxAliasValues = 1_000_000

  /// Reads and loads the file at `path`; diagnostics show `displayPath` (default: `path`).
  public static func load(
    path: String, displayPath: String? = nil
  ) -> Result<LoadedDocument, LoadFailure> {
    let shown = displayPath ?? path
    let data: [UInt8]
    switch RegularFile.read(path, limit: FileAccess.maxFileSize) {
    case .success(let bytes): data = bytes
    case .failure(.missing): return unreadable("cannot read '\(shown)': no such file")
    case .failure(.directory): return unreadable("cannot read '\(shown)': it is a directory")
    case .failure(.notRegular):
      return unreadable("cannot read '\(shown)': it is not a regular file (a device, FIFO or socket)")
    case .failure(.tooLarge):
      return unreadable("cannot read '\(shown)': it is larger than \(FileAccess.maxFileSize >> 20) MiB")
    case .failure(.unreadable):
      return unreadable("cannot read '\(shown)': permission denied or I/O error")
    }
    let result = load(bytes: data, path: shown)
    if case .success(let document) = result { retained.keep(document) }
    return result
  }

  /// Keeps every document later loaded from a file alive until the process exits.
  ///
  /// For short-lived command-line runs: freeing a large document's value tree node by node
  /// costs as much as a tenth of loading it, and the process is about to end anyway.
  public static func keepDocumentsUntilExit() { retained.enable() }

  private static let retained = RetainedDocuments()

  /// Loads `text`, naming it `path` in diagnostics.
  public static func load(text: String, path: String) -> Result<LoadedDocument, LoadFailure> {
    load(bytes: Array(text.utf8), path: path)
  }

  /// Loads UTF-8 `bytes`, naming them `path` in diagnostics.
  public static func load(bytes: [UInt8], path: String) -> Result<LoadedDocument, LoadFailure> {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    return body.withUnsafeBufferPointer { buffer in
      let text = String(decoding: buffer, as: UTF8.self)
      let file = SourceFile(path: path, text: text)
      if let problem = TextCheck.problem(in: buffer) {
        let at = TextCheck.location(ofByte: problem.offset, in: buffer, file: file)
        return .failure(
          LoadFailure([Diagnostic(.notText, nil, problem.message, at: SourceSpan(start: at))]))
      }
      var composer = YAMLComposer(file: file, maxDepth: maxDepth, maxAliasValues: maxAliasValues)
      var outcome = composer.compose(buffer)
      if outcome.diagnostics.contains(where: {
        $0.code == .yamlSyntax && $0.message.hasPrefix(SyntaxMessage.badUnicodeEscape)
      }),
        let rewritten = SurrogateEscapes.rewrite(buffer)
      {
        var retry = YAMLComposer(file: file, maxDepth: maxDepth, maxAliasValues: maxAliasValues)
        outcome = rewritten.withUnsafeBufferPointer { retry.compose($0) }
      }
      guard let root = outcome.root, !outcome.diagnostics.hasErrors else {
        return .failure(LoadFailure(outcome.diagnostics))
      }
      return .success(LoadedDocument(file: file, root: root, map: outcome.map))
    }
  }

  private static func unreadable(_ message: String) -> Result<LoadedDocument, LoadFailure> {
    .failure(LoadFailure([Diagnostic(.unreadableFile, nil, message, at: nil)]))
  }
}

/// The documents `DocumentLoader.keepDocumentsUntilExit()` keeps alive (never freed).
private final class RetainedDocuments: @unchecked Sendable {
  private let lock = NSLock()
  private var enabled = false
  private var documents: [LoadedDocument] = []

  func enable() {
    lock.lock()
    enabled = true
    lock.unlock()
  }

  func keep(_ document: LoadedDocument) {
    lock.lock()
    if enabled { documents.append(document) }
    lock.unlock()
  }
}
