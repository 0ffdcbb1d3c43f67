import ArazzoJSON

/// Writes a value at a JSON Pointer.
///
/// Replaces an existing member or element, adds a member to an
/// existing object, `-` (or the length) appends to an array. A missing parent is an error.
enum JSONPatching {
  static func set(
    _ value: JSONValue, at pointer: JSONPointer, in root: inout JSONValue
  )
    throws(RequestBuildError)
  {
    guard !pointer.tokens.isEmpty else {
      root = value
      return
    }
    try set(value, tokens: pointer.tokens[...], depth: 0, pointer: pointer, in: &root)
  }

  private static func set(
    _ value: JSONValue, tokens: ArraySlice<String>, depth: Int, pointer: JSONPointer,
    in node: inout JSONValue
  ) throws(RequestBuildError) {
    guard let token = tokens.first else {
      node = value
      return
    }
    let here = JSONPointer(tokens: Array(pointer.tokens.prefix(depth))).description
    let place = here.isEmpty ? "the payload root" : "'\(here)'"
    let last = tokens.count == 1
    switch node {
    case .object(var object):
      if last {
        object[token] = value
      } else {
        guard var child = object[token] else {
          throw .replacementFailed(
            target: pointer.description,
            reason: "the parent does not exist: no member '\(token)' at \(place)")
        }
        node = .null  // drop the extra reference so the copy below is not needed
        try set(value, tokens: tokens.dropFirst(), depth: depth + 1, pointer: pointer, in: &child)
        object[token] = child
      }
      node = .object(object)
    case .array(var items):
      let index: Int
      if token == "-" {
        guard last else {
          throw .replacementFailed(
            target: pointer.description, reason: "'-' can only be the last token (append)")
        }
        index = items.count
      } else if let i = JSONPointer.arrayIndex(token) {
        index = i
      } else {
        throw .replacementFailed(
          target: pointer.description, reason: "'\(token)' is not an array index at \(place)")
      }
      if last && index == items.count {
        items.append(value)
      } else {
        guard index < items.count else {
          throw .replacementFailed(
            target: pointer.description,
            reason: "index \(index) is out of range (\(items.count) elements) at \(place)")
        }
        if last {
          items[index] = value
        } else {
          var child = items[index]
          node = .null
          try set(value, tokens: tokens.dropFirst(), depth: depth + 1, pointer: pointer, in: &child)
          items[index] = child
        }
      }
      node = .array(items)
    default:
      throw .replacementFailed(
        target: pointer.description,
        reason: "the parent does not exist: \(place) is \(node.typeName), not an object or array")
    }
  }
}
