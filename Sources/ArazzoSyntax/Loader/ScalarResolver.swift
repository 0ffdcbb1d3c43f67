import ArazzoJSON

/// Types YAML scalars by the YAML 1.2 core schema and maps them to JSON values.
///
/// This is deliberately not Yams' `Resolver.default`, which follows YAML 1.1 (`yes`, `on` and
/// `off` are booleans there, `0b1` and `1_000` are integers) and costs a regular expression per
/// scalar. Quoted and block scalars are always strings; explicit tags (`!!str`, `!!int`, …) win
/// over the plain-scalar rules.
enum ScalarResolver {
  /// What a scalar became.
  enum Resolution: Equatable {
    case value(JSONValue)
    /// `.inf`, `-.inf` or `.nan`: a YAML float with no JSON equivalent.
    case nonFinite
    /// The text does not fit its explicit tag (e.g. `!!int abc`); the payload names the tag.
    case mismatch(String)
  }

  static let tagPrefix = "tag:yaml.org,2002:"

  /// Resolves scalar `text`; `plain` is true for unquoted flow scalars, `tag` is libyaml's
  /// expanded tag (nil when the scalar had none).
  static func resolve(_ text: String, plain: Bool, tag: String?) -> Resolution {
    if let tag, tag.hasPrefix(tagPrefix) {
      let name = tag.dropFirst(tagPrefix.count)
      switch name {
      case "str", "binary", "timestamp": return .value(.string(text))
      case "null": return isNull(text) ? .value(.null) : .mismatch("!!null")
      case "bool":
        if let b = bool(text) { return .value(.bool(b)) }
        return .mismatch("!!bool")
      case "int":
        if let v = integer(text) { return .value(v) }
        return .mismatch("!!int")
      case "float":
        switch number(text) {
        case .value(let v)?:
          if case .integer(let i) = v { return .value(.number(Double(i))) }
          return .value(v)
        case .nonFinite?: return .nonFinite
        default: return .mismatch("!!float")
        }
      default: break
      }
    }
    if tag == "!" || !plain { return .value(.string(text)) }
    return resolvePlain(text)
  }

  /// The core-schema rules for an untagged plain scalar.
  static func resolvePlain(_ text: String) -> Resolution {
    if isNull(text) { return .value(.null) }
    if let b = bool(text) { return .value(.bool(b)) }
    // Cheap exit for the common case: text that cannot start a number.
    guard let first = text.utf8.first,
      isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
        || first == UInt8(ascii: ".")
    else { return .value(.string(text)) }
    if let n = number(text) { return n }
    return .value(.string(text))
  }

  static func isNull(_ text: String) -> Bool {
    text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
  }

  static func bool(_ text: String) -> Bool? {
    switch text {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: return nil
    }
  }

  /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`; too large for `Int` becomes `.number`.
  static func integer(_ text: String) -> JSONValue? {
    let u = Array(text.utf8)
    guard !u.isEmpty else { return nil }
    if u.count > 2, u[0] == UInt8(ascii: "0"),
      u[1] == UInt8(ascii: "o") || u[1] == UInt8(ascii: "x")
    {
      let radix = u[1] == UInt8(ascii: "o") ? 8 : 16
      let digits = String(decoding: u[2...], as: UTF8.self)
      if let i = Int(digits, radix: radix) { return .integer(i) }
      // Valid digits that overflow: fall back to a Double built digit by digit.
      var d = 0.0
      for c in digits {
        guard let v = c.hexDigitValue, v < radix else { return nil }
        d = d * Double(radix) + Double(v)
      }
      return .number(d)
    }
    var i = 0
    if u[0] == UInt8(ascii: "+") || u[0] == UInt8(ascii: "-") { i = 1 }
    guard i < u.count, u[i...].allSatisfy(isDigit) else { return nil }
    if let v = Int(text) { return .integer(v) }
    if let d = Double(text), d.isFinite { return .number(d) }
    return nil
  }

  /// Integers and floats of the core schema, or nil when `text` is not a number.
  static func number(_ text: String) -> Resolution? {
    if let v = integer(text) { return .value(v) }
    switch text {
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
      ".nan", ".NaN", ".NAN":
      return .nonFinite
    default: break
    }
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let u = Array(text.utf8)
    var i = 0
    var normalized: [UInt8] = []
    if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
      if u[i] == UInt8(ascii: "-") { normalized.append(u[i]) }
      i += 1
    }
    let intStart = i
    while i < u.count, isDigit(u[i]) { i += 1 }
    let intDigits = i - intStart
    normalized += intDigits == 0 ? [UInt8(ascii: "0")] : Array(u[intStart..<i])
    var fracDigits = 0
    if i < u.count, u[i] == UInt8(ascii: ".") {
      i += 1
      let fracStart = i
      while i < u.count, isDigit(u[i]) { i += 1 }
      fracDigits = i - fracStart
      normalized.append(UInt8(ascii: "."))
      normalized += fracDigits == 0 ? [UInt8(ascii: "0")] : Array(u[fracStart..<i])
    }
    guard intDigits > 0 || fracDigits > 0 else { return nil }
    if i < u.count, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
      normalized.append(UInt8(ascii: "e"))
      i += 1
      if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
        normalized.append(u[i])
        i += 1
      }
      let expStart = i
      while i < u.count, isDigit(u[i]) { i += 1 }
      guard i > expStart else { return nil }
      normalized += u[expStart..<i]
    }
    guard i == u.count else { return nil }
    guard let d = Double(String(decoding: normalized, as: UTF8.self)) else { return nil }
    // 1e999 overflows to infinity: no JSON number can hold it either.
    return d.isFinite ? .value(.number(d)) : .nonFinite
  }

  private static func isDigit(_ b: UInt8) -> Bool {
    b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
  }
}
