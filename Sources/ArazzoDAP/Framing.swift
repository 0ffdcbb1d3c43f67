import ArazzoJSON
import Foundation

/// The protocol's framing: `Content-Length: N\r\n\r\n` then N bytes of UTF-8 JSON.
public enum DAPFrame {
  /// The largest body accepted (a larger one is skipped and answered with an error).
  public static let maxBodyBytes = 16 << 20
  /// The longest header block looked for before the `\r\n\r\n` that ends it.
  public static let maxHeaderBytes = 8 << 10

  /// `message` framed for the wire.
  public static func encode(_ message: JSONValue) -> [UInt8] {
    let body = Array(JSONPrinter.compact(message).utf8)
    return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
  }
}

/// What the reader found in the byte stream.
public enum DAPInput: Sendable {
  /// A decoded JSON message (not yet checked to be a request).
  case message(JSONValue)
  /// A frame that could not be read: why (the adapter says so and reads on).
  case malformed(String)
}

/// Splits a byte stream into messages, however the bytes arrive (a frame split over reads, two
/// in one read). Never traps and never holds more than a header block and one body: a bad
/// header is dropped up to the next `Content-Length`, an oversized body is skipped unread.
public struct DAPFrameReader {
  private var buffer: [UInt8] = []
  /// Body bytes still to skip (an oversized frame).
  private var skipping = 0

  public init() {}

  /// Appends bytes read from the stream.
  public mutating func feed(_ bytes: some Sequence<UInt8>) {
    buffer.append(contentsOf: bytes)
  }

  /// The next complete message or problem; nil when more bytes are needed.
  public mutating func next() -> DAPInput? {
    skipPending()
    if skipping > 0 { return nil }
    guard !buffer.isEmpty else { return nil }
    guard let end = Self.find(Self.separator, in: buffer, limit: DAPFrame.maxHeaderBytes) else {
      guard buffer.count > DAPFrame.maxHeaderBytes else { return nil }
      resynchronize(from: buffer.count)
      return .malformed(
        "no end of header (\\r\\n\\r\\n) within \(DAPFrame.maxHeaderBytes) bytes; dropped them")
    }
    let header = String(decoding: buffer[..<end], as: UTF8.self)
    let bodyStart = end + Self.separator.count
    let length: Int
    switch Self.contentLength(header) {
    case .failure(let problem):
      resynchronize(from: bodyStart)
      return .malformed(problem.description)
    case .success(let n):
      length = n
    }
    guard length <= DAPFrame.maxBodyBytes else {
      buffer.removeFirst(bodyStart)
      skipping = length
      skipPending()
      return .malformed(
        "a body of \(length) bytes is over the limit of \(DAPFrame.maxBodyBytes); skipped it")
    }
    guard buffer.count - bodyStart >= length else { return nil }
    let body = Array(buffer[bodyStart..<(bodyStart + length)])
    buffer.removeFirst(bodyStart + length)
    guard let text = String(validating: body, as: UTF8.self) else {
      return .malformed("the body is not UTF-8")
    }
    do {
      return .message(try JSONParser.parse(text))
    } catch {
      return .malformed("the body is not JSON: \(error)")
    }
  }

  /// Drops what has arrived of a body being skipped.
  private mutating func skipPending() {
    let n = min(skipping, buffer.count)
    buffer.removeFirst(n)
    skipping -= n
  }

  /// Drops everything before `offset`, then up to the next `Content-Length` (a frame's start).
  private mutating func resynchronize(from offset: Int) {
    buffer.removeFirst(min(offset, buffer.count))
    let marker = Array("Content-Length".utf8)
    if let start = Self.find(marker, in: buffer, limit: buffer.count) {
      buffer.removeFirst(start)
    } else {
      // Keep a tail that may be the start of the marker.
      buffer.removeFirst(max(0, buffer.count - (marker.count - 1)))
    }
  }

  private static let separator = Array("\r\n\r\n".utf8)

  /// The header block's `Content-Length` (other headers are allowed and ignored).
  static func contentLength(_ header: String) -> Result<Int, HeaderProblem> {
    var length: Int?
    for line in header.split(separator: "\r\n", omittingEmptySubsequences: false) {
      guard let colon = line.firstIndex(of: ":") else {
        return .failure(HeaderProblem("a header line without ':': '\(line.prefix(80))'"))
      }
      let name = line[..<colon].trimmingCharacters(in: .whitespaces)
      guard name.lowercased() == "content-length" else { continue }
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      guard let n = Int(value), n >= 0 else {
        return .failure(HeaderProblem("Content-Length is not a byte count: '\(value.prefix(40))'"))
      }
      length = n
    }
    guard let length else { return .failure(HeaderProblem("a header without Content-Length")) }
    return .success(length)
  }

  /// The index of `needle` in `haystack`'s first `limit` bytes (plus the needle).
  static func find(_ needle: [UInt8], in haystack: [UInt8], limit: Int) -> Int? {
    let last = min(haystack.count - needle.count, limit)
    guard last >= 0 else { return nil }
    for i in 0...last where haystack[i] == needle[0] {
      if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
    }
    return nil
  }
}

/// Why a header block was refused.
struct HeaderProblem: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
