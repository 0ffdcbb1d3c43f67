import ArazzoJSON

/// Reads a located value tree into the document model, collecting structural diagnostics.
///
/// Every reader is total: a wrong type, a missing field or a bad value is reported once and
/// the reader carries on with what it can use.
final class ModelDecoder {
  let document: LoadedDocument
  /// The feature set fields are checked against (set from the `arazzo` field).
  var version: ArazzoVersion = .v10
  var diagnostics: [Diagnostic] = []
  var flagged: [JSONPointer: Set<DiagnosticCode>] = [:]

  init(_ document: LoadedDocument) { self.document = document }

  // MARK: Locations

  func span(_ pointer: JSONPointer) -> SourceSpan { document.map.span(at: pointer) }
  func keySpan(_ pointer: JSONPointer) -> SourceSpan { document.map.keySpan(at: pointer) }

  func located<T>(_ value: T, _ pointer: JSONPointer) -> Located<T> {
    Located(value, pointer: pointer, span: span(pointer))
  }

  /// How a value is named in messages: `'steps'`, `'steps[2]'`, or `the document`.
  func label(_ pointer: JSONPointer) -> String {
    guard let last = pointer.tokens.last else { return "the document" }
    if JSONPointer.arrayIndex(last) != nil, pointer.tokens.count >= 2 {
      return "'\(pointer.tokens[pointer.tokens.count - 2])[\(last)]'"
    }
    return "'\(last)'"
  }

  // MARK: Reporting

  func report(
    _ code: DiagnosticCode, severity: Severity? = nil, _ message: String, at span: SourceSpan,
    flag pointers: [JSONPointer], label: String? = nil, notes: [DiagnosticNote] = [],
    hint: String? = nil, fixIt: FixIt? = nil
  ) {
    diagnostics.append(
      Diagnostic(
        code, severity, message, at: span, label: label, notes: notes, hint: hint, fixIt: fixIt))
    for pointer in pointers { flagged[pointer, default: []].insert(code) }
  }

  func wrongType(_ value: JSONValue, at pointer: JSONPointer, expected: String) {
    report(
      .wrongType, "\(label(pointer)) must be \(expected), found \(value.typeName)",
      at: span(pointer), flag: [pointer], label: "expected \(expected)")
  }

  func missing(_ key: String, in owner: String, at parent: JSONPointer) {
    report(
      .missingField, "\(owner) is missing required field '\(key)'", at: keySpan(parent),
      flag: [parent, parent.appending(key)])
  }

  func invalidEnum(
    _ text: String, at pointer: JSONPointer, field: String, allowed: [String], hint: String? = nil
  ) {
    let list = allowed.map { "'\($0)'" }.joined(separator: ", ")
    var fix: FixIt?
    var help = hint
    if let guess = EditDistance.suggestion(for: text, among: allowed) {
      fix = FixIt(span: span(pointer), replacement: guess)
      help = help ?? "did you mean '\(guess)'?"
    }
    report(
      .invalidValue, "'\(text)' is not a valid \(field); expected one of \(list)",
      at: span(pointer),
      flag: [pointer], hint: help, fixIt: fix)
  }

  // MARK: Objects and fields

  /// The object at `pointer`, or nil (reported) when the value is of another type.
  func object(_ value: JSONValue, at pointer: JSONPointer) -> JSONObject? {
    if case .object(let o) = value { return o }
    wrongType(value, at: pointer, expected: "an object")
    return nil
  }

  /// The `x-` members of an object.
  func extensions(_ object: JSONObject) -> JSONObject {
    JSONObject(object.members.filter { $0.key.hasPrefix("x-") }.map { ($0.key, $0.value) })
  }

  /// Reports the members of `object` that are neither `fields`, nor allowed by the version,
  /// nor (when `allowsExtensions`) `x-` extensions.
  func checkFields(
    _ object: JSONObject, at pointer: JSONPointer, owner: String, fields: [String],
    fields11: [String] = [], allowsExtensions: Bool = true, severity: Severity? = nil
  ) {
    let known = version >= .v11 ? fields + fields11 : fields
    for key in object.keys where !known.contains(key) {
      if allowsExtensions && key.hasPrefix("x-") { continue }
      let fieldPointer = pointer.appending(key)
      if fields11.contains(key) {
        report(
          .unknownField, severity: severity,
          "'\(key)' is an Arazzo 1.1 field; this document is 1.0.x",
          at: keySpan(fieldPointer), flag: [pointer, fieldPointer],
          hint: "declare 'arazzo: 1.1.0' to use it, or remove it")
        continue
      }
      var hint: String?
      var fix: FixIt?
      if let guess = EditDistance.suggestion(for: key, among: known) {
        hint = "did you mean '\(guess)'?"
        fix = FixIt(span: keySpan(fieldPointer), replacement: guess)
      } else if allowsExtensions {
        hint = "extension fields must start with 'x-'"
      }
      report(
        .unknownField, severity: severity, "unknown field '\(key)' in \(owner)",
        at: keySpan(fieldPointer),
        flag: [pointer, fieldPointer], hint: hint, fixIt: fix)
    }
  }

  /// A string field, or nil when absent or of another type (reported).
  func optionalString(
    _ object: JSONObject, _ key: String, at parent: JSONPointer
  )
    -> Located<String>?
  {
    guard let value = object[key] else { return nil }
    let pointer = parent.appending(key)
    if case .string(let s) = value { return located(s, pointer) }
    wrongType(value, at: pointer, expected: "a string")
    return nil
  }

  /// A required string field; a placeholder marked missing when absent or unusable.
  func requiredString(
    _ object: JSONObject, _ key: String, at parent: JSONPointer, owner: String
  ) -> Located<String> {
    let pointer = parent.appending(key)
    guard let value = object[key] else {
      missing(key, in: owner, at: parent)
      return Located("", pointer: pointer, span: keySpan(parent), isMissing: true)
    }
    if case .string(let s) = value { return located(s, pointer) }
    wrongType(value, at: pointer, expected: "a string")
    var text = ""
    switch value {
    case .integer(let i): text = String(i)
    case .number(let d): text = String(d)
    case .bool(let b): text = String(b)
    default: break
    }
    return Located(text, pointer: pointer, span: span(pointer), isMissing: true)
  }

  /// A required value of any JSON type.
  func requiredValue(
    _ object: JSONObject, _ key: String, at parent: JSONPointer, owner: String
  ) -> Located<JSONValue> {
    let pointer = parent.appending(key)
    guard let value = object[key] else {
      missing(key, in: owner, at: parent)
      return Located(.null, pointer: pointer, span: keySpan(parent), isMissing: true)
    }
    return located(value, pointer)
  }

  /// An optional value of any JSON type.
  func optionalValue(
    _ object: JSONObject, _ key: String, at parent: JSONPointer
  )
    -> Located<JSONValue>?
  {
    guard let value = object[key] else { return nil }
    return located(value, parent.appending(key))
  }

  /// An enum-valued string field; nil when absent, of another type or not allowed (reported).
  func optionalEnum<E: RawRepresentable & CaseIterable>(
    _ object: JSONObject, _ key: String, at parent: JSONPointer, field: String,
    allowed: [E]? = nil, hint: ((String) -> String?)? = nil
  ) -> Located<E>? where E.RawValue == String {
    guard let text = optionalString(object, key, at: parent) else { return nil }
    let cases = allowed ?? Array(E.allCases)
    if let e = E(rawValue: text.value), cases.contains(where: { $0.rawValue == e.rawValue }) {
      return text.map { _ in e }
    }
    invalidEnum(
      text.value, at: text.pointer, field: field, allowed: cases.map(\.rawValue),
      hint: hint?(text.value))
    return nil
  }

  /// A required enum-valued string field; nil when missing or bad (reported).
  func requiredEnum<E: RawRepresentable & CaseIterable>(
    _ object: JSONObject, _ key: String, at parent: JSONPointer, owner: String, field: String,
    allowed: [E]? = nil, hint: ((String) -> String?)? = nil
  ) -> Located<E>? where E.RawValue == String {
    guard object[key] != nil else {
      missing(key, in: owner, at: parent)
      return nil
    }
    return optionalEnum(object, key, at: parent, field: field, allowed: allowed, hint: hint)
  }

  /// The elements of an array field with their pointers; nil when absent or not an array.
  func array(
    _ object: JSONObject, _ key: String, at parent: JSONPointer
  )
    -> [(value: JSONValue, pointer: JSONPointer)]?
  {
    guard let value = object[key] else { return nil }
    let pointer = parent.appending(key)
    guard case .array(let items) = value else {
      wrongType(value, at: pointer, expected: "an array")
      return nil
    }
    return items.enumerated().map { ($0.element, pointer.appending($0.offset)) }
  }

  /// An array of strings; wrong elements are reported and skipped.
  func stringArray(
    _ object: JSONObject, _ key: String, at parent: JSONPointer
  )
    -> [Located<String>]
  {
    (array(object, key, at: parent) ?? []).compactMap { item in
      if case .string(let s) = item.value { return located(s, item.pointer) }
      wrongType(item.value, at: item.pointer, expected: "a string")
      return nil
    }
  }

  /// The members of an object-valued map field with their pointers; nil when absent or wrong.
  func map(
    _ object: JSONObject, _ key: String, at parent: JSONPointer
  )
    -> [(key: Located<String>, value: JSONValue, pointer: JSONPointer)]?
  {
    guard let value = object[key] else { return nil }
    let pointer = parent.appending(key)
    guard let members = self.object(value, at: pointer) else { return nil }
    return members.members.map { member in
      let p = pointer.appending(member.key)
      return (Located(member.key, pointer: p, span: keySpan(p)), member.value, p)
    }
  }

  /// A non-negative number field.
  func optionalNumber(
    _ object: JSONObject, _ key: String, at parent: JSONPointer
  )
    -> Located<Double>?
  {
    guard let value = object[key] else { return nil }
    let pointer = parent.appending(key)
    guard let d = value.doubleValue else {
      wrongType(value, at: pointer, expected: "a number")
      return nil
    }
    if d < 0 {
      report(
        .invalidValue, "\(label(pointer)) must not be negative", at: span(pointer), flag: [pointer])
      return nil
    }
    return located(d, pointer)
  }

  /// A non-negative integer field.
  func optionalInteger(
    _ object: JSONObject, _ key: String, at parent: JSONPointer
  )
    -> Located<Int>?
  {
    guard let value = object[key] else { return nil }
    let pointer = parent.appending(key)
    guard value.isNumber, let i = value.intValue else {
      wrongType(value, at: pointer, expected: "an integer")
      return nil
    }
    if i < 0 {
      report(
        .invalidValue, "\(label(pointer)) must not be negative", at: span(pointer), flag: [pointer])
      return nil
    }
    return located(i, pointer)
  }
}
