import ArazzoJSON

extension OpenAPIIndex {
  /// A Path Item as resolved (it may live in another file).
  struct PathItem {
    var object: JSONObject
    var document: LoadedDocument
    var pointer: JSONPointer
  }

  /// What the first pass records about one operation.
  struct Stub {
    var operationId: String?
    var method: String
    var pathTemplate: String
    /// The index of its Path Item in `Builder.items`.
    var item: Int
  }

  /// Indexes `paths` in one cheap pass and builds each operation's details on demand.
  struct Builder {
    let document: LoadedDocument
    let resolver: ReferenceResolver
    var documentServers: [OpenAPIServer] = []
    var documentSecurity: JSONValue?
    var items: [PathItem] = []
    var stubs: [Stub] = []
    var paths: [(path: String, methods: [String])] = []
    var diagnostics: [Diagnostic] = []

    init(document: LoadedDocument, resolver: ReferenceResolver) {
      self.document = document
      self.resolver = resolver
    }

    /// Walks `paths` once: records every operation's identity (its details are built on
    /// first lookup), reports duplicate operationIds, and checks every `$ref` the details
    /// would follow, so problems are reported whether or not a step uses the operation.
    mutating func run(root: JSONObject) {
      documentServers = servers(root["servers"], in: document, at: JSONPointer(tokens: ["servers"]))
      if documentServers.isEmpty { documentServers = [OpenAPIServer(url: "/")] }
      documentSecurity = root["security"]
      guard case .object(let pathsObject)? = root["paths"] else { return }
      var firstById: [String: (item: Int, method: String)] = [:]
      for member in pathsObject where member.key.hasPrefix("/") {
        func itemPointer() -> JSONPointer { JSONPointer(tokens: ["paths", member.key]) }
        guard let item = resolver.follow(member.value, in: document, at: itemPointer),
          case .object(let itemObject) = item.value
        else {
          paths.append((member.key, []))
          continue
        }
        let itemIndex = items.count
        let pathItem = PathItem(
          object: itemObject, document: item.document, pointer: item.pointer ?? itemPointer())
        items.append(pathItem)
        checkParameters(
          itemObject["parameters"], in: item.document,
          at: { pathItem.pointer.appending("parameters") })
        var methods: [String] = []
        for method in OpenAPIIndex.methods {
          guard case .object(let op)? = itemObject[method] else { continue }
          func opPointer() -> JSONPointer { pathItem.pointer.appending(method) }
          methods.append(method)
          let operationId = op["operationId"]?.stringValue
          if let operationId {
            if let first = firstById[operationId] {
              let p = opPointer().appending("operationId")
              let firstPointer = items[first.item].pointer.appending(first.method)
                .appending("operationId")
              diagnostics.append(
                Diagnostic(
                  .invalidSource, .warning,
                  "operationId '\(operationId)' is declared twice; steps will use the first",
                  at: item.document.map.span(at: p),
                  notes: [
                    DiagnosticNote("first declared here", at: document.map.span(at: firstPointer))
                  ]))
            } else {
              firstById[operationId] = (itemIndex, method)
            }
          }
          checkParameters(
            op["parameters"], in: item.document, at: { opPointer().appending("parameters") })
          if let body = op["requestBody"] {
            checkRequestBody(body, in: item.document, at: { opPointer().appending("requestBody") })
          }
          if case .object(let responses)? = op["responses"] {
            for response in responses {
              _ = resolver.follow(
                response.value, in: item.document,
                at: { opPointer().appending("responses").appending(response.key) })
            }
          }
          stubs.append(
            Stub(
              operationId: operationId, method: method, pathTemplate: member.key, item: itemIndex))
        }
        paths.append((member.key, methods))
      }
    }

    /// Reports what `parameters(_:in:at:)` would report, without building them.
    func checkParameters(_ value: JSONValue?, in doc: LoadedDocument, at pointer: () -> JSONPointer)
    {
      guard case .array(let items)? = value else { return }
      for (i, item) in items.enumerated() {
        func itemPointer() -> JSONPointer { pointer().appending(i) }
        guard let t = resolver.follow(item, in: doc, at: itemPointer),
          case .object(let o) = t.value, o["name"]?.stringValue != nil, o["in"]?.stringValue != nil,
          let schema = o["schema"]
        else { continue }
        resolver.check(
          schema, in: t.document, at: { (t.pointer ?? itemPointer()).appending("schema") })
      }
    }

    /// Reports what `requestBody(_:in:at:)` would report, without building it.
    func checkRequestBody(_ value: JSONValue, in doc: LoadedDocument, at pointer: () -> JSONPointer)
    {
      guard let t = resolver.follow(value, in: doc, at: pointer),
        case .object(let o) = t.value, case .object(let content)? = o["content"]
      else { return }
      for member in content {
        guard let schema = member.value["schema"] else { continue }
        resolver.check(
          schema, in: t.document,
          at: {
            (t.pointer ?? pointer()).appending("content").appending(member.key).appending("schema")
          })
      }
    }

    /// The full operation for `stub`: parameters merged, references inlined, servers inherited.
    func operation(_ stub: Stub) -> OpenAPIOperation {
      let item = items[stub.item]
      let itemObject = item.object
      let itemServers = servers(
        itemObject["servers"], in: item.document, at: item.pointer.appending("servers"))
      let itemParameters = parameters(
        itemObject["parameters"], in: item.document, at: item.pointer.appending("parameters"))
      let method = stub.method
      let opPointer = item.pointer.appending(method)
      let op = itemObject[method]?.objectValue ?? JSONObject()
      var merged = itemParameters
      for p in parameters(
        op["parameters"], in: item.document, at: opPointer.appending("parameters"))
      {
        if let i = merged.firstIndex(where: { $0.matches(name: p.name, location: p.location) }) {
          merged[i] = p
        } else {
          merged.append(p)
        }
      }
      var opServers = servers(op["servers"], in: item.document, at: opPointer.appending("servers"))
      if opServers.isEmpty { opServers = itemServers }
      if opServers.isEmpty { opServers = documentServers }
      return OpenAPIOperation(
        operationId: stub.operationId, method: method, pathTemplate: stub.pathTemplate,
        pointer: JSONPointer(tokens: ["paths", stub.pathTemplate, method]),
        span: item.document.map.keySpan(at: opPointer),
        summary: op["summary"]?.stringValue, servers: opServers, parameters: merged,
        requestBody: requestBody(
          op["requestBody"], in: item.document, at: opPointer.appending("requestBody")),
        responses: responses(
          op["responses"], in: item.document, at: opPointer.appending("responses")),
        security: op["security"] ?? documentSecurity,
        deprecated: op["deprecated"]?.boolValue ?? false)
    }

    func servers(
      _ value: JSONValue?, in doc: LoadedDocument, at pointer: JSONPointer
    )
      -> [OpenAPIServer]
    {
      guard case .array(let items)? = value else { return [] }
      return items.enumerated().compactMap { (i, item) in
        guard case .object(let o) = item, let url = o["url"]?.stringValue else { return nil }
        var variables: [OpenAPIServer.Variable] = []
        if case .object(let vars)? = o["variables"] {
          for v in vars {
            variables.append(
              OpenAPIServer.Variable(
                name: v.key, defaultValue: v.value["default"]?.stringValue ?? "",
                allowedValues: v.value["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []))
          }
        }
        return OpenAPIServer(
          url: url, description: o["description"]?.stringValue, variables: variables,
          pointer: pointer.appending(i))
      }
    }

    func parameters(
      _ value: JSONValue?, in doc: LoadedDocument, at pointer: JSONPointer
    )
      -> [OpenAPIParameter]
    {
      guard case .array(let items)? = value else { return [] }
      return items.enumerated().compactMap { (i, item) in
        guard let t = resolver.resolve(item, in: doc, at: pointer.appending(i)),
          case .object(let o) = t.value, let name = o["name"]?.stringValue,
          let location = o["in"]?.stringValue
        else { return nil }
        let schema = o["schema"].map {
          resolver.inline($0, in: t.document, at: t.pointer.appending("schema"))
        }
        return OpenAPIParameter(
          name: name, location: location,
          required: o["required"]?.boolValue ?? (location == "path"), schema: schema,
          style: o["style"]?.stringValue, explode: o["explode"]?.boolValue, pointer: t.pointer,
          file: t.document.file)
      }
    }

    func mediaTypes(
      _ value: JSONValue?, in doc: LoadedDocument, at pointer: JSONPointer, inlineSchemas: Bool
    )
      -> [OpenAPIRequestBody.MediaType]
    {
      guard case .object(let content)? = value else { return [] }
      return content.members.map { member in
        let schemaPointer = pointer.appending(member.key).appending("schema")
        let raw = member.value["schema"]
        let schema = raw.map {
          inlineSchemas ? resolver.inline($0, in: doc, at: schemaPointer) : $0
        }
        return OpenAPIRequestBody.MediaType(
          contentType: member.key, schema: schema,
          schemaSite: raw.map { _ in SchemaSite(document: doc, pointer: schemaPointer) })
      }
    }

    func requestBody(
      _ value: JSONValue?, in doc: LoadedDocument, at pointer: JSONPointer
    )
      -> OpenAPIRequestBody?
    {
      guard let value, let t = resolver.resolve(value, in: doc, at: pointer),
        case .object(let o) = t.value
      else { return nil }
      return OpenAPIRequestBody(
        required: o["required"]?.boolValue ?? false,
        content: mediaTypes(
          o["content"], in: t.document, at: t.pointer.appending("content"), inlineSchemas: true),
        pointer: t.pointer)
    }

    func responses(
      _ value: JSONValue?, in doc: LoadedDocument, at pointer: JSONPointer
    )
      -> [OpenAPIResponse]
    {
      guard case .object(let o)? = value else { return [] }
      return o.members.compactMap { member in
        guard let t = resolver.resolve(member.value, in: doc, at: pointer.appending(member.key)),
          case .object(let r) = t.value
        else { return nil }
        return OpenAPIResponse(
          status: member.key, description: r["description"]?.stringValue,
          content: mediaTypes(
            r["content"], in: t.document, at: t.pointer.appending("content"), inlineSchemas: false),
          headers: r["headers"]?.objectValue?.keys ?? [], pointer: t.pointer)
      }
    }
  }
}
