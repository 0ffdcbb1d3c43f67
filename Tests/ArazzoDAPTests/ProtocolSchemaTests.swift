import ArazzoJSON
import Testing

/// `ProtocolSchema` checks messages against the DAP's own schema: the shapes the adapter sends
/// pass, and each broken one fails naming its definition, where and why.
@Suite struct ProtocolSchemaTests {
  private func schema() throws -> ProtocolSchema { try ProtocolSchema.shared.get() }

  private func violations(_ text: String) throws -> [String] {
    try schema().violations(of: JSONParser.parse(text))
  }

  /// Messages in the shapes the adapter sends, and the client's requests.
  @Test(arguments: [
    // initialize: the capabilities, with the adapter's three exception filters.
    #"""
    {"seq": 1, "type": "response", "request_seq": 1, "success": true, "command": "initialize",
     "body": {"supportsConfigurationDoneRequest": true, "supportsFunctionBreakpoints": true,
       "supportsConditionalBreakpoints": true, "supportsLogPoints": true,
       "supportsEvaluateForHovers": true, "supportsDisassembleRequest": true,
       "exceptionBreakpointFilters": [
         {"filter": "stepFailed", "label": "A step failed", "default": false},
         {"filter": "criterionFailed", "label": "A criterion failed"},
         {"filter": "workflowFailed", "label": "The workflow failed", "default": true}]}}
    """#,
    #"""
    {"seq": 9, "type": "event", "event": "stopped",
     "body": {"reason": "breakpoint", "description": "Paused on breakpoint", "threadId": 1,
       "allThreadsStopped": true, "hitBreakpointIds": [2]}}
    """#,
    #"""
    {"seq": 12, "type": "response", "request_seq": 7, "success": true, "command": "variables",
     "body": {"variables": [
       {"name": "statusCode", "value": "200", "type": "integer", "variablesReference": 0},
       {"name": "body", "value": "{…}", "variablesReference": 5, "namedVariables": 3,
        "evaluateName": "$response.body"}]}}
    """#,
    #"""
    {"seq": 4, "type": "event", "event": "output",
     "body": {"category": "console", "output": "runId = 70001\n",
       "source": {"name": "seed.arazzo.yaml", "path": "/tmp/seed.arazzo.yaml"}, "line": 42,
       "column": 9}}
    """#,
    #"""
    {"seq": 3, "type": "response", "request_seq": 2, "success": false, "command": "launch",
     "message": "cannot read 'nowhere.arazzo.yaml'",
     "body": {"error": {"id": 1, "format": "cannot read '{path}'",
       "variables": {"path": "nowhere.arazzo.yaml"}, "showUser": true}}}
    """#,
    // Client requests and the rest of a session's shapes.
    #"""
    {"seq": 1, "type": "request", "command": "initialize",
     "arguments": {"adapterID": "arazzo", "linesStartAt1": true, "columnsStartAt1": true,
       "pathFormat": "path"}}
    """#,
    #"""
    {"seq": 2, "type": "request", "command": "launch",
     "arguments": {"program": "seed.arazzo.yaml", "workflowId": "triggerRunAndPoll",
       "replay": "seed.har", "stopOnEntry": true}}
    """#,
    #"""
    {"seq": 3, "type": "request", "command": "setBreakpoints",
     "arguments": {"source": {"path": "/tmp/seed.arazzo.yaml"},
       "breakpoints": [{"line": 42, "condition": "$statusCode == 200"},
         {"line": 50, "logMessage": "run {$steps.trigger.outputs.runId}"}]}}
    """#,
    #"{"seq": 2, "type": "event", "event": "initialized"}"#,
    #"""
    {"seq": 5, "type": "response", "request_seq": 3, "success": true, "command": "setBreakpoints",
     "body": {"breakpoints": [{"id": 1, "verified": true, "line": 42},
       {"id": 2, "verified": false, "message": "no step on line 50", "reason": "failed"}]}}
    """#,
    #"""
    {"seq": 6, "type": "response", "request_seq": 4, "success": true, "command": "threads",
     "body": {"threads": [{"id": 1, "name": "triggerRunAndPoll"}]}}
    """#,
    #"""
    {"seq": 7, "type": "response", "request_seq": 5, "success": true, "command": "stackTrace",
     "body": {"stackFrames": [{"id": 1, "name": "pollRun", "line": 42, "column": 9,
       "source": {"name": "seed.arazzo.yaml", "path": "/tmp/seed.arazzo.yaml"}}],
       "totalFrames": 1}}
    """#,
    #"""
    {"seq": 8, "type": "response", "request_seq": 6, "success": true, "command": "scopes",
     "body": {"scopes": [{"name": "Response", "variablesReference": 4, "expensive": false}]}}
    """#,
    #"""
    {"seq": 10, "type": "response", "request_seq": 8, "success": true, "command": "evaluate",
     "body": {"result": "true", "type": "boolean", "variablesReference": 0}}
    """#,
    #"""
    {"seq": 11, "type": "response", "request_seq": 9, "success": true, "command": "continue",
     "body": {"allThreadsContinued": true}}
    """#,
    #"{"seq": 13, "type": "event", "event": "exited", "body": {"exitCode": 0}}"#,
    #"{"seq": 14, "type": "event", "event": "terminated"}"#,
    #"""
    {"seq": 15, "type": "response", "request_seq": 10, "success": true, "command": "disconnect"}
    """#,
  ])
  func aWellFormedMessagePasses(text: String) throws {
    #expect(try violations(text) == [])
  }

  /// Each broken message fails with exactly its fault: the definition, the path, why, and the
  /// keyword.
  @Test(arguments: [
    (
      // A stopped event without its reason.
      #"{"seq": 9, "type": "event", "event": "stopped", "body": {"threadId": 1}}"#,
      "StoppedEvent /body: missing required property 'reason' [required]"
    ),
    (
      #"{"seq": 9, "type": "event", "event": "stopped", "body": {"reason": "step", "threadId": "1"}}"#,
      "StoppedEvent /body/threadId: expected integer, found string [type]"
    ),
    (
      #"{"seq": 3, "type": "response", "success": true, "command": "threads", "body": {"threads": []}}"#,
      "ThreadsResponse (root): missing required property 'request_seq' [required]"
    ),
    (
      #"""
      {"seq": 12, "type": "response", "request_seq": 7, "success": true, "command": "variables",
       "body": {"variables": [{"name": "statusCode", "value": "200"}]}}
      """#,
      "VariablesResponse /body/variables/0: missing required property 'variablesReference' [required]"
    ),
    (
      // An error response must say what went wrong in a body.
      #"{"seq": 3, "type": "response", "request_seq": 2, "success": false, "command": "launch"}"#,
      "ErrorResponse (root): missing required property 'body' [required]"
    ),
    (
      #"{"seq": 0, "type": "event", "event": "terminated"}"#,
      "TerminatedEvent /seq: 0 is less than the minimum 1 [minimum]"
    ),
    (
      #"""
      {"seq": 4, "type": "event", "event": "output",
       "body": {"output": "x", "source": {"path": 7}, "line": 1}}
      """#,
      "OutputEvent /body/source/path: expected string, found integer [type]"
    ),
  ])
  func aBrokenMessageFailsWithItsPath(text: String, expected: String) throws {
    #expect(try violations(text) == [expected])
  }

  /// A name the protocol does not define is an error, never a silent pass, for events,
  /// requests and responses alike, error responses included.
  @Test(arguments: [
    (
      #"{"seq": 2, "type": "event", "event": "stepped", "body": {}}"#,
      "the DAP schema has no definition 'SteppedEvent'"
    ),
    (
      #"{"seq": 2, "type": "request", "command": "rewind"}"#,
      "the DAP schema has no definition 'RewindRequest'"
    ),
    (#"{"seq": 2, "type": "event"}"#, #"a DAP message needs a "event" string"#),
    (#"{"seq": 2, "command": "next"}"#, #"a DAP message needs "type" request, response or event"#),
  ])
  func anUnknownNameIsAnError(text: String, expected: String) throws {
    let message = try JSONParser.parse(text)
    let schema = try schema()
    do {
      let found = try schema.violations(of: message)
      Issue.record("expected an error, got \(found)")
    } catch let error as ProtocolSchemaError {
      #expect(error.description.hasPrefix(expected), "\(error)")
    }
  }

  /// The answer to an unknown or malformed request is an ErrorResponse, checked as one.
  @Test func aFailureToAnUnknownRequestIsAnErrorResponse() throws {
    let schema = try schema()
    let answer = try JSONParser.parse(
      #"""
      {"seq": 2, "type": "response", "request_seq": 1, "success": false, "command": "rewind",
       "message": "unknown request 'rewind'", "body": {"error": {"id": 1, "format": "unknown"}}}
      """#)
    #expect(try schema.definitionName(for: answer) == "ErrorResponse")
    #expect(try schema.violations(of: answer) == [])
    let bodiless = try JSONParser.parse(
      #"{"seq": 3, "type": "response", "request_seq": 2, "success": false, "command": ""}"#)
    #expect(try schema.violations(of: bodiless) != [])
  }

  /// The project's 2020-12 validator reads the whole draft-04 schema: every definition compiles
  /// (`definitions` through JSON-pointer `$ref`s, `allOf`, type lists; `_enum` and `format` are
  /// annotations), and a value of the wrong type is reported, never passed.
  @Test func everyDefinitionCompiles() throws {
    let schema = try schema()
    #expect(schema.definitionNames.count > 150)
    for name in schema.definitionNames {
      #expect(throws: Never.self) { _ = try schema.violations(of: .null, against: name) }
    }
    #expect(
      try schema.violations(of: "x", against: "Capabilities") == [
        "Capabilities (root): expected object, found string [type]"
      ])
  }

  /// The naming rule holds for the whole protocol: every request and event definition compiles
  /// and pins its own `command` or `event` to the name the rule derives it from.
  @Test func everyRequestAndEventDefinitionMatchesItsName() throws {
    let schema = try schema()
    var checked = 0
    for name in schema.definitionNames {
      for (suffix, type, field) in [
        ("Request", "request", "command"), ("Event", "event", "event"),
      ] where name.hasSuffix(suffix) && name != suffix {
        let stem = name.dropLast(suffix.count)
        let value = stem.prefix(1).lowercased() + stem.dropFirst()
        let message: JSONValue = ["seq": 1, "type": .string(type), field: .string(value)]
        #expect(try schema.definitionName(for: message) == name)
        let found = try schema.violations(of: message, against: name)
        #expect(!found.contains { $0.contains("/\(field):") }, "\(found)")
        let wrong: JSONValue = ["seq": 1, "type": .string(type), field: "x"]
        #expect(
          try schema.violations(of: wrong, against: name).contains { $0.contains("/\(field):") })
        checked += 1
      }
    }
    #expect(checked > 60)
  }

  @Test func definitionNamesFollowTheCommandAndEvent() throws {
    let schema = try schema()
    let names = try [
      #"{"seq": 1, "type": "response", "request_seq": 1, "success": true, "command": "setBreakpoints"}"#,
      #"{"seq": 1, "type": "response", "request_seq": 1, "success": false, "command": "next"}"#,
      #"{"seq": 1, "type": "event", "event": "loadedSource"}"#,
      #"{"seq": 1, "type": "request", "command": "setExceptionBreakpoints"}"#,
    ].map { try schema.definitionName(for: JSONParser.parse($0)) }
    #expect(
      names == [
        "SetBreakpointsResponse", "ErrorResponse", "LoadedSourceEvent",
        "SetExceptionBreakpointsRequest",
      ])
  }
}
