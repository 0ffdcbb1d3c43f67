/// What a warning means for the person running the workflow, in plain words (no RFC numbers):
/// `run` and `debug` print one such line per code under the warnings they start with, pointing
/// at `arazzo explain CODE` for the reason and examples.
extension DiagnosticCode {
  /// The consequence of this warning for the run, in plain words; the summary for codes that
  /// have no such line.
  public var inPlainWords: String { Self.plainWords[self] ?? summary }

  /// Codes with a plain-words line (every code whose default severity is warning has one; a
  /// test checks it).
  static let plainWords: [DiagnosticCode: String] = [
    .sourceUnavailable:
      "an API description could not be read, so its operations and parameters were not checked.",
    .undeclaredParameter:
      "a parameter the API does not list is sent anyway; a typo in its name would go unnoticed by the server.",
    .jsonPathLogicalExpression:
      "this tool reads these conditions the way the author meant (compare the value), but by the spec they are not valid queries: other Arazzo tools will never pass them. `arazzo validate` shows the form all tools read alike.",
    .unbracedExpression:
      "the value is filled in, as the author meant (Bearer <token>); by the spec it needs braces, and other tools would send the text '$inputs…' as is. Write {$…}.",
    .forwardReference:
      "a step reads outputs of a step that has not run yet at that point, so it reads null (unless a goto ran it first).",
    .unknownInput:
      "an expression reads an input the workflow does not declare: it has no value unless you pass one anyway (a typo?).",
    .unsupportedXPath:
      "the XPath is run by an XPath 1.0 engine; simple paths behave the same, newer functions fail.",
    .doubleQuotedString:
      "\"double\" quotes are read as a string here, but the spec only has 'single' ones; other tools may not read it.",
    .literalOutput:
      "an output is fixed text, not read from the response: it always has that value (a typo in $…?).",
    .asyncStep: "a message step (AsyncAPI) is not run here: the workflow fails if it reaches it.",
    .unresolvedTarget:
      "a step's operation or workflow could not be found because its source description did not load: that step fails when reached.",
    .missingParameter:
      "a parameter the API requires is not given: the server will probably reject the request.",
    .unsupportedJSONPath:
      "the query is run as a standard (RFC 9535) JSONPath query; older-style filters may behave differently.",
    .outputNull: "an output found nothing and is null; steps that read it get null.",
    .retryDelayCapped: "a retry asked to wait very long; it waits 300 s instead.",
    .invalidRetryAfter:
      "the server's Retry-After header made no sense; the document's retryAfter is used.",
    .targetUnavailable: "a goto or retry names a workflow that is not loaded.",
    .inputMismatch: "the values a workflow received do not fit what it declares; it runs anyway.",
    .requestWarning:
      "the request carries something the API does not declare; the server may ignore it.",
    .undeclaredInput:
      "an input you gave is not one the workflow declares, so it is not used (a typo in its name?).",
    .criterionContext:
      "a simple condition ignores 'context': remove it, or set the criterion's type.",
    .sourceCycle: "two documents use each other's workflows; each is loaded once.",
  ]
}
