import ArazzoJSON
import Foundation

/// Loads a YAML or JSON file into a `JSONValue` tree with a location for every value.
///
/// YAML and JSON take the same path: JSON is YAML's flow syntax, and libyaml gives both the
/// same marks, duplicate-key checks and limits. JSON is first checked as strict RFC 8259 JSON
/// (`strictJSONProblem`), because YAML's flow syntax forgives what JSON does not (a trailing
/// comma, a single-quoted string, a comment). Scalars are typed by the YAML 1.2 core schema.
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
    case .failure(let failure):
      return unreadable(RegularFile.message(failure, path: shown, limit: FileAccess.maxFileSize))
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
      if let problem = strictJSONProblem(in: buffer, path: path, file: file) {
        return .failure(LoadFailure([problem]))
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

  /// Whether a document is JSON: a `.json` file, or a file not named `.yaml`/`.yml` whose first
  /// character other than white space is `{` or `[`.
  static func isJSON(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> Bool {
    let name = path.lowercased()
    if name.hasSuffix(".json") { return true }
    if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { return false }
    let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
  }

  /// The first RFC 8259 syntax error of a JSON document, located, or nil when it is well-formed
  /// JSON or not JSON at all. Duplicate keys and nesting depth are left to the YAML path, which
  /// reports them with both places and with the loader's own limit.
  static func strictJSONProblem(
    in bytes: UnsafeBufferPointer<UInt8>, path: String, file: SourceFile
  ) -> Diagnostic? {
    guard isJSON(bytes, path: path) else { return nil }
    do {
      _ = try JSONParser.parse(bytes: Array(bytes), maxDepth: maxDepth)
      return nil
    } catch {
      // Left to the YAML path: duplicate keys (it names both places), nesting (its own limit)
      // and lone surrogates in \u escapes (its own message; RFC 8259 leaves them undefined).
      if [
        "duplicate key", "nesting deeper", "unpaired surrogate", "invalid low surrogate",
        "invalid \\u",
      ]
      .contains(where: error.message.hasPrefix) {
        return nil
      }
      var message = error.message
      var offset = error.offset
      // A comma followed only by white space and a closing bracket: say so, at the comma.
      if offset < bytes.count,
        bytes[offset] == UInt8(ascii: "}") || bytes[offset] == UInt8(ascii: "]"),
        let comma = bytes[..<offset].lastIndex(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
        bytes[comma] == UInt8(ascii: ",")
      {
        message =
          "a trailing comma before '\(Character(Unicode.Scalar(bytes[offset])))' is not allowed in JSON"
        offset = comma
      }
      let at = TextCheck.location(ofByte: offset, in: bytes, file: file)
      return Diagnostic(
        .yamlSyntax, nil, "not valid JSON: \(message)", at: SourceSpan(start: at),
        hint:
          "a .json file (or a document starting with '{' or '[') is read as strict RFC 8259 JSON")
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
