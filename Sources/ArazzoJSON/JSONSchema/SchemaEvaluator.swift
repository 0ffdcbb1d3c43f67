import Foundation

/// Evaluates one instance against a compiled schema, collecting annotations and violations.
///
/// In verbose mode it evaluates every keyword and records violations; otherwise it stops at the
/// first failure. `strict` annotations follow the spec (dropped from failing subschemas); `loose`
/// ones keep them too and only decide which `unevaluated*` violations to report once a schema has
/// already failed for another reason, so one mistake does not also show up as unknown properties.
final class SchemaEvaluator {
  /// The result of evaluating one subschema.
  struct Outcome {
    var valid: Bool
    var strict = SchemaAnnotations()
    var loose = SchemaAnnotations()
  }

  private static let maxDepth = 400

  private let program: SchemaProgram
  private var verbose: Bool
  private(set) var violations: [JSONSchemaViolation] = []
  private var instancePath: [String] = []
  private var keywordPath: [String] = []
  private var scope: [Int] = []
  private var depth = 0
  /// The first regex match that gave up (`BoundedRegex`): the instance is then invalid with this
  /// reason, whatever the keywords around it say, and later matches are skipped.
  private(set) var gaveUp: JSONSchemaViolation?

  init(program: SchemaProgram, verbose: Bool) {
    self.program = program
    self.verbose = verbose
  }

  /// Evaluates `instance` against node `index`; `collect` asks for annotations.
  func evaluate(_ index: Int, _ instance: JSONValue, collect: Bool) -> Outcome {
    let node = program.nodes[index]
    if let boolean = node.boolean {
      var out = Outcome(valid: true)
      if !boolean { reject(&out, nil, "no value is allowed here") }
      return out
    }
    var out = Outcome(valid: true)
    guard depth < SchemaEvaluator.maxDepth else {
      reject(&out, nil, "schema nesting is too deep (is there a reference cycle?)")
      return out
    }
    depth += 1
    let pushed = scope.last != node.resource
    if pushed { scope.append(node.resource) }
    defer {
      depth -= 1
      if pushed { scope.removeLast() }
    }
    let need = collect || node.hasUnevaluated
    for (name, keyword) in node.keywords {
      apply(keyword, name: name, to: instance, need: need, &out)
      if !out.valid && !verbose { return out }
    }
    return out
  }

  // MARK: - Keywords

  private func apply(
    _ keyword: SchemaKeyword, name: String, to instance: JSONValue, need: Bool, _ out: inout Outcome
  ) {
    switch keyword {
    case .ref(let target):
      merge(descend(target, instance, name, collect: need), into: &out)
    case .dynamicRef(let target, let anchor):
      var resolved = target
      if let anchor {
        for resource in scope {
          if let node = program.resources[resource].dynamicAnchors[anchor] {
            resolved = node
            break
          }
        }
      }
      merge(descend(resolved, instance, name, collect: need), into: &out)
    case .type(let types):
      if !types.admits(instance) {
        reject(&out, name, "expected \(types.phrase), found \(instance.typeName)")
      }
    case .constant(let value):
      if !SchemaEquality.equal(value, instance) {
        reject(&out, name, "expected \(render(value)), found \(render(instance))")
      }
    case .enumeration(let values):
      if !values.contains(where: { SchemaEquality.equal($0, instance) }) {
        let list = values.map(render).joined(separator: ", ")
        reject(&out, name, "value \(render(instance)) is not one of \(list)")
      }
    case .multipleOf, .maximum, .exclusiveMaximum, .minimum, .exclusiveMinimum:
      applyNumeric(keyword, name: name, to: instance, &out)
    case .maxLength(let n):
      if case .string(let s) = instance, s.unicodeScalars.count > n {
        reject(&out, name, "string is longer than \(n) character\(n == 1 ? "" : "s")")
      }
    case .minLength(let n):
      if case .string(let s) = instance, s.unicodeScalars.count < n {
        reject(&out, name, "string is shorter than \(n) character\(n == 1 ? "" : "s")")
      }
    case .pattern(let regex):
      guard case .string(let s) = instance else { return }
      switch matches(regex, s, name) {
      case false?:
        reject(&out, name, "\(render(instance)) does not match pattern '\(regex.source)'")
      case nil: out.valid = false
      case true?: break
      }
    case .required(let names):
      guard case .object(let object) = instance else { return }
      for property in names where !object.contains(property) {
        reject(&out, name, "missing required property '\(property)'")
      }
    case .dependentRequired(let pairs):
      guard case .object(let object) = instance else { return }
      for (trigger, names) in pairs where object.contains(trigger) {
        for property in names where !object.contains(property) {
          reject(
            &out, name, "property '\(property)' is required when '\(trigger)' is present",
            extra: trigger)
        }
      }
    case .minProperties(let n):
      if case .object(let object) = instance, object.count < n {
        reject(
          &out, name, "expected at least \(n) propert\(n == 1 ? "y" : "ies"), found \(object.count)"
        )
      }
    case .maxProperties(let n):
      if case .object(let object) = instance, object.count > n {
        reject(
          &out, name, "expected at most \(n) propert\(n == 1 ? "y" : "ies"), found \(object.count)")
      }
    case .properties, .patternProperties, .additionalProperties, .propertyNames,
      .dependentSchemas, .unevaluatedProperties:
      guard case .object(let object) = instance else { return }
      applyObject(keyword, name: name, to: object, instance, need: need, &out)
    case .minItems, .maxItems, .uniqueItems, .prefixItems, .items, .contains, .unevaluatedItems:
      guard case .array(let array) = instance else { return }
      applyArray(keyword, name: name, to: array, need: need, &out)
    case .allOf(let list):
      for (i, sub) in list.enumerated() {
        merge(descend(sub, instance, name, String(i), collect: need), into: &out)
        if !out.valid && !verbose { return }
      }
    case .anyOf(let list):
      applyAlternatives(list, exactlyOne: false, name: name, to: instance, need: need, &out)
    case .oneOf(let list):
      applyAlternatives(list, exactlyOne: true, name: name, to: instance, need: need, &out)
    case .not(let sub):
      if muted({ descend(sub, instance, name, collect: false) }).valid {
        reject(&out, name, "must not match the schema in 'not'")
      }
    case .conditional(let ifNode, let thenNode, let elseNode):
      let condition = muted { descend(ifNode, instance, "if", collect: need) }
      if condition.valid {
        out.strict.formUnion(condition.strict)
        out.loose.formUnion(condition.strict)
        if let thenNode { merge(descend(thenNode, instance, "then", collect: need), into: &out) }
      } else if let elseNode {
        merge(descend(elseNode, instance, "else", collect: need), into: &out)
      }
    }
  }

  private func applyNumeric(
    _ keyword: SchemaKeyword, name: String, to instance: JSONValue, _ out: inout Outcome
  ) {
    guard let d = instance.doubleValue else { return }
    switch keyword {
    case .multipleOf(let m, let limit):
      let ok: Bool
      if case .integer(let a) = instance, case .integer(let b) = limit {
        ok = a % b == 0
      } else {
        let q = d / m
        if q.isFinite {
          let r = q.rounded()
          ok = abs(q - r) <= 1e-9 * max(1, abs(r))
        } else {
          ok = fmod(d, m) == 0
        }
      }
      if !ok { reject(&out, name, "\(render(instance)) is not a multiple of \(render(limit))") }
    case .maximum(let m, let limit):
      if d > m {
        reject(&out, name, "\(render(instance)) is greater than the maximum \(render(limit))")
      }
    case .exclusiveMaximum(let m, let limit):
      if d >= m { reject(&out, name, "\(render(instance)) is not less than \(render(limit))") }
    case .minimum(let m, let limit):
      if d < m {
        reject(&out, name, "\(render(instance)) is less than the minimum \(render(limit))")
      }
    case .exclusiveMinimum(let m, let limit):
      if d <= m { reject(&out, name, "\(render(instance)) is not greater than \(render(limit))") }
    default:
      break
    }
  }

  private func applyObject(
    _ keyword: SchemaKeyword, name: String, to object: JSONObject, _ instance: JSONValue,
    need: Bool, _ out: inout Outcome
  ) {
    switch keyword {
    case .properties(let map):
      for (position, key) in object.keys.enumerated() {
        guard let sub = map[key], let value = object[key] else { continue }
        if program.nodes[sub].boolean == false {
          reject(&out, name, "property '\(key)' is not allowed", at: key, extra: key)
        } else {
          merge(
            descend(sub, value, name, key, at: key, collect: false), into: &out, annotations: false)
        }
        note(&out, property: position, need)
      }
    case .patternProperties(let list):
      for (position, key) in object.keys.enumerated() {
        for (regex, sub) in list where matches(regex, key, name, at: key) == true {
          guard let value = object[key] else { continue }
          merge(
            descend(sub, value, name, regex.source, at: key, collect: false), into: &out,
            annotations: false)
          note(&out, property: position, need)
        }
      }
    case .additionalProperties(let sub, let names, let patterns):
      for (position, key) in object.keys.enumerated() {
        if names.contains(key)
          || patterns.contains(where: { matches($0, key, name, at: key) == true })
        {
          continue
        }
        guard let value = object[key] else { continue }
        unexpected(sub, key: key, value: value, name: name, &out)
        note(&out, property: position, need)
      }
    case .unevaluatedProperties(let sub):
      let seen = out.valid ? out.strict : out.loose
      for (position, key) in object.keys.enumerated() where !seen.containsProperty(at: position) {
        guard let value = object[key] else { continue }
        unexpected(sub, key: key, value: value, name: name, &out)
        note(&out, property: position, need)
      }
    case .propertyNames(let sub):
      for key in object.keys {
        let mark = violations.count
        let result = descend(sub, .string(key), name, at: key, collect: false)
        merge(result, into: &out, annotations: false)
        if verbose {
          for i in mark..<violations.count {
            violations[i].message = "invalid property name: " + violations[i].message
          }
        }
      }
    case .dependentSchemas(let list):
      for (trigger, sub) in list where object.contains(trigger) {
        merge(descend(sub, instance, name, trigger, collect: need), into: &out)
      }
    default:
      break
    }
  }

  /// A property no `properties`/`patternProperties` covered, under a `false` or real schema.
  private func unexpected(
    _ sub: Int, key: String, value: JSONValue, name: String, _ out: inout Outcome
  ) {
    if program.nodes[sub].boolean == false {
      reject(&out, name, "unknown property '\(key)'", at: key)
    } else {
      merge(descend(sub, value, name, at: key, collect: false), into: &out, annotations: false)
    }
  }

  private func applyArray(
    _ keyword: SchemaKeyword, name: String, to array: [JSONValue], need: Bool, _ out: inout Outcome
  ) {
    switch keyword {
    case .minItems(let n):
      if array.count < n {
        reject(&out, name, "expected at least \(n) item\(n == 1 ? "" : "s"), found \(array.count)")
      }
    case .maxItems(let n):
      if array.count > n {
        reject(&out, name, "expected at most \(n) item\(n == 1 ? "" : "s"), found \(array.count)")
      }
    case .uniqueItems:
      guard array.count > 1, let (first, second) = SchemaEquality.firstDuplicate(array) else {
        return
      }
      reject(&out, name, "items at index \(first) and \(second) are equal")
    case .prefixItems(let list):
      for (i, sub) in list.enumerated() where i < array.count {
        merge(
          descend(sub, array[i], name, String(i), at: i, collect: false), into: &out,
          annotations: false)
        if !out.valid && !verbose { return }
      }
      noteItems(&out, upTo: min(list.count, array.count), need)
    case .items(let sub, let prefix):
      guard array.count > prefix else { return }
      for i in prefix..<array.count {
        if program.nodes[sub].boolean == false {
          reject(
            &out, name,
            "unexpected item: at most \(prefix) item\(prefix == 1 ? " is" : "s are") allowed", at: i
          )
        } else {
          merge(descend(sub, array[i], name, at: i, collect: false), into: &out, annotations: false)
        }
        if !out.valid && !verbose { return }
      }
      noteItems(&out, upTo: array.count, need)
    case .contains(let sub, let minimum, let maximum):
      var matched: [Int] = []
      for (i, item) in array.enumerated() {
        if muted({ descend(sub, item, name, at: i, collect: false) }).valid {
          matched.append(i)
          if !need && maximum == nil && matched.count >= minimum { break }
        }
      }
      if need {
        out.strict.items.formUnion(matched)
        if verbose { out.loose.items.formUnion(matched) }
      }
      if matched.count < minimum {
        if minimum == 1 {
          reject(&out, name, "no item matches the 'contains' schema")
        } else {
          reject(
            &out, "minContains",
            "expected at least \(minimum) matching items, found \(matched.count)")
        }
      }
      if let maximum, matched.count > maximum {
        reject(
          &out, "maxContains", "expected at most \(maximum) matching items, found \(matched.count)")
      }
    case .unevaluatedItems(let sub):
      let seen = out.valid ? out.strict : out.loose
      for (i, item) in array.enumerated() where !seen.isItemEvaluated(i) {
        if program.nodes[sub].boolean == false {
          reject(&out, name, "unexpected item", at: i)
        } else {
          merge(descend(sub, item, name, at: i, collect: false), into: &out, annotations: false)
        }
        if !out.valid && !verbose { return }
      }
      noteItems(&out, upTo: array.count, need)
    default:
      break
    }
  }

  // MARK: - anyOf / oneOf

  private func applyAlternatives(
    _ list: [Int], exactlyOne: Bool, name: String, to instance: JSONValue, need: Bool,
    _ out: inout Outcome
  ) {
    if verbose {
      // Most alternatives pass: decide quietly first, and explain only a failure.
      let quiet = muted {
        var probe = Outcome(valid: true)
        applyAlternatives(
          list, exactlyOne: exactlyOne, name: name, to: instance, need: need, &probe)
        return probe
      }
      if quiet.valid {
        out.strict.formUnion(quiet.strict)
        out.loose.formUnion(quiet.strict)
        return
      }
    }
    var matches: [Int] = []
    var failures: [[JSONSchemaViolation]] = []
    for (i, sub) in list.enumerated() {
      let mark = violations.count
      let result = descend(sub, instance, name, String(i), collect: need)
      if result.valid {
        matches.append(i)
        out.strict.formUnion(result.strict)
        out.loose.formUnion(result.loose)
        if !need && (!exactlyOne || matches.count > 1) { break }
      } else if verbose {
        failures.append(Array(violations[mark...]))
        violations.removeSubrange(mark...)
        out.loose.formUnion(result.loose)
      }
    }
    if matches.isEmpty {
      out.valid = false
      if verbose { reportBest(failures, list, exactlyOne: exactlyOne, name: name) }
    } else if exactlyOne && matches.count > 1 {
      let required = matches.map { program.nodes[list[$0]].requiredOnly }
      if required.allSatisfy({ $0 != nil }) {
        let present = required.compactMap { $0 }.flatMap { $0 }.map { "'\($0)'" }
        reject(&out, name, "only one of \(present.joined(separator: ", ")) may be given")
      } else {
        let forms = matches.map { "#\($0)" }.joined(separator: ", ")
        reject(&out, name, "must match exactly one of the allowed forms, but matches \(forms)")
      }
    }
  }

  /// Reports the failing branch closest to matching, or one summary violation.
  private func reportBest(
    _ failures: [[JSONSchemaViolation]], _ list: [Int], exactlyOne: Bool, name: String
  ) {
    var dummy = Outcome(valid: false)
    let required = list.map { program.nodes[$0].requiredOnly }
    if required.allSatisfy({ $0 != nil }) {
      let names = required.compactMap { $0 }.flatMap { $0 }.map { "'\($0)'" }
      let quantity = exactlyOne ? "exactly one" : "at least one"
      reject(
        &dummy, name, "must have \(quantity) of the properties \(names.joined(separator: ", "))")
      return
    }
    let depth = instancePath.count
    // A branch whose `type` or `const` already fails here is a different form entirely; then
    // prefer branches with fewer problems at this level, then fewer problems overall.
    func score(_ branch: [JSONSchemaViolation]) -> (Int, Int, Int) {
      var mismatched = 0
      var shallow = 0
      for v in branch {
        let level = v.instanceLocation.tokens.count
        if level <= depth && (v.keyword == "type" || v.keyword == "const") { mismatched += 1 }
        let unknown = v.keyword == "unevaluatedProperties" || v.keyword == "additionalProperties"
        if level - (unknown ? 1 : 0) <= depth { shallow += 1 }
      }
      return (mismatched, shallow, branch.count)
    }
    let scores = failures.map(score)
    guard let best = scores.min(by: { $0 < $1 }) else { return }
    let winners = scores.indices.filter { scores[$0] == best }
    let first = failures[winners[0]]
    func signature(_ branch: [JSONSchemaViolation]) -> [String] {
      branch.map { $0.instanceLocation.description + "\u{0}" + $0.message }
    }
    if winners.count == 1 || winners.allSatisfy({ signature(failures[$0]) == signature(first) }) {
      violations.append(contentsOf: first)
    } else {
      reject(&dummy, name, "does not match any of the allowed forms")
    }
  }

  // MARK: - Plumbing

  /// Whether `regex` matches `text`; nil when the match gave up, now (recorded in `gaveUp`) or
  /// earlier (then it is not tried: one regex budget per evaluation).
  private func matches(
    _ regex: SchemaRegex, _ text: String, _ keyword: String, at key: String? = nil
  )
    -> Bool?
  {
    guard gaveUp == nil else { return nil }
    do {
      return try regex.matches(text)
    } catch {
      var instance = instancePath
      if let key { instance.append(key) }
      gaveUp = JSONSchemaViolation(
        instanceLocation: JSONPointer(tokens: instance),
        keywordLocation: pointerText(keywordPath + [keyword]),
        keyword: keyword, message: "pattern '\(regex.source)' could not be evaluated: \(error)")
      return nil
    }
  }

  private func descend(
    _ index: Int, _ instance: JSONValue, _ keyword: String, _ token: String? = nil,
    at key: String? = nil, collect: Bool
  ) -> Outcome {
    guard verbose else { return evaluate(index, instance, collect: collect) }
    keywordPath.append(keyword)
    if let token { keywordPath.append(token) }
    if let key { instancePath.append(key) }
    defer {
      keywordPath.removeLast(token == nil ? 1 : 2)
      if key != nil { instancePath.removeLast() }
    }
    return evaluate(index, instance, collect: collect)
  }

  private func descend(
    _ index: Int, _ instance: JSONValue, _ keyword: String, _ token: String? = nil,
    at item: Int, collect: Bool
  ) -> Outcome {
    guard verbose else { return evaluate(index, instance, collect: collect) }
    return descend(index, instance, keyword, token, at: String(item), collect: collect)
  }

  /// Runs `body` with violations switched off; the result's loose annotations are its strict ones.
  private func muted(_ body: () -> Outcome) -> Outcome {
    let saved = verbose
    verbose = false
    var result = body()
    verbose = saved
    result.loose = result.strict
    return result
  }

  private func merge(_ result: Outcome, into out: inout Outcome, annotations: Bool = true) {
    if result.valid {
      if annotations { out.strict.formUnion(result.strict) }
    } else {
      out.valid = false
    }
    if annotations && verbose { out.loose.formUnion(result.loose) }
  }

  private func note(_ out: inout Outcome, property position: Int, _ need: Bool) {
    guard need else { return }
    out.strict.insertProperty(at: position)
    if verbose { out.loose.insertProperty(at: position) }
  }

  private func noteItems(_ out: inout Outcome, upTo count: Int, _ need: Bool) {
    guard need else { return }
    out.strict.itemsPrefix = max(out.strict.itemsPrefix, count)
    if verbose { out.loose.itemsPrefix = max(out.loose.itemsPrefix, count) }
  }

  /// Marks `out` invalid and, in verbose mode, records a violation of `keyword`.
  private func reject(
    _ out: inout Outcome, _ keyword: String?, _ message: @autoclosure () -> String,
    at key: String? = nil, extra: String? = nil
  ) {
    out.valid = false
    guard verbose else { return }
    var location = keywordPath
    if let keyword { location.append(keyword) }
    if let extra { location.append(extra) }
    var instance = instancePath
    if let key { instance.append(key) }
    violations.append(
      JSONSchemaViolation(
        instanceLocation: JSONPointer(tokens: instance),
        keywordLocation: pointerText(location),
        keyword: keyword ?? "false", message: message()))
  }

  private func reject(
    _ out: inout Outcome, _ keyword: String?, _ message: @autoclosure () -> String, at item: Int
  ) {
    out.valid = false
    guard verbose else { return }
    reject(&out, keyword, message(), at: String(item))
  }

  /// Pointer text for tokens, escaping only the rare tokens that need it.
  private func pointerText(_ tokens: [String]) -> String {
    var out = ""
    for token in tokens {
      out.append("/")
      if token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
        out.append(JSONPointer.escape(token))
      } else {
        out.append(token)
      }
    }
    return out
  }

  private func render(_ value: JSONValue) -> String {
    let text = JSONPrinter.compact(value)
    return text.count > 60 ? String(text.prefix(57)) + "..." : text
  }
}
