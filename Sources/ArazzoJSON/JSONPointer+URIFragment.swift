import Foundation

extension JSONPointer {
  /// Parses a pointer in URI fragment form (`#`, `#/a%20b`): drops `#`, then percent-decodes.
  public init(uriFragment text: String) throws(Failure) {
    guard text.unicodeScalars.first == "#" else {
      throw .syntax("a JSON Pointer URI fragment must start with '#'")
    }
    let encoded = String(text.unicodeScalars.dropFirst())
    guard let decoded = encoded.removingPercentEncoding else {
      throw .syntax("invalid percent-encoding in a JSON Pointer URI fragment")
    }
    try self.init(parsing: decoded)
  }
}
