import ArazzoJSON

/// Uniqueness and naming rules: source names, workflowIds, stepIds, output and component keys,
/// parameters by (name, in) and actions by name.
extension DocumentChecker {
  /// `^[A-Za-z0-9_\-]+$`: what source names, workflowIds and stepIds SHOULD match.
  static func isIdentifier(_ s: String) -> Bool {
    !s.isEmpty
      && s.unicodeScalars.allSatisfy { c in
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
          || c == "-"
      }
  }

  /// `^[a-zA-Z0-9\.\-_]+$`: what output and component keys MUST match.
  static func isKey(_ s: String) -> Bool {
    !s.isEmpty
      && s.unicodeScalars.allSatisfy { c in
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
          || c == "-" || c == "."
      }
  }

  func checkIdentities() {
    unique(
      document.sourceDescriptions.map(\.name), code: .duplicateSourceName,
      what: "source description name")
    unique(document.workflows.map(\.workflowId), code: .duplicateWorkflowId, what: "workflowId")
    for source in document.sourceDescriptions where !source.name.isMissing {
      shouldBeIdentifier(source.name, what: "source description name")
    }
    for workflow in document.workflows {
      if !workflow.workflowId.isMissing {
        shouldBeIdentifier(workflow.workflowId, what: "workflowId")
      }
      unique(workflow.steps.map(\.stepId), code: .duplicateStepId, what: "stepId", scope: workflow)
      for step in workflow.steps where !step.stepId.isMissing {
        shouldBeIdentifier(step.stepId, what: "stepId")
      }
      mustBeKeys(workflow.outputs.map(\.name), what: "output name")
      for step in workflow.steps { mustBeKeys(step.outputs.map(\.name), what: "output name") }
    }
    if let components = document.components {
      mustBeKeys(components.inputs.entries.map(\.key), what: "component key")
      mustBeKeys(components.parameters.entries.map(\.key), what: "component key")
      mustBeKeys(components.successActions.entries.map(\.key), what: "component key")
      mustBeKeys(components.failureActions.entries.map(\.key), what: "component key")
    }
  }

  private func unique(
    _ names: [Located<String>], code: DiagnosticCode, what: String, scope: Workflow? = nil
  ) {
    var first: [String: Located<String>] = [:]
    for name in names where !name.isMissing {
      if let earlier = first[name.value] {
        let within = scope.map { " in workflow '\($0.workflowId.value)'" } ?? ""
        report(
          code, "duplicate \(what) '\(name.value)'\(within)", at: name,
          label: "already used", notes: [DiagnosticNote("first used here", at: earlier.span)],
          hint: "\(what)s must be unique")
      } else {
        first[name.value] = name
      }
    }
  }

  private func shouldBeIdentifier(_ name: Located<String>, what: String) {
    guard !Self.isIdentifier(name.value) else { return }
    report(
      .invalidName, .warning,
      "\(what) '\(name.value)' should match [A-Za-z0-9_-]+ (runtime expressions cannot always name it)",
      at: name)
  }

  private func mustBeKeys(_ names: [Located<String>], what: String) {
    for name in names where !name.isMissing && !Self.isKey(name.value) {
      let fixed = String(
        name.value.unicodeScalars.map { Self.isKey(String($0)) ? Character($0) : "_" })
      report(
        .invalidName, "\(what) '\(name.value)' must match ^[a-zA-Z0-9.\\-_]+$", at: name,
        hint: "rename it, e.g. '\(fixed)'")
    }
  }
}
