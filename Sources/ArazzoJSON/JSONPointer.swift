import Foundation

/// An RFC 6901 JSON Pointer: a list of reference tokens, parsed once.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
  /// The unescaped reference tokens.
  public var tokens: [String]

  public init(tokens: [String] = []) { self.tokens = tokens }

  /// Why a pointer failed to parse or resolve.
  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    case syntax(String)
    /// The token at `index` found nothing (missing member, bad index, `-`, a scalar).
    case notFound(tokenIndex: Int, reason: String)

    public var description: String {
      switch self {
      case .syntax(let m): return m
      case .notFound(_, let reason): return reason
      }
    }
  }

  /// Parses pointer text in JSON-string form (`""`, `"/a/b~1c"`).
  public init(parsing text: String) throws(Failure) {
    guard !text.isEmpty else {
      self.tokens = []
      return
    }
    // Work on scalars: a combining mark after '/' would otherwise hide the '/' in a Character.
    let scalars = text.unicodeScalars
    guard scalars.first == "/" else {
      throw .syntax("a JSON Pointer must be empty or start with '/'")
    }
    var tokens: [String] = []
    for raw in scalars.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
      var token = String.UnicodeScalarView()
      var it = raw.makeIterator()
      while let c = it.next() {
        if c == "~" {
          switch it.next() {
          case "0": token.append("~")
          case "1": token.append("/")
          default: throw .syntax("'~' must be followed by '0' or '1' in a JSON Pointer")
          }
        } else {
          token.append(c)
        }
      }
      tokens.append(String(token))
    }
    self.tokens = tokens
  }

  /// Escapes one token (`~` → `~0`, `/` → `~1`).
  public static func escape(_ token: String) -> String {
    guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
      return token
    }
    var out = ""
    for scalar in token.unicodeScalars {
      switch scalar {
      case "~": out += "~0"
      case "/": out += "~1"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// The pointer text.
  public var description: String { tokens.map { "/" + JSONPointer.escape($0) }.joined() }

  public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens: tokens + [token]) }
  public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

  /// Whether `token` is a valid array index per RFC 6901 (`0` or no leading zero).
  public static func arrayIndex(_ token: String) -> Int? {
    guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    if token.count > 1 && token.first == "0" { return nil }
    return Int(token)
  }

  /// Resolves the pointer against `root`.
  public func resolve(in root: JSONValue) throws(Failure) -> JSONValue {
    var current = root
    for (i, token) in tokens.enumerated() {
      switch current {
      case .object(let o):
        guard let next = o[token] else {
          throw .notFound(tokenIndex: i, reason: "no member '\(token)' at \(prefix(i))")
        }
        current = next
      case .array(let a):
        guard let index = JSONPointer.arrayIndex(token) else {
          throw .notFound(tokenIndex: i, reason: "'\(token)' is not an array index at \(prefix(i))")
        }
        guard index < a.count else {
          throw .notFound(
            tokenIndex: i,
            reason: "index \(index) is out of range (\(a.count) elements) at \(prefix(i))")
        }
        current = a[index]
      default:
        throw .notFound(
          tokenIndex: i, reason: "\(prefix(i)) is \(current.typeName), not a container")
      }
    }
    return current
  }

  private func prefix(_ count: Int) -> String {
    let p = JSONPointer(tokens: Array(tokens.prefix(count))).description
    return p.isEmpty ? "the root" : "'\(p)'"
  }

  /// Resolves, or nil when nothing is there.
  public func value(in root: JSONValue) -> JSONValue? { try? resolve(in: root) }
}
