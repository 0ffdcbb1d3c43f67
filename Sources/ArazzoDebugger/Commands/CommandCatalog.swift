/// The debugger's commands as data: names, aliases, synopses and the texts that teach them.
///
/// Aliases follow pdb, gdb and lldb where those agree (`:s`, `:n`, `:c`, `:b`, `:bt`, `:j`,
/// `:q`) and never clash. Examples use the seed, the dbt Cloud workflow
/// (`triggerRun` → `pollRun` ⟲ → `listArtifacts`), so `:help` reads like a walk through it.
/// README's command reference is generated from this table: after changing it, paste
/// `HelpText.markdownReference()` into README (a test compares them).
let catalog: [CommandSpec] =
  stepping + breakpoints + inspection + teaching + timeTravel
  + changingCourse + session

private let stepping: [CommandSpec] = [
  CommandSpec(
    .step, aliases: [":s"], category: "Stepping", argument: .count,
    summary: "Run to the next pause point, into sub-workflows",
    explanation: """
      Runs until the next pause point and stops there. A step has four: before it runs (the
      request it is about to send is shown), after its response, after its success criteria,
      and before its action. A step that runs another workflow is entered: you pause at that
      workflow's first step. Paused before triggerRun, `:step` sends the POST and stops at its
      response, where `$statusCode` is 200. An empty line repeats the last stepping command, so
      you can keep pressing Enter.
      """,
    examples: [":step", ":s"],
    run: { await $0.resume(.step, count: $1.count) }),
  CommandSpec(
    .next, aliases: [":n"], category: "Stepping", argument: .count,
    summary: "Like :step, but run a sub-workflow step without stopping inside",
    explanation: """
      Runs to the next pause point of the current workflow. A step whose target is a workflow
      (`workflowId`) runs that workflow whole; breakpoints inside it still stop. The seed calls
      no other workflow, so there `:next` and `:step` take the same path.
      """,
    examples: [":next", ":n"],
    run: { await $0.resume(.next, count: $1.count) }),
  CommandSpec(
    .finish, aliases: [":fin"], category: "Stepping", argument: .count,
    summary: "Run until the current workflow returns",
    explanation: """
      Runs the rest of the current workflow and pauses in its caller, after the step that
      called it. At the top level it runs to the end and shows the workflow's outputs; for the
      seed `runId`, `finalStatus` and `artifacts`. Breakpoints still stop it.
      """,
    examples: [":finish"],
    run: { await $0.resume(.finish, count: $1.count) }),
  CommandSpec(
    .stepi, aliases: [":si"], category: "Stepping", argument: .count,
    summary: "Execute one IR instruction",
    explanation: """
      Executes exactly one instruction of the lowered program (the form `arazzo lower` prints)
      and shows the next one. It shows how a declarative step is carried out: triggerRun
      evaluates `$inputs.accountId` into its path, builds and sends the request, checks
      `$statusCode == 200`, stores `$response.body#/data/id` as its output `runId`, then
      chooses an action. `:ir` shows the instructions around the program counter.
      """,
    examples: [":stepi", ":si"],
    run: { await $0.resume(.stepi, count: $1.count) }),
  CommandSpec(
    .continue, aliases: [":c", ":cont"], category: "Stepping", argument: .count,
    summary: "Run until a breakpoint, the end, or Ctrl-C",
    explanation: """
      Runs until a breakpoint is hit, the workflow ends, or you press Ctrl-C, which pauses at
      the next instruction boundary. With `:break pollRun` set, `:continue` from the start
      stops before the first poll, and each further `:continue` before the next poll, once per
      turn of the keepPolling loop.
      """,
    examples: [":break pollRun", ":continue"],
    run: { await $0.resume(.continue, count: $1.count) }),
]

private let breakpoints: [CommandSpec] = [
  CommandSpec(
    .break, aliases: [":b"], synopsis: ":break STEP | FILE:LINE [if CONDITION]",
    category: "Breakpoints", argument: .breakpointSpec,
    summary: "Pause before a step (or a YAML line), if a condition holds",
    explanation: """
      Sets a numbered breakpoint that pauses before a step runs. Name the step by its `stepId`
      (in any workflow that has it) or as `workflowId.stepId` (in that workflow only), or give a
      line of the document; a line inside a step's definition means that step.
      `if CONDITION` makes it conditional: the condition is written in the spec's own
      condition language and evaluated at each visit. A step's condition that reads the
      response (`$response…`, `$statusCode`) is evaluated once the response has arrived, and
      the run pauses there, before the criteria. The seed's pollRun starts at line 69.
      """,
    examples: [
      ":break pollRun", ":b dbt-cloud-trigger-run-and-poll.arazzo.yaml:69",
      ":break listArtifacts if $steps.pollRun.outputs.status == 10",
      ":break pollRun if $response.body#/data/status == 3",
    ],
    run: { $0.addBreakpoint($1.text, temporary: false) }),
  CommandSpec(
    .tbreak, aliases: [":tb"], synopsis: ":tbreak STEP | FILE:LINE [if CONDITION]",
    category: "Breakpoints", argument: .breakpointSpec,
    summary: "Like :break, but removed once it has stopped the run",
    explanation: """
      Sets a temporary breakpoint: it pauses the run once and is then deleted. Use it to get
      somewhere without leaving a breakpoint behind, such as to the step after the polling.
      """,
    examples: [":tbreak listArtifacts", ":continue"],
    run: { $0.addBreakpoint($1.text, temporary: true) }),
  CommandSpec(
    .delete, aliases: [":d"], synopsis: ":delete [N]", category: "Breakpoints",
    argument: .numbers(usage: ":delete takes breakpoint numbers (:breakpoints lists them)"),
    summary: "Remove breakpoint N, or every breakpoint",
    explanation: """
      Removes the breakpoint numbered N, the number `:break` printed and `:breakpoints` lists.
      Without a number every breakpoint is removed.
      """,
    examples: [":delete 1", ":delete"],
    run: { $0.deleteBreakpoints($1.numbers) }),
  CommandSpec(
    .breakpoints, aliases: [":bl"], category: "Breakpoints",
    summary: "List the breakpoints with their numbers and conditions",
    explanation: """
      Lists every breakpoint: its number, the step or line it is set on, its condition, and
      whether it is temporary. After `:break pollRun` and `:tbreak listArtifacts` there are
      two, numbered 1 and 2.
      """,
    examples: [":breakpoints"],
    run: { shell, _ in shell.listBreakpoints() }),
]

private let inspection: [CommandSpec] = [
  CommandSpec(
    .eval, aliases: [":e"], synopsis: ":eval EXPR", category: "Inspection",
    argument: .expression(missing: ":eval needs an expression: :eval $response.body#/data/status"),
    summary: "Evaluate an expression or condition here",
    explanation: """
      Evaluates a runtime expression, a `{$…}` template or a condition against the state at
      this pause and prints the value as JSON. Input that starts with `$` is evaluated without
      typing `:eval`. Before pollRun's first response there is no `$response` yet, and the
      answer says so rather than guessing; after it, `$response.body#/data/status` is the run's
      dbt status (3 running, 10 success).
      """,
    examples: [
      ":eval $response.body#/data/status", "$steps.triggerRun.outputs.runId",
      ":eval $statusCode == 200",
    ],
    run: { $0.evaluate($1.text) }),
  CommandSpec(
    .print, aliases: [":p"],
    synopsis: ":print $steps | $inputs | $response | $request | $outputs | $workflows | …",
    category: "Inspection", argument: .printTarget,
    summary: "Pretty-print a whole part of the context",
    explanation: """
      Prints one part of the context as indented JSON: `$inputs` (the bound inputs, secrets
      redacted), `$steps` (every step's outputs so far), `$request` and `$response` (the
      current step's exchange), `$outputs` (the workflow's outputs, once set), `$workflows`
      (the outputs of workflows that ran), `$components` (the document's components, as
      `$components.parameters.pageSize` reads them) or `$sourceDescriptions`. Long arrays are
      cut short with a count of the rest.
      """,
    examples: [":print $steps", ":p $inputs"],
    run: { $0.printTarget($1.text) }),
  CommandSpec(
    .request, aliases: [":req"], category: "Inspection",
    summary: "Show the current step's request: method, URL, headers, body",
    explanation: """
      Shows the request of the step at hand: before it is sent, the request as it will go out,
      parameters and `requestBody` resolved; afterwards, the one that was sent. Authorization,
      cookies and API keys read REDACTED unless the session was started with `--show-secrets`.
      Before triggerRun it is a POST to `…/accounts/{accountId}/jobs/{jobId}/run/` with the
      body `{"cause": "Triggered via Arazzo workflow"}`.
      """,
    examples: [":request"],
    run: { shell, _ in shell.showRequest() }),
  CommandSpec(
    .response, aliases: [":resp"], category: "Inspection",
    summary: "Show the current step's response: status, headers, body",
    explanation: """
      Shows the response of the step at hand: the status line with the time it took, the
      headers, and the body, pretty-printed. In pollRun's response the body's `data.status` is
      what the runSucceeded, runFailed and keepPolling actions test.
      """,
    examples: [":response"],
    run: { shell, _ in shell.showResponse() }),
  CommandSpec(
    .watch, aliases: [":display"], synopsis: ":watch EXPR", category: "Inspection",
    argument: .expression(missing: nil),
    summary: "Show an expression's value at every pause",
    explanation: """
      Adds an expression to the numbered watch list; its value is shown at every pause, so you
      can follow it through a loop. Watching the run's status shows it change at each poll,
      and says there is no response before the first one.
      """,
    examples: [":watch $response.body#/data/status"],
    run: { $0.addWatch($1.text) }),
  CommandSpec(
    .unwatch, aliases: [":undisplay"], synopsis: ":unwatch [N]", category: "Inspection",
    argument: .number(usage: ":unwatch takes a watch number (:watch lists them)"),
    summary: "Remove watch N, or every watch",
    explanation: """
      Removes the watch numbered N, as the pauses show it. Without a number every watch is
      removed.
      """,
    examples: [":unwatch 1"],
    run: { $0.removeWatch($1.number) }),
  CommandSpec(
    .where, aliases: [":w", ":bt"], category: "Inspection",
    summary: "Show the workflow stack, step, IR pc and YAML location",
    explanation: """
      Prints where the run is: the stack of workflows (outermost first), the step and which of
      its pause points, the IR program counter, and the step's place in the document as
      diagnostics show it, `file:line:col` with the source line and a caret.
      """,
    examples: [":where", ":bt"],
    run: { shell, _ in shell.showWhere() }),
  CommandSpec(
    .list, aliases: [":l"], category: "Inspection", argument: .window(default: 5),
    summary: "Show the source lines around the current step",
    explanation: """
      Prints the document's lines around the current step, numbered, with the current line
      marked `->`. Paused at pollRun's response, it puts the step's `onSuccess` actions next to
      the body they are about to test.
      """,
    examples: [":list"],
    run: { $0.showList(context: $1.count) }),
  CommandSpec(
    .ir, category: "Inspection", argument: .window(default: 3),
    summary: "Show the IR instructions around the program counter",
    explanation: """
      Prints the lowered program around the current instruction, in `arazzo lower`'s format,
      with the current instruction marked `->`. With `:stepi` it shows how pollRun's actions
      become jumps: runSucceeded to listArtifacts, keepPolling back to pollRun.
      """,
    examples: [":ir"],
    run: { $0.showIR(around: $1.count) }),
  CommandSpec(
    .graph, synopsis: ":graph [FILE]", category: "Inspection", argument: .file(missing: nil),
    summary: "Show the workflow's graph with the path taken so far",
    explanation: """
      Prints the current workflow's control flow as `arazzo graph` draws it, a line per step
      with its edges: `▶` marks the current step, `[N]` how often a step was entered and `×N`
      how often an edge was taken. In the seed after three polls, pollRun shows `[3]` and its
      keepPolling edge `×2`. With FILE it writes the picture with the same marks instead:
      `.svg` or `.png` (drawn by Graphviz's `dot`), `.dot` or `.mmd` (Mermaid).
      """,
    examples: [":graph", ":graph run.svg"],
    run: { $0.showGraph(file: $1.text) }),
]

private let teaching: [CommandSpec] = [
  CommandSpec(
    .explain, aliases: [":ex"], synopsis: ":explain EXPR | CONDITION | ACTION",
    category: "Teaching",
    argument: .expression(
      missing: ":explain needs an expression, a condition or an action name: :explain runSucceeded"),
    summary: "Show how an expression or criterion evaluated, part by part",
    explanation: """
      Evaluates and shows the evaluation as a tree: each part with its value, each comparison
      with how it compared. Given an action's name it explains that action's criteria. For a
      JSONPath criterion it also says how the condition was read: runSucceeded's
      `$.data.status == 10` (context `$response.body`) is not an RFC 9535 query (it compares),
      so it is read as an RFC 9535 logical expression with $ bound to the context value, true
      when it holds (warning AZ2025).
      """,
    examples: [
      ":explain runSucceeded", ":explain $statusCode == 200 && $response.body#/data/status < 10",
    ],
    run: { $0.explain($1.text) })
]

private let timeTravel: [CommandSpec] = [
  CommandSpec(
    .history, aliases: [":hist"], category: "Time travel",
    summary: "List the completed step attempts",
    explanation: """
      Lists the step attempts completed so far, numbered, oldest first: the step, its visit,
      the status code and the action taken. A run that polled twice shows triggerRun, then
      pollRun #1 (keepPolling), then pollRun #2 (runSucceeded).
      """,
    examples: [":history"],
    run: { shell, _ in shell.showHistory() }),
  CommandSpec(
    .back, synopsis: ":back [N]", category: "Time travel",
    argument: .number(usage: ":back takes an attempt number as :history lists them (:back 2)"),
    summary: "Show the state after attempt N of :history (default: previous)",
    explanation: """
      Shows the state after a completed step attempt: its context, request and response. N is
      the attempt's number in `:history` (the one numbering `:frame` uses too); without N it
      is the attempt before the one in view, so `:back` again walks further back. Nothing is
      sent again and the run stays where it is; the next stepping command goes on from there.
      After the second poll, `:back` shows its response and `:back` again the first poll's.
      """,
    examples: [":back", ":back 2"],
    run: { $0.timeTravel($1, back: true) }),
  CommandSpec(
    .frame, aliases: [":f"], synopsis: ":frame N", category: "Time travel",
    argument: .number(usage: ":frame takes an attempt number as :history lists them (:frame 2)"),
    summary: "Show the state after history entry N",
    explanation: """
      Shows the state after the step attempt numbered N in `:history`, as `:back N` does,
      without resending anything. `:frame 1` shows triggerRun's exchange and its output `runId`.
      """,
    examples: [":frame 1"],
    run: { $0.timeTravel($1, back: false) }),
]

private let changingCourse: [CommandSpec] = [
  CommandSpec(
    .set, synopsis: ":set $inputs.NAME = VALUE", category: "Changing course",
    argument: .assignment,
    summary: "Change an input for the rest of the run",
    explanation: """
      Sets an input. VALUE is JSON (`42`, `"text"`, `[1, 2]`) or, for a string input, plain
      text. Steps from here on see the new value; steps that already ran are not redone (see
      `:restart`). Before triggerRun, changing `jobId` triggers another job.
      """,
    examples: [":set $inputs.jobId = 43", ":set $inputs.cause = Nightly rebuild"],
    run: { $0.setInput($1) }),
  CommandSpec(
    .goto, aliases: [":j", ":jump"], synopsis: ":goto STEP", category: "Changing course",
    argument: .stepId(missing: ":goto needs a step id (:goto pollRun)"),
    summary: "Go on at another step of the current workflow",
    explanation: """
      Moves the run to another step without running the ones in between, as a `goto` action
      would, and pauses before it. `:goto listArtifacts` skips the polling; the step still
      reads `$steps.triggerRun.outputs.runId` from the run so far.
      """,
    examples: [":goto listArtifacts"],
    run: { $0.goto($1.text) }),
  CommandSpec(
    .retry, category: "Changing course",
    summary: "Run the current step again",
    explanation: """
      Drops the current step attempt and pauses before the same step again, so its request is
      built and sent anew (from a recording, the next recorded response is served). After a
      pollRun response saying the run is still running, `:retry` polls again.
      """,
    examples: [":retry"],
    run: { shell, _ in shell.retry() }),
  CommandSpec(
    .restart, aliases: [":run"], synopsis: ":restart [NAME=VALUE…]",
    category: "Changing course", argument: .shellWords,
    summary: "Start the run over, optionally with other inputs",
    explanation: """
      Starts the workflow again from its first step, keeping breakpoints and watches. Each
      NAME=VALUE changes an input as `--input` does (quote a value with blanks, as in a
      shell). The history starts afresh; with `--replay` the recording is served again from its
      beginning.
      """,
    examples: [":restart", ":restart jobId=43", ":restart cause=\"a second try\""],
    run: { await $0.restart($1) }),
  CommandSpec(
    .save, synopsis: ":save FILE.har", category: "Changing course",
    argument: .file(missing: ":save needs a file name (:save session.har)"),
    summary: "Write the session's exchanges to a HAR file",
    explanation: """
      Writes every request and response of the session so far as HTTP Archive 1.2, secrets
      redacted, so that `arazzo run --replay FILE.har` can play the run back later.
      """,
    examples: [":save dbt-run.har"],
    run: { $0.save($1.text) }),
]

private let session: [CommandSpec] = [
  CommandSpec(
    .help, aliases: [":h", ":?"], synopsis: ":help [COMMAND|TOPIC]", category: "Session",
    argument: .topic,
    summary: "List the commands, or explain one, or a concept of the spec",
    explanation: """
      Without an argument, lists the commands by category and the concept topics. With a
      command, by its name, with or without the colon, or by an alias, shows its synopsis, what
      it does and examples. With a topic (goto, criteria, jsonpath, retry, …), explains that
      concept of the Arazzo spec with an example to run; `arazzo explain TOPIC` prints the same
      page. A word that is both (goto, retry) shows the concept; `:help :goto` the command.
      """,
    examples: [":help", ":help break", ":h :c", ":help jsonpath"],
    run: { $0.say(HelpText.help(topic: $1.text)) }),
  CommandSpec(
    .quit, aliases: [":q", ":exit"], category: "Session",
    summary: "Leave the debugger (Ctrl-D does too)",
    explanation: """
      Ends the session without running the rest of the workflow. Ctrl-D on an empty line does
      the same. The session's exchanges are not kept unless you `:save` them first.
      """,
    examples: [":quit"],
    run: { shell, _ in shell.quitting = true }),
]
