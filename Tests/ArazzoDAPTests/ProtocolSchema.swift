import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Synchronization

/// The Debug Adapter Protocol's own JSON Schema (`shared/testdata/formats/dap`), checking the
/// messages the adapter sends in tests with the project's JSON Schema validator.
///
/// A message is checked against the definition its name gives: a request against
/// `XxxRequest`, a response against `XxxResponse` (`ErrorResponse` when `success` is false), an
/// event against `XxxEvent` (`setBreakpoints` → `SetBreakpointsResponse`, `stopped` →
/// `StoppedEvent`). A name with no definition is an error, never a pass. The schema is read once;
/// each definition is compiled on first use and kept.
///
/// The schema is draft-04. It uses only keywords draft-04 and 2020-12 share (`definitions` is
/// reached by JSON-pointer `$ref`s, `allOf`, `type` lists, `required`, `enum`, `minimum`), so the
/// 2020-12 validator reads it as written; `_enum` and `format` are annotations.
final class ProtocolSchema: Sendable {
  /// The schema every test shares, or why it could not be read.
  static let shared = Result { try ProtocolSchema(contentsOf: defaultURL) }

  /// `testdata/formats/dap/debugAdapterProtocol.json` in the shared folder.
  static var defaultURL: URL {
    TestPaths.shared.appendingPathComponent("testdata/formats/dap/debugAdapterProtocol.json")
  }

  /// The URI the schema document is registered under; definitions are `$ref`s into it.
  private static let documentURI =
    "https://microsoft.github.io/debug-adapter-protocol/debugAdapterProtocol.json"

  private let document: JSONValue
  private let compiled = Mutex<[String: JSONSchema]>([:])

  init(contentsOf url: URL) throws {
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw ProtocolSchemaError("cannot read the DAP schema at \(url.path): \(error)")
    }
    do {
      document = try JSONParser.parse(text)
    } catch {
      throw ProtocolSchemaError("the DAP schema at \(url.path) is not JSON: \(error)")
    }
    guard document["definitions"]?.objectValue != nil else {
      throw ProtocolSchemaError("the DAP schema at \(url.path) has no 'definitions'")
    }
  }

  /// Every way `message` breaks its definition, one line each: the definition, the instance
  /// path, the message and the failing keyword
  /// (`StoppedEvent /body: missing required property 'reason' [required]`). Empty when valid.
  /// Throws when the message names no definition (a missing or unknown command or event; a
  /// failed response is always an `ErrorResponse`).
  func violations(of message: JSONValue) throws -> [String] {
    try violations(of: message, against: definitionName(for: message))
  }

  /// Every way `value` breaks the definition `name`, in the form `violations(of:)` gives.
  func violations(of value: JSONValue, against name: String) throws -> [String] {
    try schema(name).validate(value).map { v in
      let path = v.instanceLocation.description
      return "\(name) \(path.isEmpty ? "(root)" : path): \(v.message) [\(v.keyword)]"
    }
  }

  /// The names of all the schema's definitions, in document order.
  var definitionNames: [String] { document["definitions"]?.objectValue?.keys ?? [] }

  /// The definition `message` is checked against; throws when the schema has none for it.
  func definitionName(for message: JSONValue) throws -> String {
    let name: String
    switch message["type"]?.stringValue {
    case "request":
      name = try Self.capitalized(message, "command") + "Request"
    case "response":
      // A failure is an ErrorResponse whatever it answers: the protocol's answer to an unknown
      // or malformed request too, which echoes the command it was sent (perhaps none).
      if message["success"]?.boolValue == false {
        name = "ErrorResponse"
      } else {
        name = try Self.capitalized(message, "command") + "Response"
      }
    case "event":
      name = try Self.capitalized(message, "event") + "Event"
    default:
      throw ProtocolSchemaError(
        "a DAP message needs \"type\" request, response or event: \(Self.text(message))")
    }
    try requireDefinition(name, for: message)
    return name
  }

  private func requireDefinition(_ name: String, for message: JSONValue) throws {
    guard document["definitions"]?[name] != nil else {
      throw ProtocolSchemaError(
        "the DAP schema has no definition '\(name)' for \(Self.text(message))")
    }
  }

  /// The compiled definition `name`, compiled now when this is its first use.
  private func schema(_ name: String) throws -> JSONSchema {
    if let known = compiled.withLock({ $0[name] }) { return known }
    let reference: JSONValue = ["$ref": .string(Self.documentURI + "#/definitions/" + name)]
    let schema: JSONSchema
    do {
      // The one-`$ref` schema needs a URI of its own, or it would stand for the document.
      schema = try JSONSchema(
        reference, baseURI: "urn:arazzo:dap-message", registry: [Self.documentURI: document])
    } catch {
      throw ProtocolSchemaError("the DAP schema's '\(name)' does not compile: \(error.message)")
    }
    compiled.withLock { $0[name] = schema }
    return schema
  }

  /// The string `key` of `message` with its first letter upper-cased (`stopped` → `Stopped`).
  private static func capitalized(_ message: JSONValue, _ key: String) throws -> String {
    guard let value = message[key]?.stringValue, let first = value.first else {
      throw ProtocolSchemaError("a DAP message needs a \"\(key)\" string: \(text(message))")
    }
    return first.uppercased() + value.dropFirst()
  }

  private static func text(_ message: JSONValue) -> String {
    let printed = JSONPrinter.compact(message)
    return printed.count > 200 ? String(printed.prefix(200)) + "…" : printed
  }
}

/// Why a message could not be checked against the DAP schema.
struct ProtocolSchemaError: Error, Equatable, CustomStringConvertible {
  var description: String

  init(_ description: String) { self.description = description }
}
