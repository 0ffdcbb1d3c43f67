import ArazzoJSON

extension ModelDecoder {
  // MARK: Root

  func decodeRoot() -> ArazzoDocument? {
    let root = JSONPointer()
    guard case .object(let o) = document.root else {
      report(
        .wrongType,
        "an Arazzo document must be an object, found \(document.root.typeName)",
        at: span(root), flag: [root])
      return nil
    }
    let arazzo = requiredString(o, "arazzo", at: root, owner: "the Arazzo document")
    if !arazzo.isMissing {
      if let v = ArazzoVersion(versionString: arazzo.value) {
        version = v
      } else {
        version = .v11
        report(
          .unsupportedVersion,
          "unsupported Arazzo version '\(arazzo.value)'; this tool reads 1.0.x (and 1.1.x)",
          at: arazzo.span, flag: [arazzo.pointer], hint: "use 'arazzo: 1.0.1'")
      }
    }
    checkFields(
      o, at: root, owner: "the Arazzo document",
      fields: ["arazzo", "info", "sourceDescriptions", "workflows", "components"],
      fields11: ["$self"])
    let info: Info
    if let value = o["info"], let io = object(value, at: root.appending("info")) {
      info = decodeInfo(io, at: root.appending("info"))
    } else {
      if o["info"] == nil { missing("info", in: "the Arazzo document", at: root) }
      let p = root.appending("info")
      let placeholder = Located("", pointer: p, span: keySpan(p), isMissing: true)
      info = Info(title: placeholder, version: placeholder, pointer: p)
    }
    let sources = requiredArray(o, "sourceDescriptions", at: root, owner: "the Arazzo document")
      .compactMap { item in
        object(item.value, at: item.pointer).map { decodeSource($0, at: item.pointer) }
      }
    let workflows = requiredArray(o, "workflows", at: root, owner: "the Arazzo document")
      .compactMap { item in
        object(item.value, at: item.pointer).map { decodeWorkflow($0, at: item.pointer) }
      }
    var components: Components?
    if let value = o["components"], let co = object(value, at: root.appending("components")) {
      components = decodeComponents(co, at: root.appending("components"))
    }
    let selfURI = version >= .v11 ? optionalString(o, "$self", at: root) : nil
    return ArazzoDocument(
      arazzo: arazzo, version: version, selfURI: selfURI, info: info,
      sourceDescriptions: sources, workflows: workflows, components: components,
      extensions: extensions(o), pointer: root)
  }

  /// A required array field that must not be empty; reports absence and emptiness.
  func requiredArray(
    _ object: JSONObject, _ key: String, at parent: JSONPointer, owner: String
  )
    -> [(value: JSONValue, pointer: JSONPointer)]
  {
    guard object[key] != nil else {
      missing(key, in: owner, at: parent)
      return []
    }
    guard let items = array(object, key, at: parent) else { return [] }
    if items.isEmpty {
      let p = parent.appending(key)
      report(
        .invalidValue, "'\(key)' must have at least one entry", at: span(p), flag: [p])
    }
    return items
  }

  func decodeInfo(_ o: JSONObject, at p: JSONPointer) -> Info {
    checkFields(o, at: p, owner: "info", fields: ["title", "summary", "description", "version"])
    return Info(
      title: requiredString(o, "title", at: p, owner: "info"),
      summary: optionalString(o, "summary", at: p),
      description: optionalString(o, "description", at: p),
      version: requiredString(o, "version", at: p, owner: "info"),
      extensions: extensions(o), pointer: p)
  }

  func decodeSource(_ o: JSONObject, at p: JSONPointer) -> SourceDescription {
    let owner = "source description"
    checkFields(o, at: p, owner: owner, fields: ["name", "url", "type"])
    let allowed: [SourceType] =
      version >= .v11 ? [.openapi, .arazzo, .asyncapi] : [.openapi, .arazzo]
    return SourceDescription(
      name: requiredString(o, "name", at: p, owner: owner),
      url: requiredString(o, "url", at: p, owner: owner),
      type: optionalEnum(
        o, "type", at: p, field: "source description type", allowed: allowed,
        hint: { $0 == "asyncapi" ? "'asyncapi' sources need 'arazzo: 1.1.0'" : nil }),
      extensions: extensions(o), pointer: p)
  }

  // MARK: Workflows and steps

  func decodeWorkflow(_ o: JSONObject, at p: JSONPointer) -> Workflow {
    let owner = "workflow"
    checkFields(
      o, at: p, owner: owner,
      fields: [
        "workflowId", "summary", "description", "inputs", "dependsOn", "steps", "successActions",
        "failureActions", "outputs", "parameters",
      ])
    var inputs: Located<JSONValue>?
    if let value = optionalValue(o, "inputs", at: p) {
      switch value.value {
      case .object, .bool: inputs = value
      default: wrongType(value.value, at: value.pointer, expected: "a JSON Schema object")
      }
    }
    let steps = requiredArray(o, "steps", at: p, owner: owner).compactMap { item in
      object(item.value, at: item.pointer).map { decodeStep($0, at: item.pointer) }
    }
    return Workflow(
      workflowId: requiredString(o, "workflowId", at: p, owner: owner),
      summary: optionalString(o, "summary", at: p),
      description: optionalString(o, "description", at: p),
      inputs: inputs,
      dependsOn: stringArray(o, "dependsOn", at: p),
      steps: steps,
      successActions: actionList(o, "successActions", at: p, decode: decodeSuccessAction),
      failureActions: actionList(o, "failureActions", at: p, decode: decodeFailureAction),
      outputs: outputs(o, at: p),
      parameters: parameterList(o, "parameters", at: p),
      extensions: extensions(o), pointer: p)
  }

  func decodeStep(_ o: JSONObject, at p: JSONPointer) -> Step {
    let owner = "step"
    checkFields(
      o, at: p, owner: owner,
      fields: [
        "stepId", "description", "operationId", "operationPath", "workflowId", "parameters",
        "requestBody", "successCriteria", "onSuccess", "onFailure", "outputs",
      ],
      fields11: ["channelPath", "action", "correlationId", "timeout", "dependsOn"])
    var requestBody: RequestBody?
    if let value = o["requestBody"], let ro = object(value, at: p.appending("requestBody")) {
      requestBody = decodeRequestBody(ro, at: p.appending("requestBody"))
    }
    let is11 = version >= .v11
    return Step(
      stepId: requiredString(o, "stepId", at: p, owner: owner),
      description: optionalString(o, "description", at: p),
      operationId: optionalString(o, "operationId", at: p),
      operationPath: optionalString(o, "operationPath", at: p),
      workflowId: optionalString(o, "workflowId", at: p),
      channelPath: is11 ? optionalString(o, "channelPath", at: p) : nil,
      action: is11 ? optionalEnum(o, "action", at: p, field: "step action") : nil,
      correlationId: is11 ? optionalString(o, "correlationId", at: p) : nil,
      timeout: is11 ? optionalInteger(o, "timeout", at: p) : nil,
      dependsOn: is11 ? stringArray(o, "dependsOn", at: p) : [],
      parameters: parameterList(o, "parameters", at: p),
      requestBody: requestBody,
      successCriteria: criteria(o, "successCriteria", at: p),
      onSuccess: actionList(o, "onSuccess", at: p, decode: decodeSuccessAction),
      onFailure: actionList(o, "onFailure", at: p, decode: decodeFailureAction),
      outputs: outputs(o, at: p),
      extensions: extensions(o), pointer: p)
  }

  func outputs(_ o: JSONObject, at p: JSONPointer) -> [Output] {
    (map(o, "outputs", at: p) ?? []).compactMap { entry in
      switch entry.value {
      case .string(let s):
        return Output(
          name: entry.key, value: .expression(located(s, entry.pointer)), pointer: entry.pointer)
      case .object(let so) where version >= .v11:
        return Output(
          name: entry.key, value: .selector(decodeSelector(so, at: entry.pointer)),
          pointer: entry.pointer)
      default:
        wrongType(
          entry.value, at: entry.pointer,
          expected: version >= .v11 ? "a runtime expression or a selector" : "a runtime expression")
        return nil
      }
    }
  }

  // MARK: Parameters and reusable objects

  func parameterList(
    _ o: JSONObject, _ key: String, at p: JSONPointer
  )
    -> [InlineOrReusable<Parameter>]
  {
    (array(o, key, at: p) ?? []).compactMap { item in
      guard let po = object(item.value, at: item.pointer) else { return nil }
      if po["reference"] != nil { return .reusable(decodeReusable(po, at: item.pointer)) }
      return .inline(decodeParameter(po, at: item.pointer))
    }
  }

  func decodeParameter(_ o: JSONObject, at p: JSONPointer) -> Parameter {
    let owner = "parameter"
    checkFields(o, at: p, owner: owner, fields: ["name", "in", "value"])
    let allowed: [ParameterLocation] =
      version >= .v11 ? ParameterLocation.allCases : [.path, .query, .header, .cookie]
    let location: Located<ParameterLocation>? = optionalEnum(
      o, "in", at: p, field: "parameter location", allowed: allowed,
      hint: { text in
        switch text {
        case "body":
          return "Arazzo 1.0.1 has no 'in: body'; pass the body with the step's 'requestBody'"
        case "querystring", "channel":
          return "'\(text)' is an Arazzo 1.1 location; declare 'arazzo: 1.1.0' to use it"
        default: return nil
        }
      })
    return Parameter(
      name: requiredString(o, "name", at: p, owner: owner),
      location: location,
      value: requiredValue(o, "value", at: p, owner: owner),
      extensions: extensions(o), pointer: p)
  }

  func decodeReusable(_ o: JSONObject, at p: JSONPointer) -> ReusableObject {
    // The spec says unknown properties MUST be ignored; the schema rejects them: warn.
    checkFields(
      o, at: p, owner: "reusable object", fields: ["reference", "value"], allowsExtensions: false,
      severity: .warning)
    return ReusableObject(
      reference: requiredString(o, "reference", at: p, owner: "reusable object"),
      value: optionalValue(o, "value", at: p), pointer: p)
  }

  // MARK: Actions

  func actionList<A>(
    _ o: JSONObject, _ key: String, at p: JSONPointer,
    decode: (JSONObject, JSONPointer) -> A
  ) -> [InlineOrReusable<A>] {
    (array(o, key, at: p) ?? []).compactMap { item in
      guard let ao = object(item.value, at: item.pointer) else { return nil }
      if ao["reference"] != nil { return .reusable(decodeReusable(ao, at: item.pointer)) }
      return .inline(decode(ao, item.pointer))
    }
  }

  func decodeSuccessAction(_ o: JSONObject, at p: JSONPointer) -> SuccessAction {
    let owner = "success action"
    checkFields(
      o, at: p, owner: owner, fields: ["name", "type", "workflowId", "stepId", "criteria"],
      fields11: ["parameters"])
    let type: Located<SuccessActionType>? = requiredEnum(
      o, "type", at: p, owner: owner, field: "success action type",
      hint: { $0 == "retry" ? "'retry' is only allowed in failure actions (onFailure)" : nil })
    return SuccessAction(
      name: requiredString(o, "name", at: p, owner: owner),
      type: type,
      workflowId: optionalString(o, "workflowId", at: p),
      stepId: optionalString(o, "stepId", at: p),
      parameters: version >= .v11 ? parameterList(o, "parameters", at: p) : [],
      criteria: criteria(o, "criteria", at: p),
      extensions: extensions(o), pointer: p)
  }

  func decodeFailureAction(_ o: JSONObject, at p: JSONPointer) -> FailureAction {
    let owner = "failure action"
    checkFields(
      o, at: p, owner: owner,
      fields: ["name", "type", "workflowId", "stepId", "retryAfter", "retryLimit", "criteria"],
      fields11: ["parameters"])
    let type: Located<FailureActionType>? = requiredEnum(
      o, "type", at: p, owner: owner, field: "failure action type")
    return FailureAction(
      name: requiredString(o, "name", at: p, owner: owner),
      type: type,
      workflowId: optionalString(o, "workflowId", at: p),
      stepId: optionalString(o, "stepId", at: p),
      parameters: version >= .v11 ? parameterList(o, "parameters", at: p) : [],
      retryAfter: optionalNumber(o, "retryAfter", at: p),
      retryLimit: optionalInteger(o, "retryLimit", at: p),
      criteria: criteria(o, "criteria", at: p),
      extensions: extensions(o), pointer: p)
  }

  // MARK: Criteria and selectors

  func criteria(_ o: JSONObject, _ key: String, at p: JSONPointer) -> [Criterion] {
    (array(o, key, at: p) ?? []).compactMap { item in
      object(item.value, at: item.pointer).map { decodeCriterion($0, at: item.pointer) }
    }
  }

  func decodeCriterion(_ o: JSONObject, at p: JSONPointer) -> Criterion {
    let owner = "criterion"
    // `version` beside `type` is the flattened form the official 1.0 schema accepts.
    checkFields(o, at: p, owner: owner, fields: ["context", "condition", "type", "version"])
    var type: Located<CriterionType>?
    var expressionType: CriterionExpressionType?
    if let value = o["type"] {
      let tp = p.appending("type")
      switch value {
      case .string:
        type = optionalEnum(o, "type", at: p, field: "criterion type")
      case .object(let eo):
        let et = decodeExpressionType(eo, at: tp)
        expressionType = et
        if let t = et.type {
          switch t.value {
          case .jsonpath: type = t.map { _ in .jsonpath }
          case .xpath: type = t.map { _ in .xpath }
          case .jsonpointer:
            invalidEnum(
              t.value.rawValue, at: t.pointer, field: "criterion expression type",
              allowed: ["jsonpath", "xpath"])
          }
        }
      default:
        wrongType(value, at: tp, expected: "a string or a criterion expression type object")
      }
    }
    var flattened: Located<String>?
    if o["version"] != nil {
      flattened = optionalString(o, "version", at: p)
      if let flattened {
        report(
          .unknownField, severity: .warning,
          "'version' beside 'type' is not a spec form of the Criterion Object",
          at: keySpan(flattened.pointer), flag: [flattened.pointer],
          hint:
            "write 'type: {type: \(type?.value.rawValue ?? "jsonpath"), version: \(flattened.value)}'"
        )
      }
    }
    return Criterion(
      context: optionalString(o, "context", at: p),
      condition: requiredString(o, "condition", at: p, owner: owner),
      type: type, expressionType: expressionType, flattenedVersion: flattened,
      extensions: extensions(o), pointer: p)
  }

  func decodeExpressionType(_ o: JSONObject, at p: JSONPointer) -> CriterionExpressionType {
    let owner = "expression type object"
    checkFields(o, at: p, owner: owner, fields: ["type", "version"])
    let allowed: [ExpressionType] = version >= .v11 ? ExpressionType.allCases : [.jsonpath, .xpath]
    return CriterionExpressionType(
      type: requiredEnum(
        o, "type", at: p, owner: owner, field: "expression type", allowed: allowed),
      version: requiredString(o, "version", at: p, owner: owner),
      extensions: extensions(o), pointer: p)
  }

  func decodeSelector(_ o: JSONObject, at p: JSONPointer) -> Selector {
    let owner = "selector"
    checkFields(o, at: p, owner: owner, fields: ["context", "selector", "type"])
    let (type, expressionType) = selectorType(o, "type", at: p, required: true, owner: owner)
    return Selector(
      context: requiredString(o, "context", at: p, owner: owner),
      selector: requiredString(o, "selector", at: p, owner: owner),
      type: type, expressionType: expressionType, extensions: extensions(o), pointer: p)
  }

  /// A selector type written as a string or as an Expression Type Object.
  func selectorType(
    _ o: JSONObject, _ key: String, at p: JSONPointer, required: Bool, owner: String
  ) -> (Located<ExpressionType>?, CriterionExpressionType?) {
    guard let value = o[key] else {
      if required { missing(key, in: owner, at: p) }
      return (nil, nil)
    }
    switch value {
    case .object(let eo):
      let et = decodeExpressionType(eo, at: p.appending(key))
      return (et.type, et)
    default:
      return (optionalEnum(o, key, at: p, field: "selector type"), nil)
    }
  }

  // MARK: Request bodies

  func decodeRequestBody(_ o: JSONObject, at p: JSONPointer) -> RequestBody {
    checkFields(
      o, at: p, owner: "request body", fields: ["contentType", "payload", "replacements"])
    let replacements = (array(o, "replacements", at: p) ?? []).compactMap { item in
      object(item.value, at: item.pointer).map { decodeReplacement($0, at: item.pointer) }
    }
    return RequestBody(
      contentType: optionalString(o, "contentType", at: p),
      payload: optionalValue(o, "payload", at: p),
      replacements: replacements, extensions: extensions(o), pointer: p)
  }

  func decodeReplacement(_ o: JSONObject, at p: JSONPointer) -> PayloadReplacement {
    let owner = "payload replacement"
    checkFields(
      o, at: p, owner: owner, fields: ["target", "value"], fields11: ["targetSelectorType"])
    var selectorType: (Located<ExpressionType>?, CriterionExpressionType?) = (nil, nil)
    if version >= .v11 {
      selectorType = self.selectorType(
        o, "targetSelectorType", at: p, required: false, owner: owner)
    }
    return PayloadReplacement(
      target: requiredString(o, "target", at: p, owner: owner),
      targetSelectorType: selectorType.0, targetSelectorExpressionType: selectorType.1,
      value: requiredValue(o, "value", at: p, owner: owner),
      extensions: extensions(o), pointer: p)
  }

  // MARK: Components

  func decodeComponents(_ o: JSONObject, at p: JSONPointer) -> Components {
    checkFields(
      o, at: p, owner: "components",
      fields: ["inputs", "parameters", "successActions", "failureActions"])
    var components = Components(extensions: extensions(o), pointer: p)
    for entry in map(o, "inputs", at: p) ?? [] {
      switch entry.value {
      case .object, .bool:
        components.inputs.append(key: entry.key, value: located(entry.value, entry.pointer))
      default:
        wrongType(entry.value, at: entry.pointer, expected: "a JSON Schema object")
      }
    }
    for entry in map(o, "parameters", at: p) ?? [] {
      guard let po = object(entry.value, at: entry.pointer) else { continue }
      components.parameters.append(key: entry.key, value: decodeParameter(po, at: entry.pointer))
    }
    for entry in map(o, "successActions", at: p) ?? [] {
      guard let ao = object(entry.value, at: entry.pointer) else { continue }
      components.successActions.append(
        key: entry.key, value: decodeSuccessAction(ao, at: entry.pointer))
    }
    for entry in map(o, "failureActions", at: p) ?? [] {
      guard let ao = object(entry.value, at: entry.pointer) else { continue }
      components.failureActions.append(
        key: entry.key, value: decodeFailureAction(ao, at: entry.pointer))
    }
    return components
  }
}
