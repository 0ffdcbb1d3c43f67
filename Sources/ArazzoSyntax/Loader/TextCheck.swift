import ArazzoJSON

/// Checks that raw bytes are UTF-8 text before libyaml sees them, and maps byte offsets to
/// line:column locations.
enum TextCheck {
  /// Why bytes are not text: the message and the offending byte offset.
  struct Problem: Equatable {
    var message: String
    var offset: Int
  }

  /// The first reason `bytes` is not loadable UTF-8 text, or nil when it is.
  static func problem(in bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
    if bytes.count >= 2,
      (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)
    {
      return Problem(message: "the file is UTF-16 or UTF-32 text; save it as UTF-8", offset: 0)
    }
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        if b == 0 {
          return Problem(
            message: "the file contains a NUL byte; it looks binary, not text", offset: i)
        }
        i += 1
        continue
      }
      let width: Int
      let minimum: UInt32
      var scalar: UInt32
      switch b {
      case 0xC2...0xDF:
        width = 2
        minimum = 0x80
        scalar = UInt32(b & 0x1F)
      case 0xE0...0xEF:
        width = 3
        minimum = 0x800
        scalar = UInt32(b & 0x0F)
      case 0xF0...0xF4:
        width = 4
        minimum = 0x10000
        scalar = UInt32(b & 0x07)
      default: return invalid(b, at: i)
      }
      guard i + width <= n else { return invalid(b, at: i) }
      for k in 1..<width {
        let c = bytes[i + k]
        guard c & 0xC0 == 0x80 else { return invalid(b, at: i) }
        scalar = scalar << 6 | UInt32(c & 0x3F)
      }
      if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
        return invalid(b, at: i)
      }
      i += width
    }
    return nil
  }

  private static func invalid(_ byte: UInt8, at offset: Int) -> Problem {
    let hex = String(byte, radix: 16, uppercase: true)
    return Problem(
      message: "the file is not UTF-8 text: byte 0x\(hex.count == 1 ? "0" + hex : hex) "
        + "does not start a valid UTF-8 sequence",
      offset: offset)
  }

  /// The 1-based line and scalar column of byte `offset`, counting `\n`, `\r\n` and `\r` breaks.
  static func location(
    ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: SourceFile
  ) -> SourceLocation {
    var line = 1
    var column = 1
    var i = 0
    let end = min(offset, bytes.count)
    while i < end {
      let b = bytes[i]
      if b == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if b == UInt8(ascii: "\r") {
        if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") {
          i += 1
          if i >= end { break }
        }
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
      i += 1
    }
    return SourceLocation(file: file, line: line, column: column)
  }
}
