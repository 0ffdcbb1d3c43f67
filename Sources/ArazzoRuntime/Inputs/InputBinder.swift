import ArazzoJSON
import Foundation

/// The bound workflow inputs and every problem found on the way.
public struct InputBinding: Sendable, Equatable {
  /// The input object (defaults applied), even when there are errors.
  public var inputs: JSONValue
  public var errors: [InputError]
  /// Things that did not stop the run (an input the schema does not declare).
  public var warnings: [String]

  public var isValid: Bool { errors.isEmpty }
}

/// Builds a workflow's input object from `--input`, environment variables and an inputs file,
/// typed and checked by the workflow's `inputs` JSON Schema.
///
/// Precedence: `--input NAME=VALUE` over `ARAZZO_INPUT_<NAME>` over the `--inputs` file. Text
/// values (arguments, environment) are typed by the input's schema `type`: `integer`, `number`,
/// `boolean` and `null` are parsed from the text, `object` and `array` from JSON text, and `string`
/// (or no declared type) keeps the text. `$ref`s to `#/…` resolve against the Arazzo document.
/// Schema `default`s are applied to missing properties, top-level and inside given objects
/// (docs/semantics.md#input-defaults; `applyDefaults: false` turns it off).
public struct InputBinder: Sendable {
  /// The prefix of the environment variables read as inputs.
  public static let environmentPrefix = "ARAZZO_INPUT_"

  /// The inputs schema with `#/…` references into the Arazzo document inlined.
  public let schema: JSONValue?
  public var applyDefaults: Bool

  public init(schema: JSONValue?, documentRoot: JSONValue? = nil, applyDefaults: Bool = true) {
    self.schema = schema.map { SchemaInliner(root: documentRoot).inline($0) }
    self.applyDefaults = applyDefaults
  }

  /// The environment variable that carries input `name` (`ARAZZO_INPUT_ACCOUNT_ID`).
  public static func environmentName(for name: String) -> String {
    environmentPrefix
      + String(
        name.uppercased().unicodeScalars.map { scalar -> Character in
          scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) ? Character(scalar) : "_"
        })
  }

  /// Splits `NAME=VALUE` at the first `=`; nil when there is none or the name is empty.
  public static func splitArgument(_ text: String) -> (name: String, value: String)? {
    guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
    return (String(text[..<eq]), String(text[text.index(after: eq)...]))
  }

  /// Binds the inputs; `arguments` are the `--input` texts in command-line order.
  public func bind(
    arguments: [String] = [], file: JSONValue? = nil, environment: [String: String] = [:]
  ) -> InputBinding {
    var errors: [InputError] = []
    var warnings: [String] = []
    var badNames: Set<String> = []
    var inputs = JSONObject()
    let properties = schema.flatMap(Self.properties(of:))

    if let file {
      if case .object(let object) = file {
        inputs = object
      } else {
        errors.append(.inputsFileNotAnObject(found: file.typeName))
      }
    }

    func set(_ name: String, text: String, source: InputSource) {
      switch Self.typed(text, schema: properties?[name]) {
      case .success(let value):
        inputs[name] = value
        badNames.remove(name)
      case .failure(let failure):
        let expected = failure.expected
        inputs[name] = .string(text)
        badNames.insert(name)
        errors.removeAll {
          if case .wrongType(name, _, _, _) = $0 { return true } else { return false }
        }
        errors.append(.wrongType(name: name, expected: expected, text: text, source: source))
      }
    }

    // Environment: declared names match case-insensitively; without declared properties, every
    // ARAZZO_INPUT_ variable counts, named by its suffix.
    let prefixed = environment.filter { $0.key.uppercased().hasPrefix(Self.environmentPrefix) }
      .sorted { $0.key < $1.key }
    if let properties {
      for name in properties.keys {
        let wanted = Self.environmentName(for: name)
        if let (variable, text) = prefixed.first(where: { $0.key.uppercased() == wanted }) {
          set(name, text: text, source: .environment(variable))
        }
      }
    } else {
      for (variable, text) in prefixed {
        let name = String(variable.dropFirst(Self.environmentPrefix.count))
        if !name.isEmpty { set(name, text: text, source: .environment(variable)) }
      }
    }

    for argument in arguments {
      guard let (name, text) = Self.splitArgument(argument) else {
        errors.append(.malformedArgument(argument))
        continue
      }
      set(name, text: text, source: .argument)
    }

    if let properties {
      for name in inputs.keys where properties[name] == nil {
        warnings.append("input '\(name)' is not declared by the workflow's inputs schema")
      }
    }

    var value = JSONValue.object(inputs)
    if applyDefaults, let schema { value = Self.applyingDefaults(schema, to: value) }

    if let schema {
      let required = Self.required(of: schema)
      var missing: Set<String> = []
      for name in required where value[name] == nil {
        missing.insert(name)
        errors.append(.missingRequired(name: name))
      }
      do {
        let compiled = try JSONSchema(schema)
        for v in compiled.validate(value) {
          let name = v.instanceLocation.tokens.first
          if v.keyword == "required", name == nil,
            missing.contains(where: { v.message.contains("'\($0)'") })
          {
            continue
          }
          if let name, badNames.contains(name) { continue }
          errors.append(
            .violation(name: name, location: v.instanceLocation.description, message: v.message))
        }
      } catch {
        errors.append(.unusableSchema(error.description))
      }
    }
    return InputBinding(inputs: value, errors: errors, warnings: warnings)
  }

  /// The declared properties, including those of `allOf` branches (a `$ref` with siblings is
  /// inlined as `allOf`); nil when there are none.
  static func properties(of schema: JSONValue) -> JSONObject? {
    var merged = schema["properties"]?.objectValue ?? JSONObject()
    for branch in schema["allOf"]?.arrayValue ?? [] {
      for (name, property) in properties(of: branch) ?? JSONObject() where merged[name] == nil {
        merged[name] = property
      }
    }
    return merged.isEmpty && schema["properties"] == nil ? nil : merged
  }

  /// The required property names, including those of `allOf` branches, without repeats.
  static func required(of schema: JSONValue) -> [String] {
    var names = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
    for branch in schema["allOf"]?.arrayValue ?? [] {
      for name in required(of: branch) where !names.contains(name) { names.append(name) }
    }
    return names
  }

  /// Reads `text` as the type `schema` declares; on failure, the declared types.
  static func typed(_ text: String, schema: JSONValue?) -> Result<JSONValue, TypeFailure> {
    var types: [String]
    switch schema?["type"] {
    case .string(let t): types = [t]
    case .array(let ts): types = ts.compactMap(\.stringValue)
    default: types = []
    }
    if types.isEmpty, let s = schema {
      // No `type`: take a hint from `const`/`enum`/`default`, else keep the text.
      if let sample = s["const"] ?? s["enum"]?.arrayValue?.first ?? s["default"],
        sample.stringValue == nil
      {
        types = [sample.typeName == "integer" ? "number" : sample.typeName]
      }
    }
    if types.isEmpty || types == ["string"] { return .success(.string(text)) }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    for type in types {
      switch type {
      case "integer":
        if let i = Int(trimmed) { return .success(.integer(i)) }
        if let v = try? JSONParser.parse(trimmed), v.isNumber, v.intValue != nil {
          return .success(v)
        }
      case "number":
        if let v = try? JSONParser.parse(trimmed), v.isNumber { return .success(v) }
      case "boolean":
        if trimmed.lowercased() == "true" { return .success(true) }
        if trimmed.lowercased() == "false" { return .success(false) }
      case "null":
        if trimmed == "null" || trimmed.isEmpty { return .success(.null) }
      case "object", "array":
        if let v = try? JSONParser.parse(trimmed), v.typeName == type { return .success(v) }
      default:
        continue
      }
    }
    if types.contains("string") { return .success(.string(text)) }
    return .failure(TypeFailure(expected: types))
  }

  struct TypeFailure: Error, Sendable {
    var expected: [String]
  }

  /// `value` with the schema's property defaults filled in where missing, recursively into
  /// objects that are present.
  static func applyingDefaults(_ schema: JSONValue, to value: JSONValue) -> JSONValue {
    guard case .object(var object) = value else { return value }
    let properties = schema["properties"]?.objectValue ?? JSONObject()
    for (name, propertySchema) in properties {
      if let present = object[name] {
        object[name] = applyingDefaults(propertySchema, to: present)
      } else if let fallback = propertySchema["default"] {
        object[name] = applyingDefaults(propertySchema, to: fallback)
      }
    }
    for branch in schema["allOf"]?.arrayValue ?? [] {
      if case .object(let merged) = applyingDefaults(branch, to: .object(object)) {
        object = merged
      }
    }
    return .object(object)
  }
}

extension InputBinder.TypeFailure: Equatable {}

extension Result where Failure == InputBinder.TypeFailure {
  fileprivate static func failure(_ expected: [String]) -> Self {
    .failure(InputBinder.TypeFailure(expected: expected))
  }
}
