import ArazzoHTTP
import ArazzoJSON
import Foundation

/// What each `request` instruction built and parsed last, by workflow and pc: a polling step
/// that sends the same request and gets the same answer builds and parses it only once.
struct RequestCache {
  /// A `request` instruction.
  struct Key: Hashable {
    var workflow: Int
    var pc: Int
  }

  /// The last request each instruction built.
  var requests: [Key: CachedRequest] = [:]
  /// The last response body each instruction parsed, with the Content-Type and bytes it was
  /// parsed from.
  private var bodies: [Key: (contentType: String?, bytes: [UInt8], body: ParsedBody)] = [:]

  /// The request the instruction at `key` last built, when it was built from exactly these
  /// parameters and body (`RequestBuilder.build` is pure, so it would build the same again).
  func request(
    at key: Key, builtFrom parameters: [RequestParameter], _ body: EvaluatedBody?
  )
    -> CachedRequest?
  {
    guard let cached = requests[key], cached.matches(parameters, body) else { return nil }
    return cached
  }

  /// `parse(response)`, reusing the last body the instruction at `key` parsed when the bytes
  /// and the Content-Type are the same (a poll that keeps getting the same answer).
  mutating func body(
    of response: HTTPResponse, at key: Key, parse: (HTTPResponse) -> ParsedBody
  ) -> ParsedBody {
    let contentType = response.headers["Content-Type"]
    if let cached = bodies[key], cached.contentType == contentType,
      Self.sameBytes(cached.bytes, response.body)
    {
      return cached.body
    }
    let body = parse(response)
    bodies[key] = (contentType, response.body, body)
    return body
  }

  /// Byte equality by `memcmp` (`==` on `[UInt8]` compares element by element).
  static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in sameBytes(x, y) } }
  }

  static func sameBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
    guard x.count == y.count else { return false }
    guard let p = x.baseAddress, let q = y.baseAddress else { return x.count == 0 }
    return memcmp(p, q, x.count) == 0
  }
}

/// A request built for a `request` instruction, with the inputs it was built from.
struct CachedRequest {
  var parameters: [RequestParameter]
  var body: EvaluatedBody?
  var request: HTTPRequest
  var warnings: [String]
}

extension CachedRequest {
  /// Whether the request was built from exactly these values. Stricter than `==` (which takes
  /// 1 and 1.0 as equal, ignores key order and compares strings by canonical equivalence):
  /// anything that could serialise differently counts as different.
  func matches(_ parameters: [RequestParameter], _ body: EvaluatedBody?) -> Bool {
    guard self.parameters.count == parameters.count else { return false }
    for (a, b) in zip(self.parameters, parameters) {
      guard Self.same(a.name, b.name), a.location == b.location, Self.same(a.value, b.value)
      else { return false }
    }
    switch (self.body, body) {
    case (nil, nil): return true
    case (let a?, let b?):
      guard Self.same(a.contentType ?? "\u{0}nil", b.contentType ?? "\u{0}nil"),
        Self.same(a.payload, b.payload), a.replacements.count == b.replacements.count
      else { return false }
      return zip(a.replacements, b.replacements).allSatisfy {
        Self.same($0.target, $1.target) && Self.same($0.value, $1.value)
      }
    default: return false
    }
  }

  /// Byte equality of two strings (`==` would take canonically equivalent spellings as equal).
  static func same(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    var (a, b) = (a, b)
    return a.withUTF8 { x in b.withUTF8 { y in RequestCache.sameBytes(x, y) } }
  }

  static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.integer(let x), .integer(let y)): return x == y
    case (.number(let x), .number(let y)): return x.bitPattern == y.bitPattern
    case (.string(let x), .string(let y)): return same(x, y)
    case (.array(let x), .array(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    case (.object(let x), .object(let y)):
      return x.count == y.count
        && zip(x.members, y.members).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
    default: return false
    }
  }
}
