import ArazzoJSON
import Testing

@testable import ArazzoSyntax

/// Builds a minimal valid document around one workflow's JSON text.
private func document(arazzo: String = "1.0.1", workflow: String, extra: String = "") -> String {
  """
  {"arazzo": "\(arazzo)", "info": {"title": "t", "version": "1"},
   "sourceDescriptions": [{"name": "api", "url": "api.yaml", "type": "openapi"}],
   "workflows": [\(workflow)]\(extra)}
  """
}

/// A workflow with one step whose body is `step` (without braces).
private func oneStep(_ step: String) -> String {
  document(workflow: #"{"workflowId": "w", "steps": [{"stepId": "s", \#(step)}]}"#)
}

@Suite struct FieldDiagnosticsTests {
  @Test func validMinimalDocumentHasNoDiagnostics() throws {
    let result = try decodeJSON(oneStep(#""operationId": "op""#))
    #expect(result.diagnostics.isEmpty)
    #expect(result.document?.workflows[0].steps[0].target.map { "\($0)" } != nil)
  }

  @Test func wrongTypeNamesFieldAndFoundType() throws {
    let result = try decodeJSON(document(workflow: #"{"workflowId": "w", "steps": {"a": 1}}"#))
    #expect(summary(result.diagnostics) == ["AZ1010 error: 'steps' must be an array, found object"])
    #expect(result.flaggedPointers.contains(try JSONPointer(parsing: "/workflows/0/steps")))
    #expect(result.document?.workflows.count == 1)
  }

  @Test func arrayElementOfWrongType() throws {
    let result = try decodeJSON(
      document(
        workflow: #"{"workflowId": "w", "steps": ["oops", {"stepId": "b", "operationId": "x"}]}"#))
    #expect(
      summary(result.diagnostics) == ["AZ1010 error: 'steps[0]' must be an object, found string"])
    #expect(result.document?.workflows[0].steps.map(\.stepId.value) == ["b"])
  }

  @Test func missingFieldIsReportedAtTheParent() throws {
    let result = try decodeJSON(
      document(workflow: #"{"workflowId": "w", "steps": [{"operationId": "x"}]}"#))
    #expect(
      summary(result.diagnostics) == ["AZ1011 error: step is missing required field 'stepId'"])
    #expect(result.flaggedPointers.contains(try JSONPointer(parsing: "/workflows/0/steps/0")))
    let step = try #require(result.document?.workflows[0].steps.first)
    #expect(step.stepId.isMissing)
    #expect(step.operationId?.value == "x")
  }

  @Test func missingRootFields() throws {
    let result = try decodeJSON(#"{"arazzo": "1.0.1"}"#)
    #expect(
      result.diagnostics.map(\.message) == [
        "the Arazzo document is missing required field 'info'",
        "the Arazzo document is missing required field 'sourceDescriptions'",
        "the Arazzo document is missing required field 'workflows'",
      ])
    #expect(result.diagnostics.allSatisfy { $0.code == .missingField })
    #expect(result.document != nil)
  }

  @Test func unknownFieldSuggestsTheCloseName() throws {
    let result = try decodeJSON(oneStep(#""operationID": "op""#))
    let d = try #require(result.diagnostics.first { $0.code == .unknownField })
    #expect(d.message == "unknown field 'operationID' in step")
    #expect(d.hint == "did you mean 'operationId'?")
    #expect(d.fixIt?.replacement == "operationId")
    #expect(
      result.flaggedPointers.contains(try JSONPointer(parsing: "/workflows/0/steps/0/operationID")))
  }

  @Test func extensionsAreKeptNotReported() throws {
    let result = try decodeJSON(oneStep(#""operationId": "op", "x-note": {"a": 1}"#))
    #expect(result.diagnostics.isEmpty)
    #expect(result.document?.workflows[0].steps[0].extensions["x-note"] == ["a": 1])
  }

  @Test func bodyIsNotAParameterLocation() throws {
    let result = try decodeJSON(
      oneStep(#""operationId": "op", "parameters": [{"name": "p", "in": "body", "value": 1}]"#))
    let d = try #require(result.diagnostics.first)
    #expect(d.code == .invalidValue)
    #expect(
      d.message
        == "'body' is not a valid parameter location; expected one of 'path', 'query', 'header', 'cookie'"
    )
    #expect(d.hint?.contains("requestBody") == true)
    #expect(
      result.flaggedPointers.contains(
        try JSONPointer(parsing: "/workflows/0/steps/0/parameters/0/in")))
    let parameter = try #require(result.document?.workflows[0].steps[0].parameters.first?.inline)
    #expect(parameter.location == nil)
    #expect(parameter.value.value == 1)
  }

  @Test func retryIsNotASuccessAction() throws {
    let result = try decodeJSON(
      oneStep(#""operationId": "op", "onSuccess": [{"name": "again", "type": "retry"}]"#))
    #expect(result.diagnostics.map(\.code) == [.invalidValue])
    #expect(
      result.diagnostics.first?.hint == "'retry' is only allowed in failure actions (onFailure)")
    #expect(
      result.flaggedPointers.contains(
        try JSONPointer(parsing: "/workflows/0/steps/0/onSuccess/0/type")))
  }

  @Test func badCriterionTypeSuggestsTheName() throws {
    let result = try decodeJSON(
      oneStep(
        #""operationId": "op", "successCriteria": [{"context": "$response.body", "condition": "$.a", "type": "jsonpth"}]"#
      ))
    #expect(result.diagnostics.map(\.code) == [.invalidValue])
    #expect(result.diagnostics.first?.hint == "did you mean 'jsonpath'?")
  }

  @Test func criterionExpressionTypeObject() throws {
    let result = try decodeJSON(
      oneStep(
        #""operationId": "op", "successCriteria": [{"context": "$response.body", "condition": "$.a", "type": {"type": "jsonpath", "version": "draft-goessner-dispatch-jsonpath-00"}}]"#
      ))
    #expect(result.diagnostics.isEmpty)
    let criterion = try #require(result.document?.workflows[0].steps[0].successCriteria.first)
    #expect(criterion.kind == .jsonpath)
    #expect(criterion.version?.value == "draft-goessner-dispatch-jsonpath-00")
  }

  @Test func failureActionNumbers() throws {
    let result = try decodeJSON(
      oneStep(
        #""operationId": "op", "onFailure": [{"name": "r", "type": "retry", "retryAfter": -1, "retryLimit": "3"}]"#
      ))
    #expect(
      summary(result.diagnostics) == [
        "AZ1013 error: 'retryAfter' must not be negative",
        "AZ1010 error: 'retryLimit' must be an integer, found string",
      ])
    let action = try #require(result.document?.workflows[0].steps[0].onFailure.first?.inline)
    #expect(action.type?.value == .retry)
  }

  @Test func reusableObjectExtrasAreWarnings() throws {
    let result = try decodeJSON(
      oneStep(
        #""operationId": "op", "parameters": [{"reference": "$components.parameters.p", "value": 1, "x-y": 2}]"#
      ))
    #expect(result.diagnostics.map(\.severity) == [.warning])
    #expect(result.diagnostics.map(\.code) == [.unknownField])
    let reusable = try #require(result.document?.workflows[0].steps[0].parameters.first?.reusable)
    #expect(reusable.componentReference?.key == "p")
    #expect(reusable.value?.value == 1)
  }

  @Test(arguments: ["2.0.0", "1.2.0", "1.0", "latest"])
  func unsupportedVersions(version: String) throws {
    let result = try decodeJSON(
      document(
        arazzo: version,
        workflow: #"{"workflowId": "w", "steps": [{"stepId": "s", "operationId": "o"}]}"#))
    #expect(result.diagnostics.map(\.code) == [.unsupportedVersion])
    #expect(result.document != nil)
  }

  @Test(arguments: ["1.0.0", "1.0.1", "1.0.7-rc1"])
  func acceptedOneZeroVersions(version: String) throws {
    let result = try decodeJSON(
      document(
        arazzo: version,
        workflow: #"{"workflowId": "w", "steps": [{"stepId": "s", "operationId": "o"}]}"#))
    #expect(result.diagnostics.isEmpty)
    #expect(result.document?.version == .v10)
  }

  @Test func oneOneFieldsDecodeInOneOneDocuments() throws {
    let step =
      #"{"stepId": "s", "operationId": "o", "timeout": 500, "dependsOn": ["a"], "action": "send", "correlationId": "$message.header.id", "parameters": [{"name": "q", "in": "querystring", "value": "a=1"}], "onSuccess": [{"name": "n", "type": "goto", "workflowId": "other", "parameters": [{"name": "x", "value": 1}]}]}"#
    let result = try decodeJSON(
      document(
        arazzo: "1.1.0", workflow: #"{"workflowId": "w", "steps": [\#(step)]}"#,
        extra: #", "$self": "https://example.com/a.arazzo.yaml""#))
    #expect(summary(result.diagnostics) == [])
    let doc = try #require(result.document)
    #expect(doc.version == .v11)
    #expect(doc.selfURI?.value == "https://example.com/a.arazzo.yaml")
    let s = doc.workflows[0].steps[0]
    #expect(s.timeout?.value == 500)
    #expect(s.dependsOn.map(\.value) == ["a"])
    #expect(s.action?.value == .send)
    #expect(s.parameters.first?.inline?.location?.value == .querystring)
    #expect(s.onSuccess.first?.inline?.parameters.count == 1)
  }

  @Test func oneOneFieldsInAOneZeroDocument() throws {
    let result = try decodeJSON(oneStep(#""operationId": "op", "timeout": 10"#))
    #expect(
      summary(result.diagnostics) == [
        "AZ1012 error: 'timeout' is an Arazzo 1.1 field; this document is 1.0.x"
      ])
    #expect(result.document?.workflows[0].steps[0].timeout == nil)
  }

  @Test func oneOneSelectorOutputs() throws {
    let wf =
      #"{"workflowId": "w", "steps": [{"stepId": "s", "operationId": "o", "outputs": {"a": {"context": "$response.body", "selector": "$.a", "type": "jsonpath"}, "b": "$statusCode"}}]}"#
    let result = try decodeJSON(document(arazzo: "1.1.0", workflow: wf))
    #expect(result.diagnostics.isEmpty)
    let outputs = try #require(result.document?.workflows[0].steps[0].outputs)
    guard case .selector(let selector) = outputs[0].value else {
      Issue.record("expected a selector")
      return
    }
    #expect(selector.type?.value == .jsonpath)
    #expect(outputs[1].expression?.value == "$statusCode")
  }

  @Test func rootThatIsNotAnObject() throws {
    let result = try decodeJSON("[1, 2]")
    #expect(result.document == nil)
    #expect(
      summary(result.diagnostics) == [
        "AZ1010 error: an Arazzo document must be an object, found array"
      ])
  }

  @Test func manyProblemsAreAllReported() throws {
    let wf =
      #"{"workflowId": 7, "steps": [{"stepId": "a", "operationId": "o", "successCriteria": {}}, {"stepId": "b", "workflowId": "w2", "onFailure": [{"name": "x"}]}], "outputs": {"o": 1}}"#
    let result = try decodeJSON(document(workflow: wf))
    #expect(
      summary(result.diagnostics) == [
        "AZ1010 error: 'successCriteria' must be an array, found object",
        "AZ1011 error: failure action is missing required field 'type'",
        "AZ1010 error: 'workflowId' must be a string, found integer",
        "AZ1010 error: 'o' must be a runtime expression, found integer",
      ])
    let workflow = try #require(result.document?.workflows.first)
    #expect(workflow.workflowId.value == "7")
    #expect(workflow.steps.count == 2)
  }

  @Test func diagnosticsPointAtTheKeySpan() throws {
    let text = oneStep(#""operationID": "op""#)
    let file = SourceFile(path: "mapped.json", text: text)
    var map = SourceMap(file: file)
    let keySpan = SourceSpan(start: SourceLocation(file: file, line: 4, column: 40), length: 13)
    let valueSpan = SourceSpan(start: SourceLocation(file: file, line: 4, column: 55), length: 4)
    map.record(
      try JSONPointer(parsing: "/workflows/0/steps/0/operationID"),
      SourceMap.Entry(key: keySpan, value: valueSpan, style: .doubleQuoted))
    let result = ArazzoDocument.decode(
      LoadedDocument(file: file, root: try JSONParser.parse(text), map: map))
    let d = try #require(result.diagnostics.first)
    #expect(d.span == keySpan)
    #expect(d.fixIt?.span == keySpan)
  }
}

@Suite struct DecodeFlagsTests {
  @Test func flagsRecordTheCodeAtEachPointer() throws {
    let text = """
      {"arazzo": "1.0.1", "info": {"title": "t", "version": "1"},
       "sourceDescriptions": [{"name": "api", "url": "a.yaml", "type": "soap"}],
       "workflows": [{"workflowId": "w", "steps": [{"stepId": "s", "operationId": 1, "bogus": 2}]}]}
      """
    let result = try decodeJSON(text)
    let p = { (s: String) throws -> JSONPointer in try JSONPointer(parsing: s) }
    #expect(result.flags[try p("/sourceDescriptions/0/type")] == [.invalidValue])
    #expect(result.flags[try p("/workflows/0/steps/0/operationId")] == [.wrongType])
    #expect(result.flags[try p("/workflows/0/steps/0")] == [.unknownField])
    #expect(result.flags[try p("/workflows/0/steps/0/bogus")] == [.unknownField])
    #expect(result.flags.count == 4)
  }
}
