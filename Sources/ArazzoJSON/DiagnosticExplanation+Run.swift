/// The long forms of the run-time codes (AZ4xxx, AZ5xxx). Their examples are command lines
/// and the documents a run meets, not fragments a validator could check. See
/// `DiagnosticExplanation`.
extension DiagnosticCode {
  private static func tool(_ what: String) -> String { DiagnosticExplanation.tool(what) }
  private static func section(_ title: String, _ anchor: String) -> String {
    DiagnosticExplanation.section(title, anchor)
  }
  private static let petshop = "arazzo run examples/petshop/arazzo/petshop.arazzo.yaml"
  private static let replay = " --replay examples/petshop/recordings/adopt.har"
  private static let login = " --input username=alice --input password=wonderland"

  private static func run(
    _ reason: String, _ wrong: String, _ right: String, _ spec: String
  ) -> DiagnosticExplanation {
    DiagnosticExplanation(reason: reason, wrong: wrong, right: right, place: .run, spec: spec)
  }

  private static let transport = tool("why a request got no response (README, arazzo run)")

  static let runExplanations: [DiagnosticCode: DiagnosticExplanation] = [
    .noSuchWorkflow: run(
      "--workflow picks the workflow to run; a name the document lacks would otherwise run another one.",
      petshop + " --workflow adopt" + replay, petshop + " --workflow adopt-a-pet" + replay + login,
      section("Workflow Object", "workflow-object")),
    .invalidServer: run(
      "--server replaces where a source's requests go; it must be an absolute http(s) URL, or requests would go nowhere (or somewhere unintended).",
      petshop + " --server petshop=localhost:8080",
      petshop + " --server petshop=http://127.0.0.1:8080" + login,
      tool("arazzo run --server")),
    .unusedServer: run(
      "A --server for a source no request uses is a typo: without this error the run would go to the real server.",
      petshop + " --server petstore=http://127.0.0.1:8080",
      petshop + " --server petshop=http://127.0.0.1:8080" + login,
      tool("arazzo run --server")),
    .invalidInput: run(
      "Inputs are checked against the workflow's inputs schema before any request, so a run never starts with values it cannot use.",
      petshop + replay + " --input username=alice", petshop + replay + login,
      section("Workflow Object", "workflow-object") + " (inputs)"),
    .undeclaredInput: run(
      "An input the schema does not declare is probably misspelt: the workflow will not see it under the name it reads.",
      petshop + replay + login + " --input specie=dog",
      petshop + replay + login + " --input species=dog",
      section("Workflow Object", "workflow-object") + " (inputs)"),
    .transportInvalidURL: run(
      "A request is only sent to an http(s) URL with a host; the server URL and path parameters make it.",
      "servers:\n  - url: petshop.example.com/v1",
      "servers:\n  - url: https://petshop.example.com/v1",
      transport),
    .connectionRefused: run(
      "Nothing listens at the server's address: the step gets no response, and its criteria cannot hold.",
      petshop + login + " --server petshop=http://127.0.0.1:9",
      petshop + login + " --server petshop=http://127.0.0.1:8080  # where the server runs",
      transport),
    .connectFailed: run(
      "The host could not be reached (name not resolved, network down).",
      petshop + login + " --server petshop=http://petshop.invalid",
      petshop + login + replay + "  # offline",
      transport),
    .requestTimeout: run(
      "Every request is bounded (--timeout, or a step's 1.1 timeout) so a silent server cannot hang the run.",
      petshop + login + " --timeout 1ms", petshop + login + " --timeout 30s", transport),
    .deadlineExceeded: run(
      "--deadline bounds the whole run; a request still going when it passes is cut off.",
      petshop + login + " --deadline 1ms", petshop + login + " --deadline 5m", transport),
    .tlsFailed: run(
      "A server whose certificate cannot be trusted may not be the server meant; the request is not sent.",
      "--server petshop=https://self-signed.example",
      "--server petshop=https://petshop.example.com  # a trusted certificate",
      transport),
    .responseTooLarge: run(
      "Responses are held in memory to be tested; a cap keeps a hostile or runaway server from exhausting it.",
      "a response body of several hundred megabytes",
      "ask for a page at a time (limit, cursor parameters)",
      tool("a limit of this tool (README, Limits on time, depth and size)")),
    .redirectRefused: run(
      "Redirects are followed only a few times, without loops, to http(s) Locations.",
      "a server answering 302 with Location: itself",
      "the URL the redirects end at, in the source's servers",
      transport),
    .protocolError: run(
      "A response that breaks HTTP/1.1 cannot be read reliably.",
      "a server that closes the connection halfway through the body",
      "a server that sends complete responses",
      transport),
    .proxyFailed: run(
      "HTTP(S)_PROXY is honoured; when the proxy refuses or fails, the request never reached the server.",
      "HTTPS_PROXY=http://127.0.0.1:9 " + petshop + login,
      "unset HTTPS_PROXY, or point it at a working proxy",
      transport),
    .notRecorded: run(
      "--replay answers only requests in the recording; another request (a changed input, a changed document) has no recorded response.",
      petshop + replay + " --input username=bob --input password=x",
      petshop + replay + login, tool("arazzo run --replay")),
    .transportCancelled: run(
      "A request in flight is cancelled when the run is interrupted or shut down.",
      "Ctrl-C while a step waits for its response",
      "let the request finish, or --timeout to bound it",
      transport),
    .replayExhausted: run(
      "A poll that outlives its recording would otherwise see the same page forever.",
      petshop + replay + login + "  # after editing the loop to poll more often",
      petshop + replay + login + " --replay-reuse-last", tool("arazzo run --replay")),
    .maxSteps: run(
      "A goto loop whose exit never holds runs forever; --max-steps (default 10,000) stops it. A jsonpath exit such as `$.next` holds even when next is null.",
      "onSuccess:\n  - name: morePages\n    type: goto\n    stepId: nextPage\n    criteria:\n      - context: $response.body\n        condition: $.next\n        type: jsonpath",
      "onSuccess:\n  - name: morePages\n    type: goto\n    stepId: nextPage\n    criteria:\n      - condition: $response.body#/next != null",
      tool("arazzo run --max-steps (the spec sets no bound on goto)")),
    .runDeadline: run(
      "--deadline bounds the whole run, waits included (a retry's delay, Retry-After, --loop-delay).",
      petshop + replay + login + " --deadline 500ms", petshop + replay + login + " --deadline 1m",
      tool("arazzo run --deadline")),
    .interrupted: run(
      "Ctrl-C or SIGTERM stops the run; what it did is still reported and recorded.",
      "Ctrl-C during a run", "let it finish, or --max-steps / --deadline to bound it",
      tool("arazzo run")),
    .outputNull: run(
      "An output whose expression finds nothing is null; later steps reading it would send null, so the warning names it.",
      "outputs:\n  token: $response.body#/acess_token",
      "outputs:\n  token: $response.body#/access_token",
      section("Step Object", "step-object") + " (outputs)"),
    .criterionFailed: run(
      "A step succeeds only when all its successCriteria hold; otherwise its onFailure actions apply, and without one the workflow fails.",
      "successCriteria:\n  - condition: $statusCode == 200   # but the API answers 201",
      "successCriteria:\n  - condition: $statusCode == 201", section("Step Object", "step-object")),
    .unresolvedOperation: run(
      "A step whose operation or workflow was not loaded cannot send anything.",
      "sourceDescriptions:\n  - {name: petstore, url: https://example.com/petstore.yaml, type: openapi}",
      "arazzo run pets.arazzo.yaml --source petstore=./petstore.openapi.yaml",
      section("Source Description Object", "source-description-object")),
    .requestInvalid: run(
      "A request whose parameters or body cannot be built is not sent half-made.",
      "parameters:\n  - {name: petId, in: path, value: $steps.list.outputs.first}   # null: list found none",
      "successCriteria on step list, so the run stops there when it finds no pet:\n  - condition: $response.body#/0/id != null",
      section("Parameter Object", "parameter-object")),
    .dependencyUnmet: run(
      "[1.1] dependsOn on a step says which steps must have completed first; a step run before them fails without a request.",
      "- stepId: order\n  dependsOn: [login]   # but a goto skipped login",
      "run login first (its place in the list, or the goto's target)",
      "Arazzo 1.1.0, Step Object: https://spec.openapis.org/arazzo/v1.1.0#step-object"),
    .subWorkflowFailed: run(
      "A workflowId step succeeds when its workflow succeeds; the child's failure is the step's.",
      "- stepId: buyPet\n  workflowId: place-order   # place-order failed",
      "fix the child (arazzo debug … then :step into it), or an onFailure action on buyPet",
      section("Step Object", "step-object")),
    .workflowFailed: run(
      "A workflow fails when a step fails and no onFailure action recovers, or a failure action ends it.",
      "a step whose criteria do not hold, with no onFailure",
      "onFailure:\n  - name: tryAgain\n    type: retry\n    retryAfter: 1\n    retryLimit: 3",
      section("Failure Action Object", "failure-action-object")),
    .workflowDependencyFailed: run(
      "A workflow's dependsOn must complete successfully before it starts; when one fails, it does not run.",
      "dependsOn: [shop-is-open]   # which failed",
      "fix shop-is-open first (arazzo run … --workflow shop-is-open)",
      section("Workflow Object", "workflow-object")),
    .retryDelayCapped: run(
      "A retry waits retryAfter (or a longer Retry-After); a wait over 300 s is capped so a server cannot park the run.",
      "- name: busy\n  type: retry\n  retryAfter: 3600",
      "- name: busy\n  type: retry\n  retryAfter: 5\n  retryLimit: 10",
      section("Failure Action Object", "failure-action-object")),
    .invalidRetryAfter: run(
      "Retry-After is seconds or an HTTP date (RFC 9110); anything else is ignored and retryAfter applies.",
      "Retry-After: soon", "Retry-After: 5",
      "RFC 9110, Retry-After: https://www.rfc-editor.org/rfc/rfc9110#field.retry-after"),
    .targetUnavailable: run(
      "A goto or retry may name a workflow of another document; when it is not loaded, goto fails and retry retries the step alone.",
      "- {name: recover, type: goto, workflowId: $sourceDescriptions.other.recover}   # 'other' did not load",
      "arazzo run … --source other=./other.arazzo.yaml",
      section("Failure Action Object", "failure-action-object")),
    .inputMismatch: run(
      "A sub-workflow's inputs schema is a contract; arguments that do not fit it are reported before it runs.",
      "- stepId: buyPet\n  workflowId: place-order\n  parameters:\n    - {name: petId, value: 'Tom'}   # petId is an integer",
      "- stepId: buyPet\n  workflowId: place-order\n  parameters:\n    - {name: petId, value: $steps.nextPage.outputs.firstPetId}",
      section("Workflow Object", "workflow-object")),
    .requestWarning: run(
      "The request was sent with something its operation does not declare or support (a header, a content type); the server may ignore it.",
      "requestBody:\n  contentType: text/csv   # the operation takes application/json",
      "requestBody:\n  contentType: application/json",
      section("Request Body Object", "request-body-object")),
    .nestingTooDeep: run(
      "Sub-workflows that call each other without end would exhaust the run; 64 levels is far more than any real workflow nests.",
      "- workflowId: a\n  steps:\n    - {stepId: again, workflowId: a}",
      "a workflow that calls itself only behind a criterion that ends",
      tool("a limit of this tool (README, Limits on time, depth and size)")),
    .internalError: run(
      "The run reached a state the IR verifier rules out: a bug of this tool. Please report it with the document.",
      "(any document that triggers it: a bug in arazzo)",
      "(report it; arazzo lower FILE shows the IR)",
      tool("the machine (docs/architecture.md)")),
  ]
}
