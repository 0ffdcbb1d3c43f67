/// The pages about criteria (simple, regex, jsonpath, xpath) and the flow between steps
/// (actions, goto, end, retry, sub-workflows, dependsOn).
extension ConceptPages {
  static let criteria: [ConceptPage] = [
    ConceptPage(
      "criteria", aliases: ["criterion", "successCriteria"],
      title: "conditions that decide whether a step succeeded, or an action applies",
      spec: section("Criterion Object", "criterion-object"), file: petshopFile, command: petshop,
      tryCommands: [":break confirmOrder", ":continue", ":step", ":explain confirmOrder"],
      seeAlso: ["simple", "regex", "jsonpath", "xpath", "actions"],
      explanation: """
        A criterion is a condition with a type: simple (the default), regex, jsonpath or xpath;
        the last three test the value named by `context`. A step succeeds when every one of its
        successCriteria holds (AND); with none, any response counts (an HTTP error status alone
        does not fail a step). An action applies when all its own criteria hold.
        :explain STEP shows each criterion evaluated, part by part.
        """,
      snippet: """
                successCriteria:
                  - condition: $statusCode == 200
                  # Criteria combine with AND; string comparisons ignore case.
                  - condition: $response.body#/status == 'confirmed'
        """),
    ConceptPage(
      "simple", aliases: ["simple-conditions", "conditions", "condition"],
      title: "comparisons of runtime expressions and literals: == != < <= > >= && || !",
      spec: section("Criterion Object", "criterion-object"), file: petshopFile, command: petshop,
      tryCommands: [":explain $statusCode == 200 && $response.body#/open == true"],
      seeAlso: ["criteria", "runtime-expressions"],
      explanation: """
        A simple condition compares expressions and literals: numbers, 'single-quoted' strings,
        true, false, null. Strings compare ignoring case; a member that is missing compares as
        null, so `$response.body#/next != null` is false when next is missing or null. A bare
        expression holds only when it is boolean true. See docs/semantics.md for every rule.
        """,
      snippet: """
                  - condition: $statusCode == 200 && $response.body#/open == true
        """),
    ConceptPage(
      "regex", aliases: ["regular-expressions"],
      title: "a criterion that matches the context value against a regular expression",
      spec: section("Criterion Object", "criterion-object"), file: criteriaFile,
      command: criteriaExample, tryCommands: [":step", ":step", ":explain status"],
      seeAlso: ["criteria"],
      explanation: """
        `type: regex` tests the context value as text (a number as its JSON text) against an
        ICU regular expression. It searches: write ^…$ to match the whole value. Matching is
        bounded in time and steps; a regex that gives up fails the criterion with a reason.
        """,
      snippet: """
                  - context: $response.body#/version
                    condition: ^1\\.\\d+\\.\\d+$
                    type: regex
        """),
    ConceptPage(
      "jsonpath", aliases: ["json-path", "rfc9535"],
      title: "a criterion that holds when an RFC 9535 query selects anything",
      spec: section("Criterion Object", "criterion-object") + " and RFC 9535",
      file: criteriaFile, command: criteriaExample,
      tryCommands: [":break nextPage", ":continue", ":next", ":next", ":explain morePages"],
      seeAlso: ["criteria", "selectors", "goto"],
      explanation: """
        `type: jsonpath` runs an RFC 9535 query over the context value. It holds when the query
        selects anything, whatever the value: `$.next` on {"next": null} selects one node (the
        null) and holds, so a loop `while $.next` never ends. To test a value, filter:
        `$[?$.next != null]` selects the body's members unless next is null (a missing next
        counts as not null there; the simple condition `$response.body#/next != null` is false
        for both), and `$.items[?@.price < 50]` the cheap items. In a filter `@` is each child
        in turn, not the node itself: `$[?@.next != null]` on the body tests the children's
        members. `count(@.items)` counts nodes (1: the array), `length(@.items)` its elements.
        A comparison such as `$.status == 10` is not a query (warning AZ2025); :explain and
        `arazzo eval --jsonpath QUERY FILE --explain` show what a query selected, and why not.
        """,
      snippet: """
                  - name: morePages
                    type: goto
                    stepId: nextPage
                    criteria:
                      - context: $response.body
                        condition: $[?$.next != null]
                        type: jsonpath
        """),
    ConceptPage(
      "xpath", aliases: ["xml"],
      title: "a criterion that evaluates an XPath 1.0 expression over XML text",
      spec: section("Criterion Expression Type Object", "criterion-expression-type-object"),
      file: criteriaFile, command: criteriaExample,
      tryCommands: [":step", ":step", ":explain status"],
      seeAlso: ["criteria", "selectors"],
      explanation: """
        `type: xpath` parses the context value as XML and evaluates the expression: a boolean
        as is, a node-set holds when not empty, a number when not zero, a string when not
        empty. The engine is XPath 1.0 (libxml2); say `version: xpath-10`, or a bare `xpath`
        (XPath 3.1 by the spec) gets warning AZ2029.
        """,
      snippet: """
                  - context: $inputs.receipt
                    condition: /receipt/paid = 'true'
                    type:
                      type: xpath
                      version: xpath-10
        """),
  ]

  static let flow: [ConceptPage] = [
    ConceptPage(
      "actions",
      aliases: [
        "action", "onSuccess", "onFailure", "successActions", "failureActions",
      ],
      title: "what happens after a step: onSuccess and onFailure lists",
      spec: section("Success Action Object", "success-action-object"), file: seedFile,
      command: seed,
      tryCommands: [":break pollRun", ":continue", ":next", ":next", ":explain keepPolling"],
      seeAlso: ["goto", "end", "retry", "criteria"],
      explanation: """
        After its criteria, a step tries its onSuccess (or onFailure) actions in order; the
        first whose criteria all hold is taken: goto, end, or (on failure) retry. None taken:
        a successful step goes on to the next one, a failed step fails the workflow. Workflows
        may declare successActions/failureActions that apply to steps without their own.
        """,
      snippet: """
                onSuccess:
                  - name: runSucceeded
                    type: goto
                    stepId: listArtifacts
        """),
    ConceptPage(
      "goto", aliases: ["loops", "polling", "pagination"],
      title: "an action that jumps to a step (or workflow): loops, polling, pagination",
      spec: section("Success Action Object", "success-action-object"), file: petshopFile,
      command: petshop, tryCommands: [":break nextPage", ":continue", ":continue", ":history"],
      seeAlso: ["actions", "jsonpath", "end"],
      explanation: """
        `type: goto` with a stepId jumps to that step of the workflow (itself, to loop), or with
        a workflowId runs that workflow instead. A loop ends when the goto's criteria stop
        holding; --max-steps (default 10,000) stops one that never does, and --loop-delay
        pauses before each re-entry when polling.
        """,
      snippet: """
                onSuccess:
                  - name: morePages
                    type: goto           # jump to a step of this workflow: here, the same step again
                    stepId: nextPage
                    criteria:
                      - condition: $response.body#/next != null
        """),
    ConceptPage(
      "end", aliases: ["end-action"],
      title: "an action that ends the workflow there",
      spec: section("Success Action Object", "success-action-object"), file: seedFile,
      command: seed,
      tryCommands: [":break pollRun", ":continue", ":next", ":next", ":explain runFailed"],
      seeAlso: ["actions", "goto"],
      explanation: """
        `type: end` stops the workflow at this step. Taken from onSuccess the workflow ends as
        succeeded (the report says which action ended it); from onFailure it ends as failed.
        Outputs that read steps which never ran are null, with a warning.
        """,
      snippet: """
                  - name: runFailed
                    type: end
        """),
    ConceptPage(
      "retry", aliases: ["retryAfter", "retryLimit", "Retry-After"],
      title: "an onFailure action that sends the step's request again, after a delay",
      spec: section("Failure Action Object", "failure-action-object"), file: petshopFile,
      command: petshop,
      tryCommands: [":break placeOrder", ":continue", ":next", ":next", ":history"],
      seeAlso: ["actions", "criteria"],
      explanation: """
        `type: retry` re-runs the failed step after retryAfter seconds, at most retryLimit times
        (then the following actions get a turn). A response's Retry-After header (seconds or an
        HTTP date) wins when it asks for longer; a wait is capped at 300 s (AZ5012).
        """,
      snippet: """
                  - name: kennelBusy
                    type: retry          # send this step's request again…
                    retryAfter: 1        # …after 1 second (a longer Retry-After header wins)…
                    retryLimit: 3        # …at most 3 times; then the following actions get a turn.
        """),
    ConceptPage(
      "sub-workflows", aliases: ["subworkflows", "$workflows", "workflowId-steps"],
      title: "a step that runs another workflow, passing inputs in and reading outputs back",
      spec: section("Step Object", "step-object"), file: petshopFile, command: petshop,
      tryCommands: [":break buyPet", ":continue", ":step", ":where", ":finish"],
      seeAlso: ["workflows", "outputs", "depends-on"],
      explanation: """
        A step with workflowId runs that workflow; its parameters (no `in`) become the child's
        inputs, and in the step's outputs $outputs.NAME reads the child's workflow outputs. The
        step succeeds when the child does. From anywhere, $workflows.ID.outputs.NAME reads a
        workflow that has run. In the debugger :step goes into the child, :next runs over it.
        """,
      snippet: """
              - stepId: buyPet
                workflowId: place-order
        """),
    ConceptPage(
      "depends-on", aliases: ["dependsOn", "dependencies"],
      title: "workflows that must complete before this one starts",
      spec: section("Workflow Object", "workflow-object"), file: petshopFile, command: petshop,
      tryCommands: [":history"], seeAlso: ["workflows", "sub-workflows"],
      explanation: """
        A workflow's dependsOn lists workflows that must complete successfully first; `arazzo
        run` runs them before it, with the same inputs, and their outputs are then readable as
        $workflows.ID.outputs.NAME. When one fails, the workflow does not run (AZ5011). A cycle
        is an error (AZ2019). [1.1] A step's dependsOn is checked, not run.
        """,
      snippet: """
            dependsOn:
              - shop-is-open
        """),
  ]
}
