import ArazzoDAP
import ArazzoDebugger
import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

/// `scopes`, `variables` and `setVariable` over real runs: trees, paging, evaluate names,
/// redaction.
@Suite struct InspectionVariablesTests {
  @Test func scopesAreTheContextsParts() async throws {
    let engine = try Runs.engine()
    try await engine.pauseForInspection(at: "pollRun", .afterResponse)
    let inspector = Inspector(engine: engine, showSecrets: false)
    let frame = try #require(try await inspector.call("stackTrace")["stackFrames"]?[0]?["id"])
    let scopes = try #require(
      try await inspector.call("scopes", ["frameId": frame])["scopes"]?.arrayValue)
    #expect(
      scopes.map { $0["name"]?.stringValue ?? "" }
        == ["Inputs", "Steps", "Request", "Response", "Outputs", "Workflows"])
    #expect(scopes.allSatisfy { $0["expensive"] == false })
    #expect(scopes[0]["presentationHint"] == "arguments")
    #expect(scopes[1]["presentationHint"] == "locals")
    #expect(scopes[0]["namedVariables"] == 4)  // accountId, jobId, token, cause
    #expect(scopes[3]["namedVariables"] == 3)  // statusCode, headers, body
  }

  @Test func variablesAreTreesNamedByTheExpressionsThatReadThem() async throws {
    let engine = try Runs.engine()
    try await engine.pauseForInspection(at: "pollRun", .afterResponse)
    let inspector = Inspector(engine: engine, showSecrets: false)
    let status = try await inspector.variable("Response", "body", "data", "status")
    #expect(status["evaluateName"] == "$response.body#/data/status")
    #expect(status["variablesReference"] == 0)
    #expect(status["type"] == "integer")
    let data = try await inspector.variable("Response", "body", "data")
    #expect(data["value"]?.stringValue?.hasPrefix("{…} ") == true)
    #expect(data["variablesReference"]?.intValue ?? 0 > 0)
    let runId = try await inspector.variable("Steps", "triggerRun", "outputs", "runId")
    #expect(runId["evaluateName"] == "$steps.triggerRun.outputs.runId")
    #expect(runId["value"] == "70000001")
    let account = try await inspector.variable("Inputs", "accountId")
    #expect(account["evaluateName"] == "$inputs.accountId")
    #expect(try await inspector.variable("Response", "statusCode")["evaluateName"] == "$statusCode")
    // Each evaluateName reads the value shown.
    for variable in [status, runId, account] {
      let name = try #require(variable["evaluateName"])
      let answer = try await inspector.call("evaluate", ["expression": name, "context": "watch"])
      #expect(answer["result"] == variable["value"])
    }
  }

  @Test func secretsAreRedactedUnlessShown() async throws {
    let engine = try Runs.engine()
    try await engine.pauseForInspection(at: "pollRun", .afterResponse)
    let inspector = Inspector(engine: engine, showSecrets: false)
    let authorization = try await inspector.variable("Request", "headers", "Authorization")
    #expect(authorization["value"] == "\"REDACTED\"")
    #expect(authorization["evaluateName"] == "$request.header.Authorization")
    #expect(try await inspector.variable("Inputs", "token")["value"] == "\"REDACTED\"")
    let evaluated = try await inspector.call(
      "evaluate", ["expression": "$inputs.token", "context": "repl"])
    #expect(evaluated["result"] == "\"REDACTED\"")
    let shown = Inspector(engine: engine, showSecrets: true)
    #expect(try await shown.variable("Inputs", "token")["value"] == "\"demo-token\"")
    #expect(
      try await shown.variable("Request", "headers", "Authorization")["value"]
        == "\"Bearer demo-token\"")
  }

  /// `password` is secret by its schema (`format: password`), in the caller's frame too.
  @Test func aSecretInputIsRedactedInEveryFrame() async throws {
    let engine = try Runs.petshopEngine()
    try await engine.pauseForInspection(at: "place-order.placeOrder")
    for (showSecrets, shown) in [(false, "\"REDACTED\""), (true, "\"wonderland\"")] {
      let inspector = Inspector(engine: engine, showSecrets: showSecrets)
      let caller = try #require(try await inspector.scopesByName(frame: 1)["Inputs"])
      let password = try #require(
        try await inspector.children(caller["variablesReference"])["password"])
      #expect(password["value"]?.stringValue == shown)
      #expect(password["evaluateName"] == "$inputs.password")
    }
  }

  @Test func setVariableChangesInputsOnly() async throws {
    let engine = try Runs.engine()
    try await engine.pauseForInspection(at: "pollRun")
    let inspector = Inspector(engine: engine, showSecrets: false)
    let scopes = try await inspector.scopesByName()
    let inputs = try #require(scopes["Inputs"]?["variablesReference"])
    let set = try await inspector.call(
      "setVariable", ["variablesReference": inputs, "name": "jobId", "value": "252"])
    #expect(set["value"] == "252")
    #expect(set["type"] == "integer")
    #expect(try engine.inspectedValue("$inputs.jobId") == 252)
    _ = try await inspector.call(
      "setVariable", ["variablesReference": inputs, "name": "cause", "value": "by hand"])
    #expect(try engine.inspectedValue("$inputs.cause") == "by hand")
    // The scope shows the new value.
    #expect(try await inspector.children(inputs)["cause"]?["value"] == "\"by hand\"")
    let steps = try #require(scopes["Steps"]?["variablesReference"])
    let refused = await inspector.failure(
      "setVariable", ["variablesReference": steps, "name": "triggerRun", "value": "1"])
    #expect(refused?.hasPrefix("only inputs can be changed") == true)
  }

  /// A 1 MB body answers in pages: the array's size is reported, each page is small.
  @Test func aLargeBodyIsAnsweredInPages() async throws {
    let folder = try TemporaryFolder()
    let recording = folder.appending("large.har").path
    let items = 20_000
    let body = try Self.writeRecording(items: items, to: recording)
    #expect(body >= 1_000_000)
    let engine = try Runs.engine(recording: recording)
    try await engine.pauseForInspection(at: "listArtifacts", .afterResponse)
    let inspector = Inspector(engine: engine, showSecrets: false)
    let data = try await inspector.variable("Response", "body", "data")
    #expect(data["indexedVariables"] == .integer(items))
    #expect(data["value"] == "[…] 20000 items")
    let reference = try #require(data["variablesReference"])
    let page = try await inspector.call(
      "variables",
      ["variablesReference": reference, "filter": "indexed", "start": 100, "count": 100])
    let variables = try #require(page["variables"]?.arrayValue)
    #expect(variables.count == 100)
    #expect(variables.first?["name"] == "100")
    #expect(variables.first?["evaluateName"] == "$response.body#/data/100")
    #expect(variables.last?["name"] == "199")
    let bytes = JSONPrinter.compact(page).utf8.count
    print("a page of 100 of \(items) items (\(body) bytes of body): \(bytes) bytes")
    #expect(bytes < 20_000)
    // Without a count, at most a bounded page; past the end, nothing.
    let unbounded = try await inspector.call("variables", ["variablesReference": reference])
    #expect(unbounded["variables"]?.arrayValue?.count == 1_000)
    let most = JSONPrinter.compact(unbounded).utf8.count
    print("a request without count: 1000 items, \(most) bytes")
    #expect(most < 200_000)
    let past = try await inspector.call(
      "variables", ["variablesReference": reference, "start": .integer(items), "count": 10])
    #expect(past["variables"]?.arrayValue?.isEmpty == true)
    // A long string is cut in its summary.
    let long = try await inspector.variable("Response", "body", "note")
    #expect(long["value"]?.stringValue?.count == Inspector.maxValueLength + 1)
    let bodyVariable = try await inspector.variable("Response", "body")
    let members = try await inspector.children(bodyVariable["variablesReference"])
    #expect(members.keys.contains(String(repeating: "k", count: Inspector.maxValueLength) + "…"))
  }

  /// The seed's success recording with the artifacts response replaced by `items` file names
  /// (about 1 MB) and a long note; returns the body's size in bytes.
  static func writeRecording(items: Int, to path: String) throws -> Int {
    var har = try JSONParser.parse(String(contentsOfFile: Runs.seedRecording, encoding: .utf8))
    var names: [JSONValue] = []
    for i in 0..<items {
      names.append(.string("target/run/artifact-\(i)-of-a-large-dbt-project.json"))
    }
    var object = JSONObject()
    object["data"] = .array(names)
    object["note"] = .string(String(repeating: "x", count: 10_000))
    object[String(repeating: "k", count: 10_000)] = true
    let text = JSONPrinter.compact(.object(object))
    guard case .object(var root) = har, case .object(var log)? = root["log"],
      case .array(var entries)? = log["entries"], case .object(var last)? = entries.last,
      case .object(var response)? = last["response"],
      case .object(var content)? = response["content"]
    else { throw InspectionSetupError(description: "unexpected HAR shape") }
    content["text"] = .string(text)
    content["size"] = .integer(text.utf8.count)
    response["content"] = .object(content)
    last["response"] = .object(response)
    entries[entries.count - 1] = .object(last)
    log["entries"] = .array(entries)
    root["log"] = .object(log)
    har = .object(root)
    try JSONPrinter.compact(har).write(toFile: path, atomically: true, encoding: .utf8)
    return text.utf8.count
  }
}
