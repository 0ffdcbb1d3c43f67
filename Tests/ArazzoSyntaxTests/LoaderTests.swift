import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

@testable import ArazzoSyntax

/// `shared/` next to the package root (or `ARAZZO_SHARED`).
private func sharedDirectory() -> URL {
  if let env = ProcessInfo.processInfo.environment["ARAZZO_SHARED"], !env.isEmpty {
    return URL(fileURLWithPath: env)
  }
  let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  return root.deletingLastPathComponent().appendingPathComponent("shared")
}

private let seedPath = sharedDirectory()
  .appendingPathComponent("seed/dbt-cloud-trigger-run-and-poll.arazzo.yaml").path

private let examplesDirectory = sharedDirectory()
  .appendingPathComponent("testdata/arazzo-spec-examples/examples/1.0.0")

private func pointer(_ text: String) -> JSONPointer {
  (try? JSONPointer(parsing: text)) ?? JSONPointer()
}

/// `line:column+length` of the value at `path`, or of its key with `key: true`.
private func located(_ doc: LoadedDocument, _ path: String, key: Bool = false) -> String {
  guard let entry = doc.map.entry(at: pointer(path)) else { return "unmapped" }
  guard let span = key ? entry.key : entry.value else { return "no key" }
  return "\(span.start.line):\(span.start.column)+\(span.length)"
}

private func loaded(_ text: String, path: String = "t.yaml") -> LoadedDocument? {
  if case .success(let doc) = DocumentLoader.load(text: text, path: path) { return doc }
  return nil
}

private func failure(_ text: String, path: String = "t.yaml") -> [Diagnostic] {
  if case .failure(let f) = DocumentLoader.load(text: text, path: path) { return f.diagnostics }
  return []
}

private let smallYAML = """
  arazzo: 1.0.1
  info:
    title: 'Pets'
    version: "1.0.0"
    description: |
      Line one
      Line two
    summary: >-
      Folded
  sourceDescriptions:
    - name: petstore
      url: ./petstore.yaml
      type: openapi
  workflows:
    - workflowId: adopt
      steps:
        - stepId: find
          operationId: findPets
          successCriteria:
            - condition: $statusCode == 200

  """

@Test func yamlKeysAndValuesAreLocated() throws {
  let doc = try #require(loaded(smallYAML))
  #expect(located(doc, "") == "1:1+13")
  #expect(located(doc, "/arazzo", key: true) == "1:1+6")
  #expect(located(doc, "/arazzo") == "1:9+5")
  #expect(doc.root["arazzo"] == "1.0.1")
  #expect(located(doc, "/info/title", key: true) == "3:3+5")
  #expect(located(doc, "/info/title") == "3:10+6")
  #expect(doc.map.entry(at: pointer("/info/title"))?.style == .singleQuoted)
  #expect(doc.map.contentOrigin(at: pointer("/info/title"))?.column == 11)
  #expect(located(doc, "/info/version") == "4:12+7")
  #expect(doc.map.entry(at: pointer("/info/version"))?.style == .doubleQuoted)
  #expect(located(doc, "/info/description") == "5:16+1")
  #expect(doc.map.entry(at: pointer("/info/description"))?.style == .literal)
  #expect(doc.root["info"]?["description"] == "Line one\nLine two\n")
  #expect(located(doc, "/info/summary") == "8:12+2")
  #expect(doc.map.entry(at: pointer("/info/summary"))?.style == .folded)
  #expect(doc.root["info"]?["summary"] == "Folded")
  #expect(located(doc, "/sourceDescriptions") == "11:3+16")
  #expect(located(doc, "/sourceDescriptions/0") == "11:5+14")
  #expect(doc.map.entry(at: pointer("/sourceDescriptions/0"))?.key == nil)
  #expect(located(doc, "/sourceDescriptions/0/name", key: true) == "11:5+4")
  #expect(located(doc, "/sourceDescriptions/0/name") == "11:11+8")
  #expect(located(doc, "/workflows/0/steps/0/successCriteria/0/condition", key: true) == "20:13+9")
  #expect(located(doc, "/workflows/0/steps/0/successCriteria/0/condition") == "20:24+18")
}

@Test func jsonKeysAndValuesAreLocated() throws {
  let text = """
    {
      "arazzo": "1.0.1",
      "info": {"title": "P\\u00e9ts", "version": "1.0.0"},
      "workflows": [{"workflowId": "adopt", "steps": [], "n": 1.0}]
    }
    """
  let doc = try #require(loaded(text, path: "t.json"))
  #expect(located(doc, "/arazzo", key: true) == "2:3+8")
  #expect(located(doc, "/arazzo") == "2:13+7")
  #expect(doc.map.entry(at: pointer("/arazzo"))?.style == .doubleQuoted)
  #expect(located(doc, "/info") == "3:11+42")
  // The escape makes the text longer than the value: the span follows the text.
  #expect(located(doc, "/info/title") == "3:21+11")
  #expect(doc.root["info"]?["title"] == "Péts")
  #expect(located(doc, "/workflows/0") == "4:17+46")
  #expect(located(doc, "/workflows/0/steps") == "4:50+2")
  #expect(doc.root["workflows"]?[0]?["n"] == .number(1.0))
  #expect(doc.root.objectValue?.keys == ["arazzo", "info", "workflows"])
}

@Test(arguments: [
  ("~", JSONValue.null), ("null", .null), ("NULL", .null), ("", .null),
  ("true", .bool(true)), ("False", .bool(false)), ("yes", .string("yes")), ("on", .string("on")),
  ("42", .integer(42)), ("-7", .integer(-7)), ("+12", .integer(12)), ("0x1F", .integer(31)),
  ("0o17", .integer(15)), ("1_000", .string("1_000")),
  ("99999999999999999999", .number(1e20)), ("1.0", .number(1.0)), (".5", .number(0.5)),
  ("-1.", .number(-1.0)), ("1e3", .number(1000)), ("2.5E-3", .number(0.0025)),
  ("2001-12-14", .string("2001-12-14")), ("'42'", .string("42")), ("\"true\"", .string("true")),
  ("!!str 12", .string("12")), ("!!int 12", .integer(12)), ("!!float 3", .number(3)),
  ("!!bool true", .bool(true)), ("!!null ''", .null), ("! 12", .string("12")),
  ("'.inf'", .string(".inf")), ("<<", .string("<<")), ("=", .string("=")),
])
func scalarsFollowTheCoreSchema(text: String, expected: JSONValue) throws {
  let doc = try #require(loaded("v: \(text)\n"))
  let value = try #require(doc.root["v"])
  #expect(value == expected)
  #expect(value.typeName == expected.typeName)
}

@Test func nonStringKeysKeepTheirText() throws {
  let doc = try #require(loaded("responses:\n  200: ok\n  true: yes\n"))
  #expect(doc.root["responses"]?.objectValue?.keys == ["200", "true"])
}

@Test func aliasesExpandAndPointAtTheAlias() throws {
  let doc = try #require(loaded("base: &b {x: 1, y: [1, 2]}\nother: *b\n"))
  #expect(doc.root["other"] == doc.root["base"])
  #expect(located(doc, "/other") == "2:8+2")
  #expect(located(doc, "/other/y/1") == located(doc, "/base/y/1"))
}

/// Wide mappings and sequences are found through the map's lookup tables.
@Test func wideCollectionsLocateEveryMember() throws {
  var text = "wide:\n"
  for i in 0..<40 { text += "  k\(i): v\(i)\n" }
  text += "list:\n"
  for i in 0..<40 { text += "  - {n: \(i)}\n" }
  text += "after: [a]\n"
  let doc = try #require(loaded(text))
  #expect(located(doc, "/wide/k0") == "2:7+2")
  #expect(located(doc, "/wide/k37") == "39:8+3")
  #expect(located(doc, "/wide/k37", key: true) == "39:3+3")
  #expect(located(doc, "/wide/k40") == "unmapped")
  #expect(located(doc, "/list/0/n") == "43:9+1")
  #expect(located(doc, "/list/33/n") == "76:9+2")
  #expect(located(doc, "/list/33") == "76:5+7")
  #expect(located(doc, "/list/033") == "unmapped")
  #expect(located(doc, "/list/40") == "unmapped")
  #expect(located(doc, "/after/0") == "83:9+1")
  #expect(doc.map.span(at: pointer("/list/39/n/deeper")).description == "t.yaml:82:9")
}

// MARK: Failures

/// (name, input, code, line:column of the primary span, message).
private let failureCases: [(String, String, DiagnosticCode, String, String)] = [
  (
    "duplicate-block", "a: 1\nb:\n  c: 2\n  c: 3\n", .duplicateKey, "4:3",
    "duplicate key 'c' in this mapping"
  ),
  (
    "duplicate-flow", "{\"a\": 1, \"b\": 2, \"a\": 3}", .duplicateKey, "1:18",
    "duplicate key 'a' in this mapping"
  ),
  (
    "colon-in-plain", "a: b: c\n", .yamlSyntax, "1:5",
    "unexpected ':' here; a plain value cannot contain ': ' (quote it), and a nested mapping "
      + "must start on its own line"
  ),
  (
    "key-indented-deeper", "info:\n  title: t\n    version: '1'\n", .yamlSyntax, "3:5",
    "this key is indented deeper than 'title' on line 2, which already has a value; keys of one "
      + "mapping must line up"
  ),
  (
    "item-key-indented-deeper", "steps:\n  - stepId: s\n\n    # note\n     operationId: x\n",
    .yamlSyntax, "5:6",
    "this key is indented deeper than 'stepId' on line 2, which already has a value; keys of one "
      + "mapping must line up"
  ),
  (
    "bad-indent", "a:\n  b: 1\n c: 2\n", .yamlSyntax, "3:2",
    "expected a mapping key here; this line's indentation does not fit the mapping above"
  ),
  (
    "unterminated-quote", "a: \"open\nb: 2\n", .yamlSyntax, "3:1",
    "the file ends inside a quoted string; the closing quote is missing"
  ),
  (
    "json-bracket", "{\"a\": [1, 2}\n", .yamlSyntax, "1:12",
    "expected ',' or ']' in this flow sequence"
  ),
  (
    "tab-indent", "a:\n\t- b\n", .yamlSyntax, "2:1",
    "this character cannot start a YAML value; quote the value (tabs cannot indent, and '@' and "
      + "'`' are reserved)"
  ),
  (
    "empty", "", .emptyDocument, "1:1",
    "the file holds no YAML or JSON document (it is empty or only comments)"
  ),
  (
    "comments-only", "# nothing\n\n# here\n", .emptyDocument, "1:1",
    "the file holds no YAML or JSON document (it is empty or only comments)"
  ),
  ("bare-document-marker", "---\n", .emptyDocument, "2:1", "the document is empty"),
  (
    "two-documents", "a: 1\n---\nb: 2\n", .unsupportedYAML, "2:1",
    "the file holds more than one YAML document"
  ),
  (
    "nul-byte", "a: 1\nb: x\u{0}y\n", .notText, "2:5",
    "the file contains a NUL byte; it looks binary, not text"
  ),
  (
    "control-char", "a: 1\nb: x\u{7}y\n", .notText, "2:5",
    "the file contains control character U+0007, which YAML does not allow"
  ),
  (
    "infinity", "a: -.inf\n", .unsupportedYAML, "1:4",
    "'-.inf' is a YAML float with no JSON equivalent"
  ),
  ("nan", "a: [.NaN]\n", .unsupportedYAML, "1:5", "'.NaN' is a YAML float with no JSON equivalent"),
  (
    "float-overflow", "a: 1e999\n", .unsupportedYAML, "1:4",
    "'1e999' is a YAML float with no JSON equivalent"
  ),
  ("tag-mismatch", "a: !!int abc\n", .unsupportedYAML, "1:4", "'abc' cannot be read as !!int"),
  (
    "sequence-key", "? [a, b]\n: 1\n", .unsupportedYAML, "1:3",
    "a mapping key must be a string, not a sequence"
  ),
  (
    "mapping-key", "{x: 1}: 2\n", .unsupportedYAML, "1:1",
    "a mapping key must be a string, not a mapping"
  ),
  (
    "undefined-alias", "a: 1\nb: *nope\n", .unsupportedYAML, "2:4",
    "alias '*nope' refers to no anchor defined before it"
  ),
  // libyaml's 1024-character limit on keys, in block, flow and JSON mappings.
  ("long-key", "a: 1\n\(longKey): 1\n", .yamlSyntax, "2:1026", longKeyMessage),
  ("long-key-flow", "{a: 1, \(longKey): 1}\n", .yamlSyntax, "1:1033", longKeyMessage),
  ("long-key-json", "{\"a\": 1, \"\(longKey)\": 1}\n", .yamlSyntax, "1:1037", longKeyMessage),
]

private let longKey = String(repeating: "k", count: 1025)
private let longKeyMessage =
  "this mapping key is too long: YAML allows at most 1024 characters from a key's start to its ':'"

/// A key of exactly 1024 characters is still a key.
@Test func keysUpToTheLimitLoad() throws {
  let key = String(repeating: "k", count: 1024)
  for text in ["\(key): 1\n", "{\"\(key.dropLast(2))\": 1}"] {
    #expect(failure(text).isEmpty, "\(failure(text).map(\.message))")
  }
}

@Test(arguments: failureCases.map { $0.0 })
func failuresAreLocated(name: String) throws {
  let (_, text, code, position, message) = try #require(failureCases.first { $0.0 == name })
  let diagnostics = failure(text)
  let first = try #require(diagnostics.first)
  #expect(first.code == code)
  #expect(first.span.map { "\($0.start.line):\($0.start.column)" } == position)
  #expect(first.message == message)
}

@Test func invalidUTF8IsNotText() throws {
  var bytes = Array("a: 1\nb: ok\n".utf8)
  bytes.insert(0xFF, at: 8)
  guard case .failure(let f) = DocumentLoader.load(bytes: bytes, path: "bin.yaml") else {
    Issue.record("binary input loaded")
    return
  }
  let d = try #require(f.diagnostics.first)
  #expect(d.code == .notText)
  #expect(d.span?.description == "bin.yaml:2:4")
  #expect(
    d.message == "the file is not UTF-8 text: byte 0xFF does not start a valid UTF-8 sequence")
}

@Test func utf8ByteOrderMarkIsSkipped() throws {
  guard
    case .success(let doc) = DocumentLoader.load(
      bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8), path: "b.yaml")
  else {
    Issue.record("BOM input failed")
    return
  }
  #expect(located(doc, "/a") == "1:4+1")
}

@Test func missingFileIsUnreadable() throws {
  guard
    case .failure(let f) = DocumentLoader.load(path: "/nonexistent/x.yaml", displayPath: "x.yaml")
  else {
    Issue.record("missing file loaded")
    return
  }
  #expect(f.diagnostics.map(\.code) == [.unreadableFile])
  #expect(f.diagnostics.first?.message == "cannot read 'x.yaml': no such file")
  guard case .failure(let g) = DocumentLoader.load(path: NSTemporaryDirectory()) else {
    Issue.record("directory loaded")
    return
  }
  #expect(g.diagnostics.first?.message.hasSuffix("it is a directory") == true)
}

@Test func everyDuplicateAndBadScalarIsReported() {
  let diagnostics = failure("a: 1\na: 2\nb: .inf\nb: 3\n")
  #expect(diagnostics.map(\.code) == [.duplicateKey, .unsupportedYAML, .duplicateKey])
  #expect(diagnostics.map { $0.span?.start.line ?? 0 } == [2, 3, 4])
}

@Test func deepNestingIsRefusedWithoutCrashing() {
  for text in [
    String(repeating: "[", count: 100_000),
    String(repeating: "{a: ", count: 100_000),
    String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
    String(repeating: "- ", count: 100_000) + "x\n",
    (0..<300).map { String(repeating: " ", count: $0) + "k:\n" }.joined(),
  ] {
    let diagnostics = failure(text)
    #expect(diagnostics.first?.code == .tooDeep, "\(text.prefix(12))")
  }
  #expect(loaded(String(repeating: "[", count: 256) + String(repeating: "]", count: 256)) != nil)
}

@Test func aliasBombIsRefused() {
  var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
  for i in 1...9 {
    text +=
      "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
  }
  let start = Date()
  let diagnostics = failure(text)
  #expect(diagnostics.first?.code == .unsupportedYAML)
  #expect(diagnostics.first?.message == "aliases expand the document by more than 1000000 values")
  #expect(Date().timeIntervalSince(start) < 5)
}

// MARK: Golden renderings

@Test func duplicateKeyRendering() {
  let text = "arazzo: 1.0.1\ninfo:\n  title: A\n  version: 1.0.0\n  title: B\n"
  let rendered = DiagnosticRenderer(colored: false).render(failure(text, path: "dup.arazzo.yaml"))
  #expect(
    rendered == """
      error[AZ1002]: duplicate key 'title' in this mapping
       --> dup.arazzo.yaml:5:3
        |
      5 |   title: B
        |   ^^^^^ 'title' is already defined
        = note: first defined here (dup.arazzo.yaml:3:3)
        = hint: remove or rename one of the two entries

      1 error, 0 warnings

      """)
}

@Test func syntaxErrorRendering() {
  let text = "workflows:\n  - workflowId: a\n    steps:\n      - stepId: b\n     description: c\n"
  let rendered = DiagnosticRenderer(colored: false).render(failure(text, path: "bad.arazzo.yaml"))
  #expect(
    rendered == """
      error[AZ1001]: expected a mapping key here; this line's indentation does not fit the mapping above
       --> bad.arazzo.yaml:5:6
        |
      5 |      description: c
        |      ^
        = note: the mapping starts here (bad.arazzo.yaml:2:5)

      1 error, 0 warnings

      """)
}

/// A key indented deeper than its sibling names the indentation, the sibling and the column.
@Test func indentationMistakeRendering() {
  let text = "info:\n  title: t\n    version: '1'\n"
  let rendered = DiagnosticRenderer(colored: false).render(
    failure(text, path: "indent.arazzo.yaml"))
  #expect(
    rendered == """
      error[AZ1001]: this key is indented deeper than 'title' on line 2, which already has a value; keys of one mapping must line up
       --> indent.arazzo.yaml:3:5
        |
      3 |     version: '1'
        |     ^
        = note: 'title' is here, at column 3 (indent.arazzo.yaml:2:3)
        = hint: indent this line to column 3, under 'title'

      1 error, 0 warnings

      """)
}

@Test func jsonDuplicateRendering() {
  let text = "{\n  \"arazzo\": \"1.0.1\",\n  \"arazzo\": \"1.0.0\"\n}\n"
  let rendered = DiagnosticRenderer(colored: false).render(failure(text, path: "dup.json"))
  #expect(
    rendered == """
      error[AZ1002]: duplicate key 'arazzo' in this mapping
       --> dup.json:3:3
        |
      3 |   "arazzo": "1.0.0"
        |   ^^^^^^^^ 'arazzo' is already defined
        = note: first defined here (dup.json:2:3)
        = hint: remove or rename one of the two entries

      1 error, 0 warnings

      """)
}

// MARK: Real documents

@Test func seedLoadsWithLocations() throws {
  let result = DocumentLoader.load(path: seedPath, displayPath: "seed.arazzo.yaml")
  guard case .success(let doc) = result else {
    Issue.record("seed failed: \(result)")
    return
  }
  let condition = "/workflows/0/steps/1/onSuccess/0/criteria/0/condition"
  #expect(
    doc.root["workflows"]?[0]?["steps"]?[1]?["onSuccess"]?[0]?["criteria"]?[0]?["condition"]
      == "$.data.status == 10")
  #expect(located(doc, condition, key: true) == "98:17+9")
  #expect(located(doc, condition) == "98:28+19")
  #expect(doc.map.span(at: pointer(condition)).description == "seed.arazzo.yaml:98:28")
  #expect(located(doc, "/arazzo") == "1:9+5")
  #expect(located(doc, "/info/description") == "5:16+2")
  #expect(doc.root["workflows"]?[0]?["inputs"]?["required"] == ["accountId", "jobId", "token"])
}

private func exampleFiles() -> [URL] {
  let names = (try? FileManager.default.contentsOfDirectory(atPath: examplesDirectory.path)) ?? []
  return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
    .sorted().map { examplesDirectory.appendingPathComponent($0) }
}

@Test func specExamplesLoad() {
  let files = exampleFiles()
  #expect(files.count >= 10)
  for url in files {
    if case .failure(let f) = DocumentLoader.load(path: url.path) {
      Issue.record("\(url.lastPathComponent): \(DiagnosticRenderer().render(f.diagnostics))")
    }
  }
}

@Test func loaderSurvivesTruncationMutationAndNoise() throws {
  let start = Date()
  var inputs: [(String, [UInt8])] = []
  for url in [URL(fileURLWithPath: seedPath)] + exampleFiles() {
    if let data = FileManager.default.contents(atPath: url.path) {
      inputs.append((url.lastPathComponent, [UInt8](data)))
    }
  }
  try #require(!inputs.isEmpty)
  var rng = SplitMix(state: 0xA2A2_0F00)
  var loads = 0
  let tokens = Array("\0\t\n\r :-?#&*!|>'\"{}[],%@`\\".utf8) + [0xC3, 0xFF, 0xE2]
  for (index, (name, bytes)) in inputs.enumerated() {
    // Truncations: every 7 bytes for the seed, ~250 cuts for the larger examples.
    let step = index == 0 ? 7 : max(7, bytes.count / 250)
    for cut in stride(from: 0, through: bytes.count, by: step) {
      _ = DocumentLoader.load(bytes: Array(bytes[..<cut]), path: name)
      loads += 1
    }
    // Mutations: 1-4 bytes replaced, inserted or deleted.
    for _ in 0..<(index == 0 ? 300 : 60) {
      var m = bytes
      for _ in 0...rng.below(4) where !m.isEmpty {
        let at = rng.below(m.count)
        let byte = rng.below(2) == 0 ? tokens[rng.below(tokens.count)] : UInt8(rng.below(256))
        switch rng.below(3) {
        case 0: m[at] = byte
        case 1: m.insert(byte, at: at)
        default: m.remove(at: at)
        }
      }
      _ = DocumentLoader.load(bytes: m, path: name)
      loads += 1
    }
  }
  // Noise: random token soup and random bytes.
  for _ in 0..<200 {
    let n = rng.below(400)
    let soup = (0..<n).map { _ in
      rng.below(3) == 0 ? UInt8(rng.below(256)) : tokens[rng.below(tokens.count)]
    }
    _ = DocumentLoader.load(bytes: soup, path: "noise.yaml")
    loads += 1
  }
  let elapsed = Date().timeIntervalSince(start)
  #expect(loads > 2000)
  #expect(elapsed < 90, "\(loads) loads took \(elapsed) s")  // a hang guard, not a benchmark
}

@Test func columnsCountScalarsAndCRLFBreaksLines() throws {
  let doc = try #require(loaded("a: [é, \"ü😀\", x]\r\nb: 2\r\n"))
  #expect(located(doc, "/a/1") == "1:8+4")
  #expect(located(doc, "/a/2") == "1:14+1")
  #expect(located(doc, "/b") == "2:4+1")
  #expect(doc.file.line(2) == "b: 2")
}

@Test func multiLineScalarsSpanToTheEndOfTheirFirstLine() throws {
  let doc = try #require(loaded("a: one\n  two\nb: \"x\n  y\"\n"))
  #expect(doc.root["a"] == "one two")
  #expect(located(doc, "/a") == "1:4+3")
  #expect(located(doc, "/b") == "3:4+2")
  #expect(doc.root["b"] == "x y")
}

@Test func jsonSurrogatePairEscapesLoad() throws {
  let text = "{\"a\": \"x\\uD83D\\uDCA9y\", \"b\": \"\\\\uD83D\\u00e9\"}"
  let doc = try #require(loaded(text, path: "s.json"))
  #expect(doc.root["a"] == "x\u{1F4A9}y")
  #expect(doc.root["b"] == "\\uD83D\u{E9}")
  let lone = failure("{\"a\": \"\\uD83D\"}", path: "s.json")
  #expect(lone.first?.code == .yamlSyntax)
  #expect(
    lone.first?.message == "invalid \\u escape (a lone UTF-16 surrogate, or beyond U+10FFFF)")
}
