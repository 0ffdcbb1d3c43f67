/// Every diagnostic the tool can emit, in one table (jq's `opcode_list.h` habit): the stable code,
/// a slug, the default severity and a one-line summary used by docs and tests.
///
/// Ranges: AZ1xxx loading and the document model, AZ2xxx validation (structure, references,
/// expressions), AZ3xxx lowering, AZ4xxx transports (why a request got no response), AZ5xxx
/// run time (a step that fails, a run that stops, a warning while it runs), AZ6xxx contract
/// checks (an exchange that breaks the operation's OpenAPI description).
public enum DiagnosticCode: String, Sendable, CaseIterable, Comparable {
  // Loading ----------------------------------------------------------------------------------
  case yamlSyntax = "AZ1001"
  case duplicateKey = "AZ1002"
  case emptyDocument = "AZ1003"
  case notText = "AZ1004"
  case tooDeep = "AZ1005"
  case unsupportedYAML = "AZ1006"
  case unreadableFile = "AZ1007"
  case refusedFile = "AZ1008"
  case wrongType = "AZ1010"
  case missingField = "AZ1011"
  case unknownField = "AZ1012"
  case invalidValue = "AZ1013"
  case unsupportedVersion = "AZ1020"

  // Validation: schema and identity ------------------------------------------------------------
  case schemaViolation = "AZ2001"
  case duplicateWorkflowId = "AZ2002"
  case duplicateStepId = "AZ2003"
  case unknownOperation = "AZ2004"
  case stepTarget = "AZ2005"
  case unknownStep = "AZ2006"
  case unknownWorkflow = "AZ2007"
  case parameterLocation = "AZ2008"
  case unknownComponent = "AZ2009"
  case duplicateSourceName = "AZ2010"
  case duplicateParameter = "AZ2011"
  case duplicateAction = "AZ2012"
  case invalidName = "AZ2013"
  case sourceUnavailable = "AZ2014"
  case invalidSource = "AZ2015"
  case sourceCycle = "AZ2016"
  case ambiguousOperation = "AZ2017"
  case invalidOperationPath = "AZ2018"
  case dependencyCycle = "AZ2019"
  case actionShape = "AZ2030"
  case qualifiedOperationRequired = "AZ2031"
  case unknownSource = "AZ2032"
  case undeclaredParameter = "AZ2033"

  // Validation: expressions and criteria ---------------------------------------------------
  case invalidExpression = "AZ2020"
  case invalidCondition = "AZ2021"
  case unknownStepReference = "AZ2022"
  case unknownOutput = "AZ2023"
  case unknownInput = "AZ2024"
  case jsonPathLogicalExpression = "AZ2025"
  case unbracedExpression = "AZ2026"
  case invalidJSONPath = "AZ2027"
  case invalidRegex = "AZ2028"
  case unsupportedXPath = "AZ2029"
  case forwardReference = "AZ2034"
  case criterionContext = "AZ2035"
  case invalidXPath = "AZ2036"
  case doubleQuotedString = "AZ2037"
  case literalOutput = "AZ2038"
  case asyncStep = "AZ2039"
  case missingParameter = "AZ2040"
  case unsupportedJSONPath = "AZ2041"

  // Lowering to IR (AZ3xxx)
  case unresolvedTarget = "AZ3001"
  case invalidIR = "AZ3900"

  // Runtime: setting a run up (AZ40xx), before any request
  case noSuchWorkflow = "AZ4001"
  case invalidServer = "AZ4002"
  case unusedServer = "AZ4003"
  case invalidInput = "AZ4004"
  case undeclaredInput = "AZ4005"

  // Runtime: transports (AZ41xx)
  case transportInvalidURL = "AZ4101"
  case connectionRefused = "AZ4102"
  case connectFailed = "AZ4103"
  case requestTimeout = "AZ4104"
  case deadlineExceeded = "AZ4105"
  case tlsFailed = "AZ4106"
  case responseTooLarge = "AZ4107"
  case redirectRefused = "AZ4108"
  case protocolError = "AZ4109"
  case proxyFailed = "AZ4110"
  case notRecorded = "AZ4111"
  case transportCancelled = "AZ4112"
  case replayExhausted = "AZ4113"

  // Run time (AZ5xxx): a run that stops, a step that fails, a warning while it runs
  case maxSteps = "AZ5001"
  case runDeadline = "AZ5002"
  case interrupted = "AZ5003"
  case outputNull = "AZ5004"
  case criterionFailed = "AZ5005"
  case unresolvedOperation = "AZ5006"
  case requestInvalid = "AZ5007"
  case dependencyUnmet = "AZ5008"
  case subWorkflowFailed = "AZ5009"
  case workflowFailed = "AZ5010"
  case workflowDependencyFailed = "AZ5011"
  case retryDelayCapped = "AZ5012"
  case invalidRetryAfter = "AZ5013"
  case targetUnavailable = "AZ5014"
  case inputMismatch = "AZ5015"
  case requestWarning = "AZ5016"
  case nestingTooDeep = "AZ5017"
  case internalError = "AZ5900"

  // Contract checks (AZ6xxx): an exchange that breaks the operation's OpenAPI description
  // (observations; their severity is the run's `--check` setting)
  case contractStatus = "AZ6001"
  case contractContentType = "AZ6002"
  case contractResponseBody = "AZ6003"
  case contractRequestBody = "AZ6004"

  public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool {
    lhs.rawValue < rhs.rawValue
  }

  /// The severity a diagnostic of this code has unless its producer says otherwise.
  public var defaultSeverity: Severity {
    switch self {
    case .sourceUnavailable, .undeclaredParameter, .jsonPathLogicalExpression,
      .unbracedExpression, .forwardReference, .unknownInput, .unsupportedXPath,
      .doubleQuotedString, .literalOutput, .asyncStep, .unresolvedTarget, .missingParameter,
      .unsupportedJSONPath,
      .outputNull, .retryDelayCapped, .invalidRetryAfter, .targetUnavailable, .inputMismatch,
      .requestWarning, .undeclaredInput:
      return .warning
    default:
      return .error
    }
  }

  /// A short kebab-case name, stable like the code.
  public var slug: String {
    switch self {
    case .yamlSyntax: return "syntax"
    case .duplicateKey: return "duplicate-key"
    case .emptyDocument: return "empty-document"
    case .notText: return "not-text"
    case .tooDeep: return "too-deep"
    case .unsupportedYAML: return "unsupported-yaml"
    case .unreadableFile: return "unreadable-file"
    case .refusedFile: return "refused-file"
    case .wrongType: return "wrong-type"
    case .missingField: return "missing-field"
    case .unknownField: return "unknown-field"
    case .invalidValue: return "invalid-value"
    case .unsupportedVersion: return "unsupported-version"
    case .schemaViolation: return "schema"
    case .duplicateWorkflowId: return "duplicate-workflow-id"
    case .duplicateStepId: return "duplicate-step-id"
    case .unknownOperation: return "unknown-operation"
    case .stepTarget: return "step-target"
    case .unknownStep: return "unknown-step"
    case .unknownWorkflow: return "unknown-workflow"
    case .parameterLocation: return "parameter-in"
    case .unknownComponent: return "unknown-component"
    case .duplicateSourceName: return "duplicate-source-name"
    case .duplicateParameter: return "duplicate-parameter"
    case .duplicateAction: return "duplicate-action"
    case .invalidName: return "invalid-name"
    case .sourceUnavailable: return "source-unavailable"
    case .invalidSource: return "invalid-source"
    case .sourceCycle: return "source-cycle"
    case .ambiguousOperation: return "ambiguous-operation"
    case .invalidOperationPath: return "invalid-operation-path"
    case .dependencyCycle: return "dependency-cycle"
    case .actionShape: return "action-shape"
    case .qualifiedOperationRequired: return "qualified-operation-required"
    case .unknownSource: return "unknown-source"
    case .undeclaredParameter: return "undeclared-parameter"
    case .missingParameter: return "missing-parameter"
    case .unsupportedJSONPath: return "unsupported-jsonpath"
    case .invalidExpression: return "invalid-expression"
    case .invalidCondition: return "invalid-condition"
    case .unknownStepReference: return "unknown-step-reference"
    case .unknownOutput: return "unknown-output"
    case .unknownInput: return "unknown-input"
    case .jsonPathLogicalExpression: return "jsonpath-logical-expression"
    case .unbracedExpression: return "unbraced-expression"
    case .invalidJSONPath: return "invalid-jsonpath"
    case .invalidRegex: return "invalid-regex"
    case .unsupportedXPath: return "unsupported-xpath"
    case .forwardReference: return "forward-reference"
    case .criterionContext: return "criterion-context"
    case .invalidXPath: return "invalid-xpath"
    case .doubleQuotedString: return "double-quoted-string"
    case .literalOutput: return "literal-output"
    case .asyncStep: return "async-step"
    case .unresolvedTarget: return "unresolved-target"
    case .invalidIR: return "invalid-ir"
    case .noSuchWorkflow: return "no-such-workflow"
    case .invalidServer: return "invalid-server"
    case .unusedServer: return "unused-server"
    case .invalidInput: return "invalid-input"
    case .undeclaredInput: return "undeclared-input"
    case .transportInvalidURL: return "invalid-url"
    case .connectionRefused: return "connection-refused"
    case .connectFailed: return "connect-failed"
    case .requestTimeout: return "timeout"
    case .deadlineExceeded: return "deadline-exceeded"
    case .tlsFailed: return "tls"
    case .responseTooLarge: return "response-too-large"
    case .redirectRefused: return "redirect-refused"
    case .protocolError: return "protocol-error"
    case .proxyFailed: return "proxy-failed"
    case .notRecorded: return "not-recorded"
    case .transportCancelled: return "cancelled"
    case .replayExhausted: return "replay-exhausted"
    case .maxSteps: return "max-steps"
    case .runDeadline: return "run-deadline"
    case .interrupted: return "interrupted"
    case .outputNull: return "output-null"
    case .criterionFailed: return "criterion-failed"
    case .unresolvedOperation: return "unresolved-operation"
    case .requestInvalid: return "request-invalid"
    case .dependencyUnmet: return "dependency-unmet"
    case .subWorkflowFailed: return "sub-workflow-failed"
    case .workflowFailed: return "workflow-failed"
    case .workflowDependencyFailed: return "workflow-dependency-failed"
    case .retryDelayCapped: return "retry-delay-capped"
    case .invalidRetryAfter: return "invalid-retry-after"
    case .targetUnavailable: return "target-unavailable"
    case .inputMismatch: return "input-mismatch"
    case .requestWarning: return "request-warning"
    case .nestingTooDeep: return "nesting-too-deep"
    case .internalError: return "internal-error"
    case .contractStatus: return "contract-status"
    case .contractContentType: return "contract-content-type"
    case .contractResponseBody: return "contract-response-body"
    case .contractRequestBody: return "contract-request-body"
    }
  }

  /// One line saying what the code means, for `--explain`-style docs and README.
  public var summary: String {
    switch self {
    case .yamlSyntax: return "The file is not well-formed YAML or JSON."
    case .duplicateKey: return "A mapping repeats a key (reported at the second occurrence)."
    case .emptyDocument: return "The file holds no document."
    case .notText: return "The file is not UTF-8 text."
    case .tooDeep: return "Nesting is deeper than the loader accepts."
    case .unsupportedYAML:
      return "A YAML feature with no JSON equivalent (non-string key, alias cycle)."
    case .unreadableFile: return "The file cannot be read."
    case .refusedFile:
      return
        "A file the document names was not read: outside its tree, hidden, special (/proc, a device, a FIFO) or too large."
    case .wrongType: return "A field has the wrong JSON type."
    case .missingField: return "A required field is missing."
    case .unknownField: return "A field the spec does not define (and not an x- extension)."
    case .invalidValue: return "A field's value is not one the spec allows."
    case .unsupportedVersion: return "The `arazzo` version is not 1.0.x (or 1.1.x)."
    case .schemaViolation: return "The document breaks the official Arazzo JSON Schema."
    case .duplicateWorkflowId: return "Two workflows share a workflowId."
    case .duplicateStepId: return "Two steps of one workflow share a stepId."
    case .unknownOperation: return "operationId names no operation in the source descriptions."
    case .stepTarget: return "A step needs exactly one of operationId, operationPath, workflowId."
    case .unknownStep: return "A goto/retry stepId names no step of the workflow."
    case .unknownWorkflow: return "A workflowId or dependsOn entry names no workflow."
    case .parameterLocation: return "A parameter's `in` is missing or not allowed here."
    case .unknownComponent: return "A reusable reference names no component."
    case .duplicateSourceName: return "Two source descriptions share a name."
    case .duplicateParameter: return "A parameter list repeats (name, in)."
    case .duplicateAction: return "An action list repeats an action name."
    case .invalidName: return "A name breaks the spec's pattern for it."
    case .sourceUnavailable:
      return "A source description could not be loaded; checks that need it were skipped."
    case .invalidSource:
      return "A source description is not a usable OpenAPI 3.x or Arazzo document."
    case .sourceCycle: return "Arazzo source descriptions reference each other in a cycle."
    case .ambiguousOperation:
      return "A bare operationId matches operations in more than one source."
    case .invalidOperationPath: return "operationPath does not point at an Operation Object."
    case .dependencyCycle: return "dependsOn forms a cycle."
    case .actionShape: return "An action's fields do not fit its type (goto without a target, …)."
    case .qualifiedOperationRequired:
      return "With several sources, operationId must be $sourceDescriptions-qualified."
    case .unknownSource: return "$sourceDescriptions names no source description."
    case .undeclaredParameter: return "A parameter the target operation does not declare."
    case .unsupportedJSONPath:
      return "A JSONPath version other than RFC 9535 (Goessner's draft) is evaluated as RFC 9535."
    case .missingParameter:
      return "A parameter the target operation requires (every path parameter) is not given."
    case .invalidExpression: return "A runtime expression does not parse."
    case .invalidCondition: return "A simple condition does not parse."
    case .unknownStepReference: return "$steps names no step of the workflow."
    case .unknownOutput: return "An expression reads an output the step does not declare."
    case .unknownInput: return "$inputs names no property of the workflow's input schema."
    case .jsonPathLogicalExpression:
      return
        "A jsonpath condition is a comparison, not an RFC 9535 query; it is read as a logical expression."
    case .unbracedExpression:
      return "A runtime expression sits in text without {…}; it is interpolated as if braced."
    case .invalidJSONPath:
      return "A jsonpath condition is neither an RFC 9535 query nor a logical expression."
    case .invalidRegex: return "A regex condition does not compile."
    case .unsupportedXPath: return "An XPath version other than 1.0 is evaluated with XPath 1.0."
    case .forwardReference: return "$steps reads a step that runs later in a sequential workflow."
    case .criterionContext: return "A criterion's context is missing where its type needs one."
    case .invalidXPath: return "An xpath condition does not compile."
    case .doubleQuotedString:
      return "A condition uses a \"double-quoted\" string; it is read as a string literal."
    case .literalOutput:
      return "An output is a literal, not a runtime expression; it is used as that constant."
    case .asyncStep:
      return
        "An AsyncAPI step (channelPath, or action send/receive) is checked but not run; it fails when it runs."
    case .unresolvedTarget:
      return
        "Lowering could not resolve a step's operation or workflow (its source was not loaded); the step fails when it runs."
    case .invalidIR:
      return "Internal error: the IR verifier found lowered code that breaks an invariant."
    case .noSuchWorkflow: return "The workflow asked for (--workflow) is not in the document."
    case .invalidServer:
      return "A server override (--server) is not an absolute http(s) URL with a host."
    case .unusedServer:
      return
        "A server override (--server) names a source description no request uses (a typo would send the run to the real server)."
    case .invalidInput:
      return
        "An input is missing, cannot be read as its type, or breaks the workflow's inputs schema."
    case .undeclaredInput:
      return
        "An input is given that the workflow's inputs schema does not declare (a typo?); the run goes on."
    case .transportInvalidURL: return "A request URL is not a valid http(s) URL."
    case .connectionRefused: return "The server refused the connection."
    case .connectFailed: return "The connection could not be made (DNS, network)."
    case .requestTimeout: return "No complete response within --timeout."
    case .deadlineExceeded: return "The run's --deadline passed during a request."
    case .tlsFailed: return "The TLS handshake failed (untrusted or invalid certificate)."
    case .responseTooLarge: return "The response is larger than the size cap."
    case .redirectRefused: return "A redirect was not followed (loop, too many, bad Location)."
    case .protocolError: return "The server broke HTTP/1.1 (garbage, truncated body)."
    case .proxyFailed: return "The HTTP(S)_PROXY refused or failed the request."
    case .notRecorded:
      return "--replay: the request is not in the recording (the closest one is named)."
    case .transportCancelled: return "The request was cancelled (shutdown or interrupt)."
    case .replayExhausted:
      return
        "--replay: the request was sent more often than it was recorded (without --replay-reuse-last)."
    case .maxSteps:
      return "The run entered more steps than --max-steps allows (a goto loop that never ends?)."
    case .runDeadline:
      return
        "The run's --deadline passed while it waited (a retry's delay, Retry-After, --loop-delay)."
    case .interrupted:
      return "The run was interrupted (Ctrl-C, SIGTERM); what it did is still reported."
    case .outputNull:
      return
        "An output is null: its expression or selector found nothing (a workflow output fails the run under --strict)."
    case .criterionFailed:
      return "A step's success criteria were not met; its failure actions apply."
    case .unresolvedOperation:
      return
        "A step's operation or workflow is not available at run time (its source was not loaded); the step fails."
    case .requestInvalid:
      return
        "A step's request could not be built (a parameter or body did not evaluate or serialize); it is not sent."
    case .dependencyUnmet:
      return
        "[1.1] A step's dependsOn names a step that has not completed; the step fails without a request."
    case .subWorkflowFailed: return "The workflow a step runs failed, so the step fails."
    case .workflowFailed:
      return
        "The workflow failed: a step failed with no action that recovers, or a fail/end action ended it there."
    case .workflowDependencyFailed:
      return
        "A workflow the run's workflow depends on (dependsOn) failed; the workflow did not run."
    case .retryDelayCapped:
      return
        "A retry asked (retryAfter, Retry-After) to wait longer than a retry may wait (300 s); it waits that long."
    case .invalidRetryAfter:
      return "A response's Retry-After is neither seconds nor an HTTP date; it is ignored."
    case .targetUnavailable:
      return
        "A goto or retry target workflow is not available at run time (goto fails; retry retries without it)."
    case .inputMismatch:
      return
        "A workflow's inputs do not fit its inputs schema (a sub-workflow's arguments, a goto's)."
    case .requestWarning:
      return "A step's request was sent with something the operation does not declare or support."
    case .nestingTooDeep: return "Sub-workflows nest deeper than 64 levels; the run stops."
    case .internalError:
      return "Internal error: the machine reached a state the IR verifier rules out."
    case .contractStatus:
      return
        "A response's status code is not one its operation declares (exactly, as a range such as 2XX, or default)."
    case .contractContentType:
      return
        "A response's Content-Type is not one its operation declares for that status (wildcards allowed), or a body came where none is declared."
    case .contractResponseBody:
      return
        "A response body does not validate against the schema its operation declares for the status and media type."
    case .contractRequestBody:
      return
        "A request body sent does not validate against the operation's requestBody schema (or a required body is missing)."
    }
  }
}
