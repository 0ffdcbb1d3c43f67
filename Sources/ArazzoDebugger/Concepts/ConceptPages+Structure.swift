/// The pages about a document's shape and its data: the step lifecycle, workflows, steps,
/// inputs, sources, parameters, request bodies, components, runtime expressions, outputs and
/// selectors.
extension ConceptPages {
  /// The step lifecycle, drawn once: README's "Learn Arazzo in 15 minutes" quotes it (a test
  /// checks they are equal).
  public static let lifecycleDiagram = """
      ① request    built from parameters and requestBody, then sent     pause: before the step
           ↓
      ② response   $statusCode, $response.header.NAME, $response.body#/…  pause: after the response
           ↓
      ③ criteria   every successCriteria holds: success; else: failure  pause: after the criteria
           ↓
         outputs    evaluated and kept as $steps.<id>.outputs.<name>
           ↓
      ④ actions    onSuccess or onFailure: the first whose criteria hold  pause: before the action
                   is taken (goto, retry, end); none: the next step, or the workflow fails
    """

  static let structure: [ConceptPage] = [
    ConceptPage(
      "lifecycle", aliases: ["step-lifecycle", "pause-points"],
      title: "what happens to one step, in order, and where the debugger pauses",
      spec: section("Step Object", "step-object"), file: petshopFile, command: petshop,
      tryCommands: [":step", ":step", ":step", ":step"], seeAlso: ["steps", "criteria", "actions"],
      explanation: """
        A step sends one request (or runs one workflow), tests the response with its success
        criteria, keeps its outputs, then picks what happens next with its actions:

        \(lifecycleDiagram)

        Outputs are evaluated whether or not the step succeeded (a failed step's outputs may be
        null). In the debugger each :step moves to the next of the four pause points.
        """,
      snippet: """
              - stepId: login
                operationId: login
        """),
    ConceptPage(
      "workflows", aliases: ["workflow", "workflowId"],
      title: "a named sequence of steps, with inputs and outputs",
      spec: section("Workflow Object", "workflow-object"), file: petshopFile, command: petshop,
      tryCommands: [":where", ":list"], seeAlso: ["steps", "inputs", "outputs", "sub-workflows"],
      explanation: """
        A document holds one or more workflows. Each has a workflowId, an inputs schema, a list
        of steps run top to bottom (unless an action jumps), and outputs computed when it ends.
        `arazzo run` runs the first workflow unless --workflow names another.
        """,
      snippet: """
          - workflowId: adopt-a-pet
            summary: Log in, find a pet on the last page of a search, and order it.
        """),
    ConceptPage(
      "steps", aliases: ["stepId"],
      title: "one call: an operation (operationId, operationPath) or a workflow (workflowId)",
      spec: section("Step Object", "step-object"), file: petshopFile, command: petshop,
      tryCommands: [":request", ":step", ":response"],
      seeAlso: ["lifecycle", "sources", "parameters"],
      explanation: """
        A step has a stepId (unique in its workflow, used by goto and $steps) and exactly one
        target: operationId or operationPath (an HTTP request) or workflowId (a sub-workflow).
        Its parameters and requestBody build the request; successCriteria, outputs, onSuccess
        and onFailure say what the response means.
        """,
      snippet: """
              - stepId: login
                operationId: login
                requestBody:
                  contentType: application/json
        """),
    ConceptPage(
      "inputs", aliases: ["$inputs"],
      title: "the values a workflow is started with, described by a JSON Schema",
      spec: section("Workflow Object", "workflow-object"), file: petshopFile, command: petshop,
      tryCommands: ["$inputs", ":set $inputs.species = dog", ":restart species=dog"],
      seeAlso: ["runtime-expressions", "workflows"],
      explanation: """
        `inputs` is a JSON Schema for an object; expressions read it as $inputs.NAME. Give
        values with --input NAME=VALUE (typed by the schema), ARAZZO_INPUT_NAME or --inputs
        FILE.json; defaults apply; a missing required input stops the run before any request.
        `format: password` (or a secret-sounding name) makes a value print as REDACTED.
        """,
      snippet: """
            inputs:
              type: object
              required: [username, password]
        """),
    ConceptPage(
      "sources",
      aliases: ["sourceDescriptions", "operationId", "operationPath", "$sourceDescriptions"],
      title: "where operations come from, and the two ways a step names one",
      spec: section("Source Description Object", "source-description-object"), file: criteriaFile,
      command: criteriaExample, tryCommands: [":request"], seeAlso: ["steps", "parameters"],
      explanation: """
        sourceDescriptions lists the OpenAPI (or Arazzo) documents a workflow uses, each with a
        name and a url (relative to the document). A step names its operation by operationId
        (`$sourceDescriptions.NAME.opId` when there are several sources) or by operationPath: a
        JSON Pointer into the source, after `{$sourceDescriptions.NAME.url}#`, where `/` in a
        path is written `~1`. Requests go to the source's first server unless --server says else.
        """,
      snippet: """
              - stepId: status
                operationPath: '{$sourceDescriptions.petshop.url}#/paths/~1status/get'
        """),
    ConceptPage(
      "parameters", aliases: ["parameter"],
      title: "path, query, header and cookie values of a request (or a sub-workflow's inputs)",
      spec: section("Parameter Object", "parameter-object"), file: petshopFile, command: petshop,
      tryCommands: [":break nextPage", ":continue", ":request"],
      seeAlso: ["components", "runtime-expressions"],
      explanation: """
        Each parameter has a name, `in` (path, query, header, cookie) and a value: a literal,
        a runtime expression, or text with {$…} parts. Workflow-level parameters apply to every
        step (a step's own one with the same name and `in` wins). For a workflowId step,
        parameters have no `in`: each becomes the child workflow's input of that name.
        """,
      snippet: """
                  - name: searchId
                    in: path
                    value: $steps.startSearch.outputs.searchId
        """),
    ConceptPage(
      "request-bodies", aliases: ["requestBody", "payload", "replacements"],
      title: "the body a step sends: a payload, its content type, and replacements",
      spec: section("Request Body Object", "request-body-object"), file: petshopFile,
      command: petshop, tryCommands: [":request"], seeAlso: ["runtime-expressions", "parameters"],
      explanation: """
        requestBody has a contentType (when not said, the one the operation declares) and a
        payload. In a structured payload, each leaf that is a runtime expression is replaced by
        its value, types kept; a string leaf with {$…} parts is filled in. `replacements` (a
        list of target: JSON Pointer or XPath, value: …) sets single places of the payload
        after that.
        """,
      snippet: """
                requestBody:
                  contentType: application/json
                  # Leaves that are runtime expressions are replaced by their values (types kept).
                  payload:
                    username: $inputs.username
                    password: $inputs.password
        """),
    ConceptPage(
      "components", aliases: ["reusable", "reference", "$components"],
      title: "reusable parameters, actions and inputs, used by reference",
      spec: section("Components Object", "components-object"), file: petshopFile,
      command: petshop, tryCommands: [":print $components"], seeAlso: ["parameters", "actions"],
      explanation: """
        components holds parameters, successActions, failureActions and inputs defined once.
        A Reusable Object `{reference: $components.parameters.KEY}` stands for one where a
        parameter or action goes, and may override its `value`.
        """,
      snippet: """
              - reference: $components.parameters.pageSize
        """),
    ConceptPage(
      "runtime-expressions",
      aliases: [
        "expressions", "expression", "templates", "$", "$response", "$request", "$statusCode",
      ],
      title: "$statusCode, $response.body#/…, $steps.ID.outputs.NAME and friends",
      spec: section("Runtime Expressions", "runtime-expressions"), file: petshopFile,
      command: petshop,
      tryCommands: [
        ":break nextPage", ":continue", ":next", "$response.body#/items/0/name",
        "$steps.login.outputs.token", ":explain $statusCode == 200",
      ],
      seeAlso: ["simple", "outputs", "inputs"],
      explanation: """
        A runtime expression reads a value of the run: $url, $method, $statusCode,
        $request.header.NAME, $response.body#/json/pointer, $inputs.NAME,
        $steps.ID.outputs.NAME, $outputs.NAME, $workflows.ID.outputs.NAME, $components…
        A body is walked with a JSON Pointer after `#` (`#/items/0/id`), never with dots.
        Inside text, write it in braces: `Bearer {$steps.login.outputs.token}`.
        """,
      snippet: """
                    value: Bearer {$steps.login.outputs.token}
        """),
  ]

  static let data: [ConceptPage] = [
    ConceptPage(
      "outputs", aliases: ["output", "$outputs", "$steps"],
      title: "named values a step or workflow keeps for later",
      spec: section("Step Object", "step-object"), file: petshopFile, command: petshop,
      tryCommands: [":break buyPet", ":continue", "$steps.nextPage.outputs.firstPetName"],
      seeAlso: ["runtime-expressions", "selectors"],
      explanation: """
        A step's outputs map names to runtime expressions, evaluated after its criteria on
        every visit (after a loop they hold the last visit's); later steps read them as
        $steps.ID.outputs.NAME. A workflow's outputs are computed when it ends; a caller reads
        them as $outputs.NAME, another workflow as $workflows.ID.outputs.NAME. An expression that
        finds nothing gives null, with a warning (AZ5004).
        """,
      snippet: """
                outputs:
                  pets: $response.body#/items
                  firstPetId: $response.body#/items/0/id
        """),
    ConceptPage(
      "selectors", aliases: ["selector", "1.1"],
      title: "[1.1] an output chosen by a JSONPath, XPath or JSON Pointer query",
      spec:
        "Arazzo 1.1.0, Selector Object: https://spec.openapis.org/arazzo/v1.1.0#selector-object",
      file: criteriaFile, command: criteriaExample,
      tryCommands: [
        ":break nextPage", ":continue", ":next", ":next", ":next",
        "$steps.nextPage.outputs.cheapPets",
      ],
      seeAlso: ["outputs", "jsonpath", "xpath"],
      explanation: """
        Arazzo 1.1 lets an output be a Selector Object instead of an expression: a context
        expression, a selector and its type (jsonpath, xpath, jsonpointer). The value is what
        the selector picks from the context: one value, or a list when the query can select
        several. Documents must say `arazzo: 1.1.0` to use it.
        """,
      snippet: """
                  cheapPets:
                    context: $response.body
                    selector: $.items[?@.price < 50].name
                    type: jsonpath
        """),
  ]
}
