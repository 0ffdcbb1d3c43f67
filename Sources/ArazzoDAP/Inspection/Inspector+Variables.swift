import ArazzoDebugger
import ArazzoExpressions
import ArazzoJSON
import ArazzoRuntime

/// What a `variablesReference` names: a JSON value shown as a tree, or why a scope has none.
struct VariableContainer {
  enum Content {
    case value(JSONValue)
    /// The scope has no value yet (no request sent, no response): shown as one variable
    /// saying why.
    case missing(String)
  }

  var content: Content
  var naming: VariableNaming
  /// For the innermost live frame's Inputs scope: its members can be set (`setVariable`).
  var inputsEditable = false
}

/// `scopes`, `variables` and `setVariable`.
extension Inspector {
  /// The most variables one `variables` response holds (a request without `count`, or with
  /// more, gets this many; the client asks for the rest by `start`).
  public static let maxPage = 1_000
  /// Scalars (as JSON text) and names longer than this many characters are cut, ending in `…`.
  public static let maxValueLength = 200

  /// The scopes, in order: name, the part of the context shown, the presentation hint.
  static let scopeParts: [(String, String, String?)] = [
    ("Inputs", "$inputs", "arguments"), ("Steps", "$steps", "locals"),
    ("Request", "$request", nil), ("Response", "$response", "returnValue"),
    ("Outputs", "$outputs", nil), ("Workflows", "$workflows", nil),
  ]

  /// The scopes of a frame: Inputs, Steps, Request, Response, Outputs, Workflows.
  func scopes(_ arguments: InspectionArguments) throws(DAPError) -> JSONValue {
    let id = try arguments.requiredInt("frameId")
    let frame = try frame(id)
    let context = frame.context
    let code = engine.program.workflows[frame.workflowIndex]
    let live = frame.note == nil && frameIndex(id) == 0
    var scopes: [JSONValue] = []
    func add(_ name: String, hint: String?, _ container: VariableContainer) {
      let reference = store(container)
      var o = JSONObject()
      o["name"] = .string(name)
      o.setIfPresent("presentationHint", hint.map(JSONValue.string))
      o["variablesReference"] = .integer(reference)
      let (named, indexed) = Self.childCounts(container.content)
      o["namedVariables"] = .integer(named)
      o["indexedVariables"] = .integer(indexed)
      o["expensive"] = false
      scopes.append(.object(o))
    }
    let order = code.steps.map(\.id)
    for (name, part, hint) in Self.scopeParts {
      let content: VariableContainer.Content
      switch context.part(part, stepOrder: order, redactor: redactor) {
      case .value(let value)?: content = .value(value)
      case .missing(let reason)?: content = .missing(reason)
      case nil: continue
      }
      var container = VariableContainer(content: content, naming: .part(part))
      container.inputsEditable = live && part == "$inputs"
      add(name, hint: hint, container)
    }
    return ["scopes": .array(scopes)]
  }

  /// The children of a container, one page of them (`start`, `count`, `filter`).
  func variables(_ arguments: InspectionArguments) throws(DAPError) -> JSONValue {
    let container = try container(try arguments.requiredInt("variablesReference"))
    let filter = try arguments.string("filter")
    let start = max(0, try arguments.int("start") ?? 0)
    let asked = max(0, try arguments.int("count") ?? 0)
    let count = asked == 0 ? Self.maxPage : min(asked, Self.maxPage)
    var out: [JSONValue] = []
    switch container.content {
    case .missing(let reason):
      if start == 0 && filter != "indexed" {
        out.append([
          "name": "no value", "value": .string(redactor.scrub(reason)), "type": "missing",
          "variablesReference": 0,
        ])
      }
    case .value(.object(let object)) where filter != "indexed":
      let keys = object.keys
      if start < keys.count {
        for key in keys[start..<min(keys.count, start + count)] {
          out.append(variable(key, object[key] ?? .null, naming: container.naming.child(key)))
        }
      }
    case .value(.array(let items)) where filter != "named":
      if start < items.count {
        for i in start..<min(items.count, start + count) {
          out.append(variable(String(i), items[i], naming: container.naming.child(index: i)))
        }
      }
    case .value:
      break
    }
    return ["variables": .array(out)]
  }

  /// Sets an input of the innermost frame (`:set $inputs.NAME = VALUE`): `value` is JSON, or a
  /// bare string. Anything but an input is refused.
  func setVariable(_ arguments: InspectionArguments) throws(DAPError) -> JSONValue {
    let reference = try arguments.requiredInt("variablesReference")
    let name = try arguments.requiredString("name")
    let text = try arguments.requiredString("value")
    let container = try container(reference)
    guard container.inputsEditable, case .value(let current) = container.content else {
      throw DAPError(
        "only inputs can be changed: set a member of the Inputs scope of the innermost frame, "
          + "in the present (as :set $inputs.NAME = VALUE does)")
    }
    if let entry = engine.selectedEntry {
      throw DAPError(
        "inputs can be changed in the present only; the run is back at #\(entry.number)")
    }
    let value = (try? JSONParser.parse(text)) ?? .string(text)
    do {
      try engine.setInput(name: name, value: value)
    } catch {
      throw DAPError(error.message)
    }
    var inputs = current.objectValue ?? JSONObject()
    inputs[name] = value
    containers[reference]?.content = .value(.object(inputs))
    guard case .object(var shown) = variable(name, value, naming: container.naming.child(name))
    else { return .null }
    shown["name"] = nil
    shown["evaluateName"] = nil
    return .object(shown)
  }

  // MARK: Values

  /// The container `reference` names, or an error saying it is stale.
  func container(_ reference: Int) throws(DAPError) -> VariableContainer {
    guard let container = containers[reference] else {
      throw unknown("variablesReference", reference, since: "it was given")
    }
    return container
  }

  /// Keeps `container` and returns its new reference.
  func store(_ container: VariableContainer) -> Int {
    let reference = number()
    containers[reference] = container
    return reference
  }

  /// A `Variable`, a container given a reference to expand it.
  func variable(_ name: String, _ value: JSONValue, naming: VariableNaming) -> JSONValue {
    var o = JSONObject()
    o["name"] = .string(bounded(redactor.scrub(name)))
    o.setIfPresent("evaluateName", naming.evaluateName.map { .string(redactor.scrub($0)) })
    described(value, naming: naming, into: &o)
    return .object(o)
  }

  /// `value`, `type`, `variablesReference` and the child counts of `value`, into `o` (a
  /// `Variable`, or an `evaluate` or `setVariable` response using `valueKey` for the text).
  func described(
    _ value: JSONValue, naming: VariableNaming, into o: inout JSONObject,
    valueKey: String = "value"
  ) {
    o[valueKey] = .string(summary(value))
    o["type"] = .string(value.typeName)
    switch value {
    case .object, .array:
      let content = VariableContainer.Content.value(value)
      o["variablesReference"] = .integer(store(VariableContainer(content: content, naming: naming)))
      let (named, indexed) = Self.childCounts(content)
      if named > 0 { o["namedVariables"] = .integer(named) }
      if indexed > 0 { o["indexedVariables"] = .integer(indexed) }
    default:
      o["variablesReference"] = 0
    }
  }

  /// One line: `{…} 3 keys`, `[…] 120 items`, or the scalar as JSON text (secrets scrubbed,
  /// then cut at `maxValueLength`).
  func summary(_ value: JSONValue) -> String {
    switch value {
    case .object(let o):
      return o.isEmpty ? "{}" : "{…} \(o.count) key\(o.count == 1 ? "" : "s")"
    case .array(let a):
      return a.isEmpty ? "[]" : "[…] \(a.count) item\(a.count == 1 ? "" : "s")"
    default:
      return bounded(redactor.scrub(JSONPrinter.compact(value)))
    }
  }

  /// `text` cut after `maxValueLength` characters, ending in `…` when cut (a value or a key
  /// from a hostile server stays one short line). Cut after scrubbing, so no part of a secret
  /// survives the cut.
  func bounded(_ text: String) -> String {
    guard text.count > Self.maxValueLength else { return text }
    return String(text.prefix(Self.maxValueLength)) + "…"
  }

  /// Named and indexed children.
  static func childCounts(_ content: VariableContainer.Content) -> (named: Int, indexed: Int) {
    switch content {
    case .missing: return (1, 0)
    case .value(.object(let o)): return (o.count, 0)
    case .value(.array(let a)): return (0, a.count)
    case .value: return (0, 0)
    }
  }
}
