import ArazzoJSON
import ArazzoSyntax
import Testing

@testable import ArazzoRuntime

@Suite struct InputBinderTests {
  /// The seed document and its workflow's inputs schema.
  static func seed() throws -> (root: JSONValue, inputs: JSONValue) {
    let path = repoPath("examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml")
    guard case .success(let loaded) = DocumentLoader.load(path: path) else {
      throw FixtureError(description: "cannot load the seed")
    }
    let inputs = try #require(loaded.root["workflows"]?[0]?["inputs"])
    return (loaded.root, inputs)
  }

  @Test func seedInputsFromArgumentsWithTheCauseDefault() throws {
    let (root, schema) = try Self.seed()
    let binding = InputBinder(schema: schema, documentRoot: root).bind(
      arguments: ["accountId=1", "jobId=2", "token=T"])
    #expect(binding.errors == [])
    #expect(
      binding.inputs
        == ["accountId": 1, "jobId": 2, "token": "T", "cause": "Triggered via Arazzo workflow"])
    #expect(
      binding.inputs["accountId"].map { if case .integer = $0 { true } else { false } } == true)
  }

  @Test func seedInputsWithoutDefaults() throws {
    let (root, schema) = try Self.seed()
    let binding = InputBinder(schema: schema, documentRoot: root, applyDefaults: false).bind(
      arguments: ["accountId=1", "jobId=2", "token=T"])
    #expect(binding.inputs["cause"] == nil)
  }

  @Test func seedErrorsOnePerProblem() throws {
    let (root, schema) = try Self.seed()
    let binding = InputBinder(schema: schema, documentRoot: root).bind(
      arguments: ["accountId=abc", "jobId=2.5", "nonsense"])
    #expect(
      binding.errors.map(\.description) == [
        "input 'accountId' must be an integer, got 'abc'",
        "input 'jobId' must be an integer, got '2.5'",
        "--input expects NAME=VALUE, got 'nonsense'",
        "missing required input 'token'",
      ])
  }

  @Test func precedenceArgumentOverEnvironmentOverFile() throws {
    let (root, schema) = try Self.seed()
    let binding = InputBinder(schema: schema, documentRoot: root).bind(
      arguments: ["token=from-arg"],
      file: ["accountId": 10, "jobId": 20, "token": "from-file", "cause": "file"],
      environment: [
        "ARAZZO_INPUT_TOKEN": "from-env", "arazzo_input_jobid": "21", "ARAZZO_INPUT_CAUSE": "env",
        "HOME": "/root",
      ])
    #expect(binding.errors == [])
    #expect(binding.inputs == ["accountId": 10, "jobId": 21, "token": "from-arg", "cause": "env"])
  }

  @Test func environmentErrorsNameTheVariable() throws {
    let (root, schema) = try Self.seed()
    let binding = InputBinder(schema: schema, documentRoot: root).bind(
      arguments: ["jobId=1", "token=t"], environment: ["ARAZZO_INPUT_ACCOUNTID": "x1"])
    #expect(
      binding.errors.map(\.description) == [
        "input 'accountId' (from ARAZZO_INPUT_ACCOUNTID) must be an integer, got 'x1'"
      ])
  }

  @Test(arguments: [
    ("accountId", "ARAZZO_INPUT_ACCOUNTID"), ("page-size", "ARAZZO_INPUT_PAGE_SIZE"),
    ("api.key", "ARAZZO_INPUT_API_KEY"), ("ünïcode", "ARAZZO_INPUT__N_CODE"),
  ])
  func environmentNames(_ name: String, _ variable: String) {
    #expect(InputBinder.environmentName(for: name) == variable)
  }

  struct TypingCase: Sendable, CustomStringConvertible {
    var schema: JSONValue
    var text: String
    var expected: JSONValue?
    var description: String { "\(schema) \(text)" }
  }

  @Test(arguments: [
    TypingCase(schema: ["type": "integer"], text: "42", expected: 42),
    TypingCase(schema: ["type": "integer"], text: "-7", expected: -7),
    TypingCase(schema: ["type": "integer"], text: "1e2", expected: 100),
    TypingCase(schema: ["type": "integer"], text: "abc", expected: nil),
    TypingCase(schema: ["type": "number"], text: "2.5", expected: 2.5),
    TypingCase(schema: ["type": "number"], text: "x", expected: nil),
    TypingCase(schema: ["type": "boolean"], text: "true", expected: true),
    TypingCase(schema: ["type": "boolean"], text: "FALSE", expected: false),
    TypingCase(schema: ["type": "boolean"], text: "yes", expected: nil),
    TypingCase(schema: ["type": "string"], text: "007", expected: "007"),
    TypingCase(schema: ["type": "object"], text: #"{"a":[1]}"#, expected: ["a": [1]]),
    TypingCase(schema: ["type": "object"], text: "[1]", expected: nil),
    TypingCase(schema: ["type": "array"], text: "[1, \"x\"]", expected: [1, "x"]),
    TypingCase(schema: ["type": ["integer", "null"]], text: "null", expected: nil as JSONValue?),
    TypingCase(schema: ["type": ["integer", "string"]], text: "abc", expected: "abc"),
    TypingCase(schema: ["type": ["integer", "string"]], text: "5", expected: 5),
    TypingCase(schema: ["enum": [1, 2]], text: "2", expected: 2),
    TypingCase(schema: [:], text: "12", expected: "12"),
  ])
  func typing(_ c: TypingCase) {
    let result = InputBinder.typed(c.text, schema: c.schema)
    switch result {
    case .success(let v):
      if c.schema["type"] == ["integer", "null"] {
        #expect(v == .null)
      } else {
        #expect(v == c.expected)
      }
    case .failure:
      #expect(c.expected == nil)
    }
  }

  @Test func refsIntoComponentsAndNestedDefaults() {
    let root: JSONValue = [
      "components": [
        "inputs": [
          "paging": [
            "type": "object",
            "properties": [
              "page": [
                "type": "object", "properties": ["size": ["type": "integer", "default": 50]],
              ],
              "order": ["type": "string", "default": "asc"],
            ],
          ]
        ]
      ]
    ]
    let schema: JSONValue = [
      "type": "object",
      "properties": [
        "paging": ["$ref": "#/components/inputs/paging"], "limit": ["type": "integer"],
      ],
    ]
    let binding = InputBinder(schema: schema, documentRoot: root).bind(
      arguments: ["paging={\"page\":{}}", "limit=3"])
    #expect(binding.errors == [])
    #expect(binding.inputs == ["paging": ["page": ["size": 50], "order": "asc"], "limit": 3])
  }

  @Test func wholeSchemaByReference() {
    let root: JSONValue = [
      "components": [
        "inputs": [
          "creds": [
            "type": "object", "required": ["user"],
            "properties": [
              "user": ["type": "string"], "pin": ["type": "integer", "minimum": 1000],
            ],
          ]
        ]
      ]
    ]
    let binding = InputBinder(schema: ["$ref": "#/components/inputs/creds"], documentRoot: root)
      .bind(arguments: ["pin=12"])
    #expect(
      binding.errors.map(\.description) == [
        "missing required input 'user'", "input 'pin': 12 is less than the minimum 1000",
      ])
  }

  @Test func referenceWithSiblingsKeepsTyping() {
    let root: JSONValue = [
      "components": [
        "inputs": [
          "ids": ["type": "object", "required": ["id"], "properties": ["id": ["type": "integer"]]]
        ]
      ]
    ]
    let schema: JSONValue = [
      "$ref": "#/components/inputs/ids",
      "properties": ["verbose": ["type": "boolean", "default": false]],
    ]
    let binding = InputBinder(schema: schema, documentRoot: root).bind(arguments: ["id=5"])
    #expect(binding.errors == [])
    #expect(binding.inputs == ["id": 5, "verbose": false])
    let missing = InputBinder(schema: schema, documentRoot: root).bind()
    #expect(missing.errors.map(\.description) == ["missing required input 'id'"])
  }

  @Test func noSchemaTakesWhateverWasGiven() {
    let binding = InputBinder(schema: nil).bind(
      arguments: ["a=1", "b={\"x\":1}"], file: ["c": true], environment: ["ARAZZO_INPUT_d": "x"])
    #expect(binding.errors == [])
    #expect(binding.inputs == ["c": true, "d": "x", "a": "1", "b": "{\"x\":1}"])
  }

  @Test func fileMustBeAnObjectAndUndeclaredInputsWarn() throws {
    let (root, schema) = try Self.seed()
    let bad = InputBinder(schema: schema, documentRoot: root).bind(file: [1, 2])
    #expect(
      bad.errors.first?.description == "the --inputs file must hold a JSON object, found array")
    let binding = InputBinder(schema: schema, documentRoot: root).bind(
      arguments: ["accountId=1", "jobId=2", "token=t", "acountId=3"])
    #expect(
      binding.warnings == ["input 'acountId' is not declared by the workflow's inputs schema"])
  }

  @Test func nestedViolationsNameTheInputAndLocation() {
    let schema: JSONValue = [
      "type": "object",
      "properties": [
        "filter": ["type": "object", "properties": ["status": ["enum": ["open", "closed"]]]]
      ],
    ]
    let binding = InputBinder(schema: schema).bind(arguments: [#"filter={"status":"x"}"#])
    #expect(
      binding.errors.map(\.description) == [
        #"input 'filter' at /status: value "x" is not one of "open", "closed""#
      ])
  }
}
