/// The long form of a diagnostic code, for `arazzo explain CODE` and docs/diagnostics.md: why
/// the rule exists, a wrong and a right example, and the spec section it comes from. The texts
/// live in one table per range (`DiagnosticExplanation+Loading.swift`, `+Validation`, `+Run`,
/// `+Contract`);
/// a test checks that every code has one with every field filled, and that each wrong example
/// a document can show produces its code when validated (and the right one does not).
public struct DiagnosticExplanation: Sendable {
  /// Where an example goes, so a test can embed it in a minimal document and validate it.
  public enum Place: String, Sendable {
    /// Top-level keys that replace the same keys of a minimal document (`arazzo: 2.0.0`).
    case document
    /// The items of `workflows:` (each `- workflowId: …`), in place of the minimal one.
    case workflows
    /// The items of the one workflow's `steps:` (each `- stepId: …`).
    case steps
    /// Not a document fragment: a command line, a file, or what a run meets (not checked).
    case run
  }

  /// Why the rule exists: what would go wrong without it.
  public var reason: String
  /// Something that gets this diagnostic.
  public var wrong: String
  /// The same, written so that it does not.
  public var right: String
  /// Where `wrong` and `right` go.
  public var place: Place
  /// The spec section the rule comes from, or what of this tool's behaviour it is.
  public var spec: String

  public init(reason: String, wrong: String, right: String, place: Place, spec: String) {
    self.reason = reason
    self.wrong = wrong
    self.right = right
    self.place = place
    self.spec = spec
  }

  /// A spec section of Arazzo 1.0.1, with its address.
  static func section(_ title: String, _ anchor: String) -> String {
    "Arazzo 1.0.1, \(title): https://spec.openapis.org/arazzo/v1.0.1#\(anchor)"
  }

  /// Not a rule of the spec: what this tool does, and where README says so.
  static func tool(_ what: String) -> String {
    "not in the spec: \(what)"
  }
}

extension DiagnosticCode {
  /// The long form of this code (reason, examples, spec section).
  public var explanation: DiagnosticExplanation {
    Self.loadingExplanations[self] ?? Self.validationExplanations[self]
      ?? Self.expressionExplanations[self] ?? Self.runExplanations[self]
      ?? Self.contractExplanations[self]
      ?? DiagnosticExplanation(reason: "", wrong: "", right: "", place: .run, spec: "")
  }

  /// `arazzo explain CODE`: the summary, then the long form, as plain text.
  public var explanationText: String {
    let e = explanation
    var out = "\(rawValue) \(slug) (\(defaultSeverity.rawValue))\n\n"
    out += DiagnosticRenderer.wrapped(summary, width: 96).joined(separator: "\n") + "\n\n"
    out +=
      DiagnosticRenderer.wrapped("Why: " + e.reason, width: 96).joined(separator: "\n") + "\n\n"
    out += "Wrong\(Self.placeLabel(e.place)):\n\(Self.indented(e.wrong))\n\n"
    out += "Right:\n\(Self.indented(e.right))\n\n"
    out += "Spec: \(e.spec)\n"
    return out
  }

  /// docs/diagnostics.md's section for this code.
  public var explanationMarkdown: String {
    let e = explanation
    let fence = e.place == .run ? "text" : "yaml"
    return """
      ### \(rawValue) `\(slug)` (\(defaultSeverity.rawValue))

      \(summary)

      **Why:** \(e.reason)

      Wrong\(Self.placeLabel(e.place)):

      ```\(fence)
      \(e.wrong)
      ```

      Right:

      ```\(fence)
      \(e.right)
      ```

      **Spec:** \(e.spec)

      """
  }

  private static func placeLabel(_ place: DiagnosticExplanation.Place) -> String {
    switch place {
    case .document: return " (top-level keys of a document)"
    case .workflows: return " (the document's workflows)"
    case .steps: return " (a workflow's steps)"
    case .run: return ""
    }
  }

  private static func indented(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
      .joined(separator: "\n")
  }
}
