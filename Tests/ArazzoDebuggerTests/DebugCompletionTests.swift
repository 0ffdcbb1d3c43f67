import ArazzoDebugger
import ArazzoJSON
import Testing

@Suite struct DebugCompletionTests {
  /// The seed paused after pollRun's response.
  static let context = CompletionContext(
    stepIds: ["triggerRun", "pollRun", "listArtifacts"], workflowIds: ["trigger-run-and-poll"],
    inputNames: ["accountId", "jobId", "token", "cause"],
    stepOutputs: [
      "triggerRun": ["runId", "initialStatus"], "pollRun": ["status", "isComplete", "isError"],
    ],
    lastResponseBody: runBody, responseHeaders: ["Content-Type", "Content-Length"],
    requestHeaders: ["Authorization"])

  let completion = DebugCompletion(context: Self.context)

  func complete(_ text: String) -> [String] { completion.completions(for: text) }

  @Test func commandNamesAndAliases() {
    #expect(complete(":br") == [":break", ":breakpoints"])
    #expect(complete(":s") == [":s", ":save", ":set", ":si", ":step", ":stepi"])
    #expect(complete("cont") == [":cont", ":continue"])
    #expect(complete(":zz") == [])
    let all = complete("")
    #expect(all.count == CommandKind.allCases.count)
    #expect(all.contains(":step") && !all.contains(":s"))
    #expect(complete(":") == all)
  }

  @Test func stepIdsAfterBreakAndGoto() {
    #expect(complete(":break ") == ["triggerRun", "pollRun", "listArtifacts"])
    #expect(complete(":b po") == ["pollRun"])
    #expect(complete(":tbreak l") == ["listArtifacts"])
    #expect(complete(":goto t") == ["triggerRun"])
    #expect(complete(":break pollRun i") == ["if"])
    #expect(complete(":break pollRun if $statusC") == ["$statusCode"])
    #expect(complete(":delete ") == [])
  }

  @Test func printTargetsAndHelpTopics() {
    #expect(
      complete(":print ") == [
        "$steps", "$inputs", "$response", "$request", "$outputs", "$workflows", "$components",
        "$sourceDescriptions",
      ])
    #expect(complete(":p $re") == ["$response", "$request"])
    #expect(complete(":print $steps.p") == ["$steps.pollRun."])
    #expect(complete(":help br") == ["break", "breakpoints"])
    #expect(complete(":help :q") == [":q", ":quit"])
    #expect(complete(":help js") == ["jsonpath"])
    #expect(complete(":help go") == ["goto"])
    #expect(
      complete(":help re") == [
        "regex", "req", "request", "request-bodies", "resp", "response", "restart", "retry",
      ])
    #expect(complete(":set ") == ["$inputs."])
    #expect(complete(":set $inputs.j") == ["$inputs.jobId"])
  }

  @Test func expressionsOnePartAtATime() {
    #expect(complete("$st") == ["$statusCode", "$steps."])
    #expect(
      complete("$") == [
        "$url", "$method", "$statusCode", "$request.", "$response.", "$inputs.", "$outputs",
        "$steps.", "$workflows.", "$components.", "$sourceDescriptions.",
      ])
    #expect(
      complete("$steps.") == ["$steps.triggerRun.", "$steps.pollRun.", "$steps.listArtifacts."])
    #expect(complete(":eval $steps.triggerRun.") == ["$steps.triggerRun.outputs."])
    #expect(
      complete(":eval $steps.triggerRun.outputs.") == [
        "$steps.triggerRun.outputs.runId", "$steps.triggerRun.outputs.initialStatus",
      ])
    #expect(
      complete("$steps.pollRun.outputs.is") == [
        "$steps.pollRun.outputs.isComplete", "$steps.pollRun.outputs.isError",
      ])
    #expect(complete("$steps.listArtifacts.outputs.") == [])
    #expect(complete("$steps.nope.outputs.") == [])
    #expect(
      complete("$inputs.") == [
        "$inputs.accountId", "$inputs.jobId", "$inputs.token", "$inputs.cause",
      ])
    #expect(complete(":watch $inputs.c") == ["$inputs.cause"])
    #expect(complete("$workflows.") == ["$workflows.trigger-run-and-poll."])
    #expect(
      complete("$workflows.trigger-run-and-poll.o") == ["$workflows.trigger-run-and-poll.outputs."])
    #expect(complete("$response.") == ["$response.header.", "$response.body", "$response.body#/"])
    #expect(complete("$response.header.Content-T") == ["$response.header.Content-Type"])
    #expect(
      complete("$request.") == [
        "$request.header.", "$request.query.", "$request.path.", "$request.body",
      ])
    #expect(complete("$request.header.") == ["$request.header.Authorization"])
    #expect(complete("$nothing.") == [])
  }

  @Test func responseBodyKeysFromTheLastBody() {
    #expect(complete("$response.body#") == ["$response.body#/"])
    #expect(complete("$response.body#/") == ["$response.body#/data/", "$response.body#/status/"])
    #expect(complete("$response.body#/da") == ["$response.body#/data/"])
    #expect(
      complete(":eval $response.body#/data/st") == [
        "$response.body#/data/status", "$response.body#/data/status_humanized",
      ])
    #expect(
      complete("$response.body#/data/artifacts/") == [
        "$response.body#/data/artifacts/0", "$response.body#/data/artifacts/1",
        "$response.body#/data/artifacts/2",
      ])
    #expect(complete("$response.body#/data/tags") == ["$response.body#/data/tags"])
    #expect(complete("$response.body#/data/id/") == [])
    #expect(complete("$response.body#/missing/") == [])
    #expect(DebugCompletion().completions(for: "$response.body#/") == [])
  }

  @Test func escapedPointerTokens() {
    let completion = DebugCompletion(
      context: CompletionContext(
        lastResponseBody: .object(JSONObject([("a/b", .object(JSONObject([("~x", .integer(1))])))]))
      ))
    #expect(completion.completions(for: "$response.body#/") == ["$response.body#/a~1b/"])
    #expect(completion.completions(for: "$response.body#/a~1b/") == ["$response.body#/a~1b/~0x"])
  }

  @Test func expressionsInsideConditions() {
    #expect(complete(":eval ($statusC") == ["($statusCode"])
    #expect(complete(":break pollRun if !$steps.trigger") == ["!$steps.triggerRun."])
    #expect(complete(":eval a$st") == [])
  }
}
