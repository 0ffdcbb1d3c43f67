import ArazzoJSON
import CYaml

/// Turns libyaml's event stream into a `JSONValue` tree and its `SourceMap`, without recursion.
///
/// We drive libyaml (vendored by Yams as `CYaml`) ourselves rather than calling
/// `Yams.compose(yaml:)`: its events carry end marks (so spans have real lengths), a duplicate
/// key can be reported at its second occurrence, nesting is bounded before anything recurses,
/// aliases are expanded under a budget, and it is several times faster than Yams' regex resolver.
struct YAMLComposer {
  /// What composing produced: the tree when nothing fatal happened, and every diagnostic.
  struct Outcome {
    var root: JSONValue?
    var map: SourceMap
    var diagnostics: [Diagnostic]
  }

  private enum KeyState {
    case expectKey
    case value(String, SourceMap.Mark)
    /// The key was a duplicate or not a string: compose the value, then drop it.
    case skipValue
  }

  private struct Frame {
    var isMapping: Bool
    var isFlow: Bool
    /// This collection's source map node; nil when it is not recorded (inside a dropped value).
    var node: Int?
    var start: yaml_mark_t
    var keySpan: SourceMap.Mark?
    var anchor: String?
    var items: [JSONValue] = []
    var object = JSONObject()
    var state = KeyState.expectKey
    /// Values in this subtree, alias expansions included.
    var count = 1
  }

  private struct Anchored {
    var value: JSONValue
    var node: Int?
    var count: Int
  }

  private enum Slot {
    case root
    case key
    /// A value under `parent`'s source map node at `token` (nil parent: not recorded).
    case child(parent: Int?, token: String, keySpan: SourceMap.Mark?)
  }

  private let file: SourceFile
  private let maxDepth: Int
  private let maxAliasValues: Int
  /// How many source map entries alias expansion may copy in total.
  private let maxRelocated = 20_000
  private var map: SourceMap
  private var diagnostics: [Diagnostic] = []
  private var stack: [Frame] = []
  private var anchors: [String: Anchored] = [:]
  /// The marks of the last scalar with text (`keyTooLong` measures it).
  private var lastScalar: (start: yaml_mark_t, end: yaml_mark_t)?
  private var root: JSONValue?
  private var aliasValues = 0
  private var relocated = 0
  /// Set when composing must stop (too deep, alias budget, too many errors).
  private var halted = false

  init(file: SourceFile, maxDepth: Int, maxAliasValues: Int) {
    self.file = file
    self.maxDepth = maxDepth
    self.maxAliasValues = maxAliasValues
    self.map = SourceMap(file: file)
  }

  /// Composes the single document in `bytes` (UTF-8, already checked to be text).
  mutating func compose(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      diagnose(.unsupportedYAML, "the YAML parser could not start (out of memory)", at: nil)
      return outcome()
    }
    defer { yaml_parser_delete(&parser) }
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
    // About one value per 12 bytes in typical OpenAPI YAML; growing the map rehashes pointers.
    map.reserveCapacity(bytes.count / 12)

    var documents = 0
    var event = yaml_event_t()
    loop: while !halted {
      guard yaml_parser_parse(&parser, &event) == 1 else {
        diagnoseSyntax(parser, bytes)
        break
      }
      defer { yaml_event_delete(&event) }
      switch event.type {
      case YAML_STREAM_END_EVENT:
        break loop
      case YAML_DOCUMENT_START_EVENT:
        documents += 1
        if documents > 1 {
          diagnose(
            .unsupportedYAML, "the file holds more than one YAML document",
            at: span(event.start_mark, event.end_mark, block: false),
            label: "a second document starts here",
            hint: "an Arazzo or OpenAPI file holds exactly one document; split the stream")
          break loop
        }
      case YAML_SCALAR_EVENT:
        // Empty scalars (a key's missing value) take no room: they are not the last key.
        if event.end_mark.index > event.start_mark.index {
          lastScalar = (event.start_mark, event.end_mark)
        }
        scalar(event)
      case YAML_ALIAS_EVENT: alias(event)
      case YAML_SEQUENCE_START_EVENT: startCollection(event, isMapping: false)
      case YAML_MAPPING_START_EVENT: startCollection(event, isMapping: true)
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: endCollection(event)
      default: break
      }
    }
    if documents == 0 && diagnostics.isEmpty {
      diagnose(
        .emptyDocument, "the file holds no YAML or JSON document (it is empty or only comments)",
        at: SourceSpan(start: SourceLocation(file: file, line: 1, column: 1)))
    }
    return outcome()
  }

  private func outcome() -> Outcome {
    Outcome(root: diagnostics.hasErrors ? nil : root, map: map, diagnostics: diagnostics)
  }

  // MARK: Events

  private mutating func scalar(_ event: yaml_event_t) {
    let data = event.data.scalar
    let text = String(
      decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
    let style = scalarStyle(data.style)
    let valueMark = mark(
      event.start_mark, event.end_mark, block: style == .literal || style == .folded)
    var valueSpan: SourceSpan { map.sourceSpan(valueMark) }
    let anchor = string(data.anchor)
    switch slot() {
    case .key:
      if let anchor { anchors[anchor] = Anchored(value: .string(text), node: nil, count: 1) }
      acceptKey(text, at: valueMark)
      return
    case .root:
      if style == .plain && text.isEmpty && string(data.tag) == nil {
        diagnose(
          .emptyDocument, "the document is empty", at: valueSpan,
          hint: "an Arazzo document is a mapping with at least 'arazzo', 'info' and 'workflows'")
        return
      }
      fallthrough
    case .child:
      let value: JSONValue
      let tag = data.quoted_implicit == 1 ? nil : string(data.tag)
      switch ScalarResolver.resolve(text, plain: style == .plain, tag: tag) {
      case .value(let v):
        value = v
      case .nonFinite:
        diagnose(
          .unsupportedYAML, "'\(text)' is a YAML float with no JSON equivalent", at: valueSpan,
          hint: "quote it to make it a string, or use a finite number")
        value = .string(text)
      case .mismatch(let tagName):
        diagnose(.unsupportedYAML, "'\(text)' cannot be read as \(tagName)", at: valueSpan)
        value = .string(text)
      }
      let node = place(valueMark, style: style)
      if let anchor { anchors[anchor] = Anchored(value: value, node: node, count: 1) }
      deliver(value, count: 1)
    }
  }

  private mutating func alias(_ event: yaml_event_t) {
    let name = string(event.data.alias.anchor) ?? ""
    let aliasMark = mark(event.start_mark, event.end_mark, block: false)
    var aliasSpan: SourceSpan { map.sourceSpan(aliasMark) }
    guard let anchored = anchors[name] else {
      diagnose(
        .unsupportedYAML, "alias '*\(name)' refers to no anchor defined before it", at: aliasSpan)
      if case .key = slot() {
        setTopState(.skipValue)
      } else {
        deliver(.null, count: 1)
      }
      return
    }
    if case .key = slot() {
      if case .string(let key) = anchored.value {
        acceptKey(key, at: aliasMark)
      } else {
        diagnose(.unsupportedYAML, "a mapping key must be a string", at: aliasSpan)
        setTopState(.skipValue)
      }
      return
    }
    aliasValues += anchored.count
    if aliasValues > maxAliasValues {
      diagnose(
        .unsupportedYAML,
        "aliases expand the document by more than \(maxAliasValues) values",
        at: aliasSpan, label: "the budget runs out at this alias",
        hint: "an alias bomb ('billion laughs') is refused; write the values out instead")
      halted = true
      return
    }
    // Locations inside aliased values are copied while the budget lasts; after that the
    // alias's own span serves (SourceMap falls back to the nearest located ancestor).
    if let node = place(aliasMark, style: .collection) {
      if let source = anchored.node, relocated < maxRelocated {
        relocated += map.copyDescendants(of: source, to: node, budget: maxRelocated - relocated)
      }
      map.close(node)
    }
    deliver(anchored.value, count: anchored.count)
  }

  private mutating func startCollection(_ event: yaml_event_t, isMapping: Bool) {
    if stack.count >= maxDepth {
      diagnose(
        .tooDeep, "the document nests deeper than \(maxDepth) levels",
        at: span(event.start_mark, event.end_mark, block: false),
        label: "level \(stack.count + 1) starts here")
      halted = true
      return
    }
    let isFlow: Bool
    let anchor: String?
    if isMapping {
      isFlow = event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
      anchor = string(event.data.mapping_start.anchor)
    } else {
      isFlow = event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
      anchor = string(event.data.sequence_start.anchor)
    }
    let startMark = collectionMark(event.start_mark, isFlow: isFlow)
    var frame = Frame(
      isMapping: isMapping, isFlow: isFlow, node: nil, start: event.start_mark, anchor: anchor)
    if case .key = slot() {
      diagnose(
        .unsupportedYAML,
        "a mapping key must be a string, not a \(isMapping ? "mapping" : "sequence")",
        at: map.sourceSpan(startMark))
    } else {
      if case .child(_, _, let keySpan) = slot() { frame.keySpan = keySpan }
      frame.node = place(startMark, style: .collection, isArray: !isMapping)
    }
    stack.append(frame)
  }

  private mutating func endCollection(_ event: yaml_event_t) {
    guard let frame = stack.popLast() else { return }
    let value: JSONValue = frame.isMapping ? .object(frame.object) : .array(frame.items)
    if let node = frame.node, frame.isFlow, event.end_mark.line == frame.start.line,
      event.end_mark.column > frame.start.column
    {
      // A one-line flow collection: cover it from the opening to the closing bracket.
      let whole = SourceMap.Mark(
        line: frame.start.line + 1, column: frame.start.column + 1,
        length: event.end_mark.column - frame.start.column)
      map.setValue(whole, at: node)
    }
    if let node = frame.node { map.close(node) }
    if let anchor = frame.anchor {
      anchors[anchor] = Anchored(value: value, node: frame.node, count: frame.count)
    }
    deliver(value, count: frame.count)
  }

  // MARK: Tree building

  /// Where the next node goes, judged from the innermost open collection.
  private func slot() -> Slot {
    // Read fields through the index: copying the whole top frame would retain its children.
    let i = stack.count - 1
    guard i >= 0 else { return .root }
    guard stack[i].isMapping else {
      return .child(parent: stack[i].node, token: "", keySpan: nil)
    }
    switch stack[i].state {
    case .expectKey: return .key
    case .value(let key, let keySpan):
      return .child(parent: stack[i].node, token: key, keySpan: keySpan)
    case .skipValue: return .child(parent: nil, token: "", keySpan: nil)
    }
  }

  /// Records the next value's location at its slot; returns its node (nil: not recorded).
  private mutating func place(
    _ valueMark: SourceMap.Mark, style: ScalarStyle, isArray: Bool = false
  )
    -> Int?
  {
    switch slot() {
    case .root:
      map.setRoot(value: valueMark, style: style, isArray: isArray)
      return SourceMap.rootNode
    case .child(let parent?, let token, let keySpan):
      // Keys were checked for duplicates and values arrive in document order.
      return map.append(
        token, key: keySpan, value: valueMark, style: style, isArray: isArray, of: parent)
    case .child(nil, _, _), .key:
      return nil
    }
  }

  private mutating func acceptKey(_ key: String, at keyMark: SourceMap.Mark) {
    let i = stack.count - 1
    guard i >= 0 else { return }
    if stack[i].object.contains(key) {
      let first = stack[i].node.flatMap { map.existingChild(key, of: $0) }
        .flatMap { map.entry(node: $0)?.key }
      diagnose(
        .duplicateKey, "duplicate key '\(key)' in this mapping", at: map.sourceSpan(keyMark),
        label: "'\(key)' is already defined",
        notes: [DiagnosticNote("first defined here", at: first)],
        hint: "remove or rename one of the two entries")
      setTopState(.skipValue)
    } else {
      setTopState(.value(key, keyMark))
    }
  }

  private mutating func setTopState(_ state: KeyState) {
    guard !stack.isEmpty else { return }
    stack[stack.count - 1].state = state
  }

  /// Hands a finished value to the innermost open collection (or makes it the root).
  private mutating func deliver(_ value: JSONValue, count: Int) {
    guard !stack.isEmpty else {
      root = value
      return
    }
    let i = stack.count - 1
    if stack[i].isMapping {
      switch stack[i].state {
      case .expectKey:
        // A collection used as a key (already diagnosed): drop its value too.
        stack[i].state = .skipValue
        return
      case .value(let key, _):
        stack[i].object[key] = value
      case .skipValue:
        break
      }
      stack[i].state = .expectKey
    } else {
      stack[i].items.append(value)
    }
    stack[i].count += count
  }

  // MARK: Diagnostics and locations

  private mutating func diagnose(
    _ code: DiagnosticCode, _ message: String, at span: SourceSpan?, label: String? = nil,
    notes: [DiagnosticNote] = [], hint: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(code, nil, message, at: span, label: label, notes: notes, hint: hint))
    if diagnostics.count >= 100 { halted = true }
  }

  private mutating func diagnoseSyntax(_ parser: yaml_parser_t, _ bytes: UnsafeBufferPointer<UInt8>)
  {
    let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
    let context = parser.context.map { String(cString: $0) }
    switch parser.error {
    case YAML_READER_ERROR:
      let offset = min(max(parser.problem_offset, 0), bytes.count)
      let at = SourceSpan(start: TextCheck.location(ofByte: offset, in: bytes, file: file))
      var message = "the file is not text the YAML reader accepts: \(problem)"
      if problem == "control characters are not allowed" {
        let value = parser.problem_value
        message = "the file contains control character U+\(hex(value)), which YAML does not allow"
      }
      diagnose(.notText, message, at: at)
    case YAML_MEMORY_ERROR:
      diagnose(.unsupportedYAML, "the YAML parser ran out of memory", at: nil)
    default:
      let at = SourceSpan(start: location(parser.problem_mark))
      var notes: [DiagnosticNote] = []
      if let context {
        let contextAt = location(parser.context_mark)
        if contextAt != at.start {
          notes.append(
            DiagnosticNote(SyntaxMessage.context(context), at: SourceSpan(start: contextAt)))
        }
      }
      let code: DiagnosticCode = problem.hasPrefix("Maximum nesting level") ? .tooDeep : .yamlSyntax
      if problem == "mapping values are not allowed in this context"
        || problem == "did not find expected key",
        let mistake = IndentationMistake(line: at.start.line, in: file)
      {
        let sibling = SourceLocation(
          file: file, line: mistake.siblingLine, column: mistake.siblingColumn)
        diagnose(
          code, mistake.message,
          at: SourceSpan(
            start: SourceLocation(file: file, line: at.start.line, column: mistake.column)),
          notes: [
            DiagnosticNote(
              "'\(mistake.siblingKey)' is here, at column \(mistake.siblingColumn)",
              at: SourceSpan(start: sibling))
          ],
          hint: "indent this line to column \(mistake.siblingColumn), under '\(mistake.siblingKey)'"
        )
        return
      }
      let message =
        keyTooLong(problem, parser)
        ? SyntaxMessage.keyTooLong : SyntaxMessage.problem(problem, context: context)
      diagnose(code, message, at: at, notes: notes)
    }
  }

  /// Whether libyaml failed on a key longer than it accepts. In block context it gives up
  /// scanning the key 1024 characters after the key's start (on the key's line); in flow
  /// context (JSON) it reads the long key as a key without a value and fails right after it,
  /// at its ':'.
  private func keyTooLong(_ problem: String, _ parser: yaml_parser_t) -> Bool {
    let at = parser.problem_mark
    switch problem {
    case "could not find expected ':'":
      let key = parser.context_mark
      return key.line == at.line && at.column - key.column > SyntaxMessage.maxKeyLength
    case "did not find expected ',' or '}'":
      guard let key = lastScalar, key.end.line == at.line, at.column >= key.end.column,
        at.column - key.end.column <= 2
      else { return false }
      return key.end.column - key.start.column > SyntaxMessage.maxKeyLength
    default:
      return false
    }
  }

  private func hex(_ value: Int32) -> String {
    let digits = String(UInt32(bitPattern: value), radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  private func location(_ mark: yaml_mark_t) -> SourceLocation {
    SourceLocation(file: file, line: mark.line + 1, column: mark.column + 1)
  }

  /// A scalar's span: exact for one-line flow scalars, else from the start to the end of line.
  private func mark(_ start: yaml_mark_t, _ end: yaml_mark_t, block: Bool) -> SourceMap.Mark {
    if !block, end.line == start.line, end.column > start.column {
      return SourceMap.Mark(
        line: start.line + 1, column: start.column + 1, length: end.column - start.column)
    }
    return SourceMap.Mark(line: start.line + 1, column: start.column + 1, length: 0)
  }

  /// The same span as a `SourceSpan` (for diagnostics).
  private func span(_ start: yaml_mark_t, _ end: yaml_mark_t, block: Bool) -> SourceSpan {
    map.sourceSpan(mark(start, end, block: block))
  }

  private func collectionMark(_ start: yaml_mark_t, isFlow: Bool) -> SourceMap.Mark {
    SourceMap.Mark(line: start.line + 1, column: start.column + 1, length: isFlow ? 1 : 0)
  }

  private func scalarStyle(_ style: yaml_scalar_style_t) -> ScalarStyle {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: return .literal
    case YAML_FOLDED_SCALAR_STYLE: return .folded
    default: return .plain
    }
  }

  private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let pointer else { return nil }
    return String(
      decoding: UnsafeBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
  }

  private func strlen(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> Int {
    var n = 0
    while pointer[n] != 0 { n += 1 }
    return n
  }
}
