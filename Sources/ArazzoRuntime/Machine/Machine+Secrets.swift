import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoSyntax

/// Where the machine learns secrets at run time (`RunOptions.secrets`): a value becomes secret
/// once it is sent in a secret header (`Authorization: Bearer …`, `Cookie`, API-key headers) or a
/// secret-named query or cookie parameter, or lands in an output or input whose name reads as a
/// secret (token, password, secret, apiKey…, the rules of `Redactor`). So the token a login step
/// returns is scrubbed from reports and recordings like the `token` input is.
struct SecretWatch: Sendable {
  let store: LearnedSecrets
  /// The step and workflow output names that read as secret, found once from the program (a
  /// run whose outputs have ordinary names, like the seed's, checks nothing per step).
  let outputNames: Set<String>

  init(program: Program, store: LearnedSecrets) {
    self.store = store
    var names = Set<String>()
    for code in program.workflows {
      for instruction in code.instructions {
        let bindings: [OutputBinding]
        switch instruction {
        case .outputs(let o): bindings = o.outputs
        case .return(let r): bindings = r.outputs
        default: continue
        }
        for binding in bindings where Redactor.isSecretInput(name: binding.name) {
          names.insert(binding.name)
        }
      }
    }
    outputNames = names
  }

  /// Learns every string inside `value` (numbers and booleans are not credentials).
  func learnLeaves(of value: JSONValue) {
    for s in Redactor.strings(in: value) { store.learn(s) }
  }
}

extension Machine {
  /// A request about to be sent: its secret headers' credentials and secret-named query and
  /// cookie parameters are learned (called when a request is built, not for every resend).
  func learnSecrets(sentIn request: HTTPRequest, parameters: [RequestParameter]) {
    guard let watch = secretWatch else { return }
    for field in request.headers where Redactor.isSecretHeader(field.name) {
      for part in Redactor.secretParts(ofHeader: field.name, field.value) {
        watch.store.learn(part)
      }
    }
    for parameter in parameters where parameter.location == .query || parameter.location == .cookie
    {
      if Redactor.isSecretName(parameter.name) { watch.learnLeaves(of: parameter.value) }
    }
  }

  /// Outputs just evaluated (a step's or a workflow's): the values of secret-named ones.
  func learnSecrets(outputs values: JSONObject) {
    guard let watch = secretWatch, !watch.outputNames.isEmpty else { return }
    for name in watch.outputNames {
      if let value = values[name] { watch.learnLeaves(of: value) }
    }
  }

  /// A workflow's bound inputs: the values of those its schema or their names mark as secret
  /// (a sub-workflow's `token` input, passed from a login step's output).
  func learnSecrets(inputs: JSONValue, schema: JSONValue?) {
    guard let watch = secretWatch else { return }
    for s in Redactor.secretValues(ofInputs: inputs, schema: schema) { watch.store.learn(s) }
  }
}
