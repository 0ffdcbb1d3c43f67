import ArazzoJSON
import Foundation

/// Follows JSON Reference `$ref`s inside an OpenAPI description, across local and relative files.
///
/// Loaded files are cached by path; every chain is protected against cycles, and each
/// unresolvable reference is reported once, located at the `$ref` that names it.
final class ReferenceResolver {
  /// A value found by following references, with the file and pointer it lives at.
  struct Target {
    var value: JSONValue
    var document: LoadedDocument
    var pointer: JSONPointer
  }

  private(set) var documents: [String: LoadedDocument] = [:]
  private(set) var diagnostics: [Diagnostic] = []
  private var reported: Set<String> = []
  private let load: @Sendable (String) -> (document: LoadedDocument?, diagnostics: [Diagnostic])
  /// Limits inlining depth so huge or pathological schemas stay bounded.
  let maxInlineDepth = 32
  /// Limits how many references one `inline` call expands (shared sub-schemas can otherwise
  /// multiply); references past the budget stay as `$ref`.
  let maxInlinedReferences = 2_000
  private var budget = 0

  init(
    root: LoadedDocument,
    load: @escaping @Sendable (String) -> (document: LoadedDocument?, diagnostics: [Diagnostic])
  ) {
    self.load = load
    documents[root.file.path] = root
  }

  private func warn(_ message: String, key: String, at span: SourceSpan) {
    guard reported.insert(key).inserted else { return }
    diagnostics.append(Diagnostic(.invalidSource, .warning, message, at: span))
  }

  /// Follows `$ref` chains starting at `value` until a non-reference value; nil when a
  /// reference cannot be resolved or loops (reported).
  func resolve(_ value: JSONValue, in document: LoadedDocument, at pointer: JSONPointer) -> Target?
  {
    follow(value, in: document, at: { pointer }).map {
      Target(value: $0.value, document: $0.document, pointer: $0.pointer ?? pointer)
    }
  }

  /// Where a chain of references ended; a nil `pointer` means at the start value itself.
  struct Followed {
    var value: JSONValue
    var document: LoadedDocument
    var pointer: JSONPointer?
  }

  /// `resolve(_:in:at:)` with the start pointer computed only when a problem needs it.
  func follow(
    _ value: JSONValue, in document: LoadedDocument, at start: () -> JSONPointer
  )
    -> Followed?
  {
    guard case .object(let first) = value, case .string(let firstRef)? = first["$ref"] else {
      return Followed(value: value, document: document, pointer: nil)
    }
    guard var current = target(of: firstRef, from: document, at: start().appending("$ref")) else {
      return nil
    }
    // Values already passed through; a chain that reaches one again loops.
    var visited: [(file: SourceFile, pointer: JSONPointer)] = []
    while case .object(let o) = current.value, case .string(let ref)? = o["$ref"] {
      if visited.isEmpty { visited.append((document.file, start())) }
      if visited.contains(where: {
        $0.file === current.document.file && $0.pointer == current.pointer
      }) {
        let refPointer = current.pointer.appending("$ref")
        let key = current.document.file.path + "#" + refPointer.description
        warn(
          "'$ref' chain loops back to '\(ref)'", key: "cycle " + key,
          at: current.document.map.span(at: refPointer))
        return nil
      }
      visited.append((current.document.file, current.pointer))
      guard
        let next = target(of: ref, from: current.document, at: current.pointer.appending("$ref"))
      else { return nil }
      current = next
    }
    return Followed(value: current.value, document: current.document, pointer: current.pointer)
  }

  /// What one reference string leads to from one file (cached: references repeat a lot).
  private enum Lookup {
    case found(Target)
    case failed(String)
  }

  /// Lookups by referring file path, then reference text.
  private var lookups: [String: [String: Lookup]] = [:]

  /// The value a single reference names; a failure is reported at `refPointer`, which is only
  /// evaluated then.
  func target(
    of ref: String, from document: LoadedDocument, at refPointer: @autoclosure () -> JSONPointer
  ) -> Target? {
    let lookup: Lookup
    if let cached = lookups[document.file.path]?[ref] {
      lookup = cached
    } else {
      lookup = look(up: ref, from: document)
      lookups[document.file.path, default: [:]][ref] = lookup
    }
    switch lookup {
    case .found(let target):
      return target
    case .failed(let message):
      let site = refPointer()
      warn(
        message, key: document.file.path + "#" + site.description,
        at: document.map.span(at: site))
      return nil
    }
  }

  private func look(up ref: String, from document: LoadedDocument) -> Lookup {
    let parts = ref.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let filePart = parts.isEmpty ? "" : String(parts[0])
    let fragment = parts.count > 1 ? String(parts[1]) : ""
    var targetDocument = document
    if !filePart.isEmpty {
      if filePart.contains("://") && !filePart.hasPrefix("file://") {
        return .failed("remote '$ref' '\(ref)' was not fetched")
      }
      let path = Self.resolvePath(filePart, relativeTo: document.file.path)
      if let cached = documents[path] {
        targetDocument = cached
      } else {
        let (loaded, problems) = load(path)
        guard let loaded else {
          // The file did not load: never quote it.
          let reason = problems.first?.withoutFileText ?? "cannot read it"
          return .failed("cannot load '\(filePart)' for '$ref' '\(ref)': \(reason)")
        }
        documents[path] = loaded
        targetDocument = loaded
      }
    }
    let decoded = fragment.contains("%") ? (fragment.removingPercentEncoding ?? fragment) : fragment
    let pointer: JSONPointer
    do {
      pointer = try JSONPointer(parsing: decoded)
    } catch {
      return .failed("'$ref' '\(ref)' has an invalid JSON Pointer: \(error)")
    }
    do {
      let value = try pointer.resolve(in: targetDocument.root)
      return .found(Target(value: value, document: targetDocument, pointer: pointer))
    } catch {
      return .failed("cannot resolve '$ref' '\(ref)': \(error)")
    }
  }

  /// A copy of `value` with every reference replaced by its target; a reference back into
  /// its own chain stays as `$ref`, and so does anything deeper than `maxInlineDepth`.
  func inline(_ value: JSONValue, in document: LoadedDocument, at pointer: JSONPointer) -> JSONValue
  {
    budget = maxInlinedReferences
    return inline(value, in: document, at: pointer, stack: [], depth: 0)
  }

  private func inline(
    _ value: JSONValue, in document: LoadedDocument, at pointer: JSONPointer, stack: Set<String>,
    depth: Int
  ) -> JSONValue {
    guard depth < maxInlineDepth else { return value }
    switch value {
    case .object(let o):
      if case .string(let ref)? = o["$ref"] {
        guard budget > 0 else { return value }
        budget -= 1
        guard let t = target(of: ref, from: document, at: pointer.appending("$ref")) else {
          return value
        }
        let key = t.document.file.path + "#" + t.pointer.description
        if stack.contains(key) { return value }
        var resolved = inline(
          t.value, in: t.document, at: t.pointer, stack: stack.union([key]), depth: depth + 1)
        // OpenAPI 3.1 allows siblings beside `$ref`; keep them.
        if case .object(var merged) = resolved, o.count > 1 {
          for member in o where member.key != "$ref" && merged[member.key] == nil {
            merged[member.key] = inline(
              member.value, in: document, at: pointer.appending(member.key), stack: stack,
              depth: depth + 1)
          }
          resolved = .object(merged)
        }
        return resolved
      }
      var result = JSONObject()
      for member in o {
        result[member.key] = inline(
          member.value, in: document, at: pointer.appending(member.key), stack: stack,
          depth: depth + 1)
      }
      return .object(result)
    case .array(let items):
      return .array(
        items.enumerated().map {
          inline(
            $0.element, in: document, at: pointer.appending($0.offset), stack: stack,
            depth: depth + 1)
        })
    default:
      return value
    }
  }

  /// Reports what `inline(_:in:at:)` would report for `value`, without building the copy.
  func check(_ value: JSONValue, in document: LoadedDocument, at pointer: () -> JSONPointer) {
    budget = maxInlinedReferences
    var path: [PathToken] = []
    check(value, in: document, at: pointer, path: &path, stack: [], depth: 0)
  }

  /// One step below a base pointer, kept unformatted until a problem needs the pointer.
  private enum PathToken {
    case key(String)
    case index(Int)
  }

  private func pointer(
    _ base: () -> JSONPointer, _ path: [PathToken], _ last: String
  )
    -> JSONPointer
  {
    var tokens = base().tokens
    for token in path {
      switch token {
      case .key(let key): tokens.append(key)
      case .index(let i): tokens.append(String(i))
      }
    }
    tokens.append(last)
    return JSONPointer(tokens: tokens)
  }

  /// Where a reference target lives (file identity and pointer).
  private struct TargetKey: Hashable {
    var file: ObjectIdentifier
    var pointer: JSONPointer
  }

  /// Targets whose whole subtree holds no `$ref`: nothing below them can be reported.
  private var referenceFree: Set<TargetKey> = []

  /// Walks `value` as `inline` would; returns whether the walk was complete and met no `$ref`.
  @discardableResult
  private func check(
    _ value: JSONValue, in document: LoadedDocument, at base: () -> JSONPointer,
    path: inout [PathToken],
    stack: [(file: SourceFile, pointer: JSONPointer)], depth: Int
  ) -> Bool {
    guard depth < maxInlineDepth else { return false }
    switch value {
    case .object(let o):
      if case .string(let ref)? = o["$ref"] {
        guard budget > 0 else { return false }
        budget -= 1
        guard let t = target(of: ref, from: document, at: pointer(base, path, "$ref")) else {
          return false
        }
        if stack.contains(where: { $0.file === t.document.file && $0.pointer == t.pointer }) {
          return false
        }
        let key = TargetKey(file: ObjectIdentifier(t.document.file), pointer: t.pointer)
        if !referenceFree.contains(key) {
          var inner: [PathToken] = []
          let free = check(
            t.value, in: t.document, at: { t.pointer }, path: &inner,
            stack: stack + [(t.document.file, t.pointer)], depth: depth + 1)
          if free { referenceFree.insert(key) }
        }
        if case .object(let resolved) = t.value, depth + 1 < maxInlineDepth, o.count > 1 {
          for member in o where member.key != "$ref" && resolved[member.key] == nil {
            path.append(.key(member.key))
            check(member.value, in: document, at: base, path: &path, stack: stack, depth: depth + 1)
            path.removeLast()
          }
        }
        return false
      }
      var free = true
      for member in o {
        path.append(.key(member.key))
        free =
          check(member.value, in: document, at: base, path: &path, stack: stack, depth: depth + 1)
          && free
        path.removeLast()
      }
      return free
    case .array(let items):
      var free = true
      for (i, item) in items.enumerated() {
        path.append(.index(i))
        free =
          check(item, in: document, at: base, path: &path, stack: stack, depth: depth + 1) && free
        path.removeLast()
      }
      return free
    default:
      return true
    }
  }

  /// `reference` (a relative path or `file://` URL) resolved against the file at `base`.
  static func resolvePath(_ reference: String, relativeTo base: String) -> String {
    if reference.hasPrefix("file://"), let url = URL(string: reference), url.isFileURL {
      return url.standardizedFileURL.path
    }
    let decoded =
      reference.contains("%") ? (reference.removingPercentEncoding ?? reference) : reference
    if decoded.hasPrefix("/") { return URL(fileURLWithPath: decoded).standardizedFileURL.path }
    let directory = URL(fileURLWithPath: base).deletingLastPathComponent()
    return directory.appendingPathComponent(decoded).standardizedFileURL.path
  }
}
