import ArazzoJSON
import Foundation

/// The operations of one OpenAPI 3.0/3.1 description, indexed for step resolution.
public struct OpenAPIIndex: Sendable {
  /// The HTTP methods a Path Item can hold, in the order OpenAPI lists them.
  public static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

  /// The description as loaded (for locating problems in it).
  public let document: LoadedDocument
  /// The `openapi` field (`3.1.0`).
  public let openapiVersion: String
  /// The description's `info.title`, when present.
  public let title: String?
  /// Document-level servers (`/` when none are declared).
  public let servers: [OpenAPIServer]
  /// Every operation, in document order.
  ///
  /// Operations are built on first lookup; this builds all of them, so prefer
  /// `operation(id:)` and `operation(path:method:)` on large descriptions.
  public var operations: [OpenAPIOperation] { store.stubs.indices.map { store.operation($0) } }
  /// Declared path templates, in document order, with the methods each has.
  public let paths: [(path: String, methods: [String])]
  /// Problems found while indexing (unresolvable `$ref`s, duplicate operationIds), located in
  /// the OpenAPI files.
  public let diagnostics: [Diagnostic]

  private let byOperationId: [String: Int]
  /// Operation indices by path template, then method.
  private let byPath: [String: [String: Int]]
  private let store: OperationStore

  /// Indexes an OpenAPI 3.x description; `load` reads files named by relative `$ref`s.
  ///
  /// Returns nil (with an `.invalidSource` error) when the document is not OpenAPI 3.x.
  public static func build(
    _ document: LoadedDocument,
    load: @escaping @Sendable (String) -> (document: LoadedDocument?, diagnostics: [Diagnostic]) =
      DocumentSource.load(path:)
  ) -> (index: OpenAPIIndex?, diagnostics: [Diagnostic]) {
    let rootSpan = document.map.span(at: JSONPointer())
    guard case .object(let root) = document.root else {
      return (
        nil,
        [
          Diagnostic(
            .invalidSource, nil,
            "'\(document.file.path)' is not an OpenAPI description (found \(document.root.typeName))",
            at: rootSpan)
        ]
      )
    }
    if root["swagger"] != nil {
      let p = JSONPointer(tokens: ["swagger"])
      return (
        nil,
        [
          Diagnostic(
            .invalidSource, nil,
            "Swagger 2.0 is not supported; '\(document.file.path)' must be OpenAPI 3.0 or 3.1",
            at: document.map.span(at: p),
            hint: "convert it to OpenAPI 3 (e.g. with swagger2openapi)")
        ]
      )
    }
    guard case .string(let version)? = root["openapi"], version.hasPrefix("3.") else {
      let found =
        root["openapi"].map { "'openapi: \($0.stringValue ?? $0.typeName)'" }
        ?? "no 'openapi' field"
      return (
        nil,
        [
          Diagnostic(
            .invalidSource, nil,
            "'\(document.file.path)' is not an OpenAPI 3.x description (\(found))", at: rootSpan)
        ]
      )
    }
    var builder = Builder(
      document: document, resolver: ReferenceResolver(root: document, load: load))
    builder.run(root: root)
    let diagnostics = builder.diagnostics + builder.resolver.diagnostics
    let index = OpenAPIIndex(
      document: document, openapiVersion: version, title: root["info"]?["title"]?.stringValue,
      servers: builder.documentServers, store: OperationStore(builder), paths: builder.paths,
      diagnostics: diagnostics)
    return (index, index.diagnostics)
  }

  private init(
    document: LoadedDocument, openapiVersion: String, title: String?, servers: [OpenAPIServer],
    store: OperationStore, paths: [(path: String, methods: [String])],
    diagnostics: [Diagnostic]
  ) {
    self.document = document
    self.openapiVersion = openapiVersion
    self.title = title
    self.servers = servers
    self.store = store
    self.paths = paths
    self.diagnostics = diagnostics
    var byId: [String: Int] = [:]
    var byPath: [String: [String: Int]] = [:]
    for (i, stub) in store.stubs.enumerated() {
      if let id = stub.operationId, byId[id] == nil { byId[id] = i }
      byPath[stub.pathTemplate, default: [:]][stub.method] = i
    }
    self.byOperationId = byId
    self.byPath = byPath
  }

  /// The operation with this operationId (case-sensitive).
  public func operation(id: String) -> OpenAPIOperation? {
    byOperationId[id].map { store.operation($0) }
  }

  /// The operation at a path template and method (`get`, any case).
  public func operation(path: String, method: String) -> OpenAPIOperation? {
    byPath[path]?[method.lowercased()].map { store.operation($0) }
  }

  /// A media type's schema as contract checks validate it (`ContractSchema`): OpenAPI 3.0
  /// Schema Objects translated, references followed through this description's files (those
  /// indexing could read). Nil when the site holds no value.
  public func contractSchema(_ site: SchemaSite, for direction: SchemaDirection) -> ContractSchema?
  {
    guard let value = try? site.pointer.resolve(in: site.document.root) else { return nil }
    let openAPI30 = openapiVersion.hasPrefix("3.0")
    return store.withResolver { resolver in
      ContractSchema(
        value, at: site, openAPI30: openAPI30, direction: direction,
        entryFile: document.file.path
      ) { ref, from in
        resolver.target(of: ref, from: from, at: JSONPointer()).map {
          ($0.value, SchemaSite(document: $0.document, pointer: $0.pointer))
        }
      }
    }
  }

  /// Every declared operationId, in document order.
  public var operationIds: [String] { store.stubs.compactMap(\.operationId) }

  /// A declared operationId close to `id` (case-insensitive or a small edit away).
  public func closestOperationId(to id: String) -> String? {
    EditDistance.suggestion(for: id, among: operationIds)
  }

  /// Resolves the JSON Pointer part of an `operationPath` (after `#`), written raw or
  /// percent-encoded (docs/semantics.md#operation-path).
  public func resolveOperationPath(fragment: String) -> OperationPathResolution {
    var readings = [fragment]
    if let decoded = fragment.removingPercentEncoding, decoded != fragment {
      readings.append(decoded)
    }
    var best: OperationPathResolution?
    for reading in readings {
      let r = resolve(pointerText: reading)
      if best == nil || r.rank > (best?.rank ?? 0) { best = r }
    }
    return best ?? .invalidPointer(fragment)
  }

  private func resolve(pointerText: String) -> OperationPathResolution {
    let pointer: JSONPointer
    do {
      pointer = try JSONPointer(parsing: pointerText)
    } catch {
      return .invalidPointer(error.description)
    }
    let t = pointer.tokens
    guard t.first == "paths" else {
      return .notAnOperation(
        pointer: pointer.description,
        reason: "the pointer '\(pointer)' is not under '/paths', so it cannot name an operation")
    }
    guard t.count >= 2 else {
      return .notAnOperation(
        pointer: pointer.description, reason: "the pointer names the whole Paths Object")
    }
    let path = t[1]
    guard let entry = paths.first(where: { $0.path == path }) else {
      return .noSuchPath(
        path: path, closest: EditDistance.suggestion(for: path, among: paths.map(\.path)))
    }
    guard t.count >= 3 else { return .pathItem(path: path, methods: entry.methods) }
    let method = t[2]
    guard let index = byPath[path]?[method] else {
      if entry.methods.contains(method.lowercased()) {
        return .noSuchMethod(path: path, method: method, methods: entry.methods)
      }
      if Self.methods.contains(method.lowercased()) || t.count == 3 {
        return .noSuchMethod(path: path, method: method, methods: entry.methods)
      }
      return .notAnOperation(
        pointer: pointer.description,
        reason:
          "'\(method)' under path '\(path)' is not an HTTP method (it has \(entry.methods.joined(separator: ", ")))"
      )
    }
    guard t.count == 3 else {
      return .notAnOperation(
        pointer: pointer.description,
        reason:
          "the pointer goes inside the operation '\(method.uppercased()) \(path)' instead of ending at it"
      )
    }
    return .operation(store.operation(index))
  }
}

/// Builds operations on first lookup and keeps them; shared by copies of an index.
///
/// The builder's reference resolver is not thread-safe, so every build runs under the lock.
private final class OperationStore: @unchecked Sendable {
  let stubs: [OpenAPIIndex.Stub]
  private let lock = NSLock()
  private let builder: OpenAPIIndex.Builder
  private var built: [Int: OpenAPIOperation] = [:]

  init(_ builder: OpenAPIIndex.Builder) {
    self.stubs = builder.stubs
    self.builder = builder
  }

  /// `body` run with the builder's reference resolver, under the lock.
  func withResolver<T>(_ body: (ReferenceResolver) -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body(builder.resolver)
  }

  /// The operation of stub `index`, built on first use.
  func operation(_ index: Int) -> OpenAPIOperation {
    lock.lock()
    defer { lock.unlock() }
    if let op = built[index] { return op }
    let op = builder.operation(stubs[index])
    built[index] = op
    return op
  }
}
