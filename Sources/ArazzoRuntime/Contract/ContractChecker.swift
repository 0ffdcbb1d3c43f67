import ArazzoHTTP
import ArazzoJSON
import ArazzoSyntax

/// Holds a step's exchange to its operation's OpenAPI description (docs/semantics.md#contract-checks):
/// each failed check is one `Diagnostic` with the check's code and the severity its setting
/// gives. Each schema is translated and compiled once, on first use, and kept.
final class ContractChecker {
  let settings: ContractChecks
  private var compiled: [Key: Compiled] = [:]

  /// How many violations of one schema a failure lists (the first in its message, the rest as
  /// notes).
  static let maxViolations = 5
  /// How much of a value a failure quotes.
  static let maxValue = 80

  private struct Key: Hashable {
    var document: ObjectIdentifier
    var pointer: JSONPointer
    var direction: SchemaDirection
  }

  private enum Compiled {
    case schema(JSONSchema, ContractSchema)
    /// The declared schema does not compile: why.
    case unusable(String)
  }

  init(_ settings: ContractChecks) { self.settings = settings }

  /// The failed checks of a response: its status, its Content-Type, its body (when JSON).
  func check(
    _ response: HTTPResponse, body: JSONValue, bodyProblem: String?,
    against contract: OperationContract, step: String, at span: SourceSpan?
  ) -> [Diagnostic] {
    var failures: [Diagnostic] = []
    func fail(_ check: ContractChecks.Check, _ message: String, notes: [DiagnosticNote] = []) {
      guard let severity = settings[check].severity else { return }
      failures.append(
        Diagnostic(check.code, severity, "step '\(step)': " + message, at: span, notes: notes))
    }
    let operation = Self.name(of: contract)
    guard let declared = contract.response(for: response.status) else {
      let list = contract.declaredStatuses.joined(separator: ", ")
      fail(
        .status,
        "status \(response.status) is not declared by \(operation) (it declares \(list.isEmpty ? "no responses" : list))"
      )
      return failures
    }
    guard !response.body.isEmpty else { return failures }
    let contentType = response.headers["Content-Type"]
    let media = contentType.flatMap { OperationContract.mediaType($0, in: declared.content) }
    if media == nil {
      let status = "the \(response.status) response"
      if declared.content.isEmpty {
        fail(
          .contentType,
          "\(status) has a body, but \(operation) declares no content for '\(declared.status)'")
      } else {
        let list = declared.content.map(\.contentType).joined(separator: ", ")
        let what = contentType.map { "Content-Type '\($0)'" } ?? "no Content-Type"
        fail(
          .contentType,
          "\(status) has \(what); \(operation) declares \(list) for '\(declared.status)'")
      }
    }
    guard let media, settings[.responseBody] != .off, let contentType, Self.isJSON(contentType)
    else { return failures }
    let what = "the \(response.status) response body (\(media.contentType))"
    if let bodyProblem {
      fail(.responseBody, "\(what) does not match its schema: \(bodyProblem)")
      return failures
    }
    if let (message, notes) = validate(body, media, .response, contract, what) {
      fail(.responseBody, message, notes: notes)
    }
    return failures
  }

  /// The failed checks of a request: its body against the operation's requestBody.
  func check(
    _ request: HTTPRequest, against contract: OperationContract, step: String,
    at span: SourceSpan?
  ) -> [Diagnostic] {
    guard let severity = settings[.requestBody].severity,
      let declared = contract.operation.requestBody
    else { return [] }
    func fail(_ message: String, notes: [DiagnosticNote] = []) -> [Diagnostic] {
      [
        Diagnostic(
          .contractRequestBody, severity, "step '\(step)': " + message, at: span, notes: notes)
      ]
    }
    let operation = Self.name(of: contract)
    guard let bytes = request.body, !bytes.isEmpty else {
      return declared.required ? fail("no request body was sent; \(operation) requires one") : []
    }
    let contentType = request.headers["Content-Type"] ?? ""
    guard let media = OperationContract.mediaType(contentType, in: declared.content) else {
      let list = declared.contentTypes.joined(separator: ", ")
      return fail(
        "the request body's Content-Type '\(contentType)' is not one \(operation) declares (\(list))"
      )
    }
    guard Self.isJSON(contentType) else { return [] }
    let what = "the request body (\(media.contentType))"
    let body: JSONValue
    do {
      body = try JSONParser.parse(bytes: bytes)
    } catch {
      return fail("\(what) is not JSON: \(error)")
    }
    guard let (message, notes) = validate(body, media, .request, contract, what) else { return [] }
    return fail(message, notes: notes)
  }

  /// Why `value` does not validate against the media type's schema (the first violation in
  /// the message, a few more as notes); nil when it does, or when there is no schema.
  private func validate(
    _ value: JSONValue, _ media: OpenAPIRequestBody.MediaType, _ direction: SchemaDirection,
    _ contract: OperationContract, _ what: String
  ) -> (String, [DiagnosticNote])? {
    guard let site = media.schemaSite else { return nil }
    let key = Key(
      document: ObjectIdentifier(site.document), pointer: site.pointer, direction: direction)
    let entry: Compiled
    if let known = compiled[key] {
      entry = known
    } else if let schema = contract.schema(of: media, for: direction) {
      do {
        entry = .schema(try JSONSchema(schema.schema), schema)
      } catch {
        entry = .unusable(error.message)
      }
      compiled[key] = entry
    } else {
      return nil
    }
    switch entry {
    case .unusable(let why):
      return ("\(what) cannot be checked: its schema does not compile (\(why))", [])
    case .schema(let validator, let schema):
      let violations = validator.validate(value)
      guard let first = violations.first else { return nil }
      let shown = violations.prefix(Self.maxViolations)
      var notes = shown.dropFirst().map { DiagnosticNote(describe($0, in: value, schema)) }
      if violations.count > shown.count {
        notes.append(DiagnosticNote("\(violations.count - shown.count) more not shown"))
      }
      return ("\(what) does not match its schema: \(describe(first, in: value, schema))", notes)
    }
  }

  /// `at /status: expected integer, found string; value "done"; schema #/paths/…/type`.
  private func describe(
    _ v: JSONSchemaViolation, in value: JSONValue, _ schema: ContractSchema
  ) -> String {
    let path = v.instanceLocation.description
    var text = "at \(path.isEmpty ? "(root)" : path): \(v.message)"
    if let found = try? v.instanceLocation.resolve(in: value) {
      text += "; value " + Self.quoted(found, name: v.instanceLocation.tokens.last)
    }
    return text + "; schema " + schema.location(ofKeyword: v.keywordLocation)
  }

  /// A value as a failure quotes it: compact JSON, cut to `maxValue` characters, and
  /// `REDACTED` when the member holding it is named like a secret.
  static func quoted(_ value: JSONValue, name: String?) -> String {
    if let name, Redactor.isSecretName(name) { return "REDACTED" }
    return TerminalText.shortened(JSONPrinter.compact(value), limit: maxValue)
  }

  /// `GET /runs/{id}` (and its operationId).
  static func name(of contract: OperationContract) -> String {
    let op = contract.operation
    let id = op.operationId.map { " (\($0))" } ?? ""
    return "\(op.method.uppercased()) \(op.pathTemplate)\(id)"
  }

  /// Whether a media type is JSON (`application/json`, `…+json`): only those bodies are
  /// validated; others (XML, text) pass the body check unexamined.
  static func isJSON(_ contentType: String) -> Bool {
    let type = OperationContract.bare(contentType)
    return type == "application/json" || type.hasSuffix("+json") || type.hasSuffix("/json")
  }
}
