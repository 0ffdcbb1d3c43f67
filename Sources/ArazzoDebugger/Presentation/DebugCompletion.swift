import ArazzoJSON

/// What completion knows about the paused run: ids, names and the last response.
public struct CompletionContext: Sendable {
  /// The step ids of the current workflow (first) and of the others.
  public var stepIds: [String]
  public var workflowIds: [String]
  /// The current workflow's input names.
  public var inputNames: [String]
  /// Output names by step id (those declared, or those the step has produced).
  public var stepOutputs: [String: [String]]
  /// The last response's body, for `$response.body#/…` keys.
  public var lastResponseBody: JSONValue?
  /// The last response's header names, for `$response.header.…`.
  public var responseHeaders: [String]
  /// The current request's header names, for `$request.header.…`.
  public var requestHeaders: [String]
  /// Component keys by kind (`parameters`, `successActions`, …), for `$components.…`.
  public var componentKeys: [String: [String]]
  /// Source description names, for `$sourceDescriptions.…`.
  public var sourceNames: [String]

  public init(
    stepIds: [String] = [], workflowIds: [String] = [], inputNames: [String] = [],
    stepOutputs: [String: [String]] = [:], lastResponseBody: JSONValue? = nil,
    responseHeaders: [String] = [], requestHeaders: [String] = [],
    componentKeys: [String: [String]] = [:], sourceNames: [String] = []
  ) {
    self.stepIds = stepIds
    self.workflowIds = workflowIds
    self.inputNames = inputNames
    self.stepOutputs = stepOutputs
    self.lastResponseBody = lastResponseBody
    self.responseHeaders = responseHeaders
    self.requestHeaders = requestHeaders
    self.componentKeys = componentKeys
    self.sourceNames = sourceNames
  }
}

/// Tab completion for the debugger's prompt, by position:
///
/// - the first word: command names and aliases (`:br` → `:break`, `:breakpoints`; a bare
///   `ste` → `:step`, since names need their colon);
/// - after `:break`, `:tbreak` and `:goto`: step ids (then `if` after a `:break STEP`);
/// - after `:print`: its targets, `$steps` … `$sourceDescriptions`;
/// - after `:help`: command names and concept topics;
/// - any word starting with `$` (or `($`, `!$`): the runtime expression, one part at a time
///   (`$st` → `$statusCode`, `$steps.`; `$steps.` → `$steps.triggerRun.`;
///   `$steps.triggerRun.outputs.` → its outputs; `$response.body#/da` → `$response.body#/data/`
///   from the actual last body, arrays by index).
///
/// Candidates replace the last whitespace-separated word whole. A candidate ending in `.`, `/`
/// or `#` is a prefix to go on from; the line editor adds no space after it.
public final class DebugCompletion: CompletionProvider {
  public var context: CompletionContext

  public init(context: CompletionContext = CompletionContext()) {
    self.context = context
  }

  public func completions(for textLeftOfCursor: String) -> [String] {
    let endsInSpace = textLeftOfCursor.last?.isWhitespace ?? true
    var words = textLeftOfCursor.split(whereSeparator: \.isWhitespace).map(String.init)
    let word = endsInSpace ? "" : (words.popLast() ?? "")
    let previous = words

    guard let command = previous.first else {
      if word.hasPrefix("$") { return expression(word) }
      return commandNames(matching: word)
    }
    let argumentIndex = previous.count  // 1 for the first argument
    // The argument's kind, from the command table, says what fits here.
    switch CommandTable.lookup(command)?.argument {
    case .breakpointSpec?:
      if argumentIndex == 1 { return stepIds(matching: word) }
      if argumentIndex == 2 { return "if".hasPrefix(word) && !word.isEmpty ? ["if"] : [] }
    case .stepId?:
      if argumentIndex == 1 { return stepIds(matching: word) }
    case .printTarget?:
      if argumentIndex == 1 && !word.contains(".") && !word.contains("#") {
        return ArgumentKind.printTargets.filter { $0.hasPrefix(word) }
      }
    case .topic?:
      if argumentIndex == 1 { return helpTopics(matching: word) }
    case .assignment?:
      if argumentIndex == 1 && word.isEmpty { return ["$inputs."] }
    default:
      break
    }
    return embeddedExpression(word)
  }

  // MARK: Commands and ids

  /// Names and aliases starting with `word`, sorted; a word without a colon is matched as if
  /// it had one (and completed to the colon form), unless `colon` is false (`:help break`).
  private func commandNames(matching word: String, colon: Bool = true) -> [String] {
    let names = CommandTable.all.flatMap(\.names)
    if !colon {
      return names.filter { $0.dropFirst().hasPrefix(word) && !$0.dropFirst().isEmpty }
        .map { String($0.dropFirst()) }.sorted()
    }
    let typed = word.hasPrefix(":") ? word : ":" + word
    if typed == ":" { return CommandTable.all.map(\.name).sorted() }
    return names.filter { $0.hasPrefix(typed) }.sorted()
  }

  /// After `:help`: command names (with a colon typed, names with colons) and concept topics.
  private func helpTopics(matching word: String) -> [String] {
    let names = commandNames(matching: word, colon: word.hasPrefix(":"))
    if word.hasPrefix(":") { return names }
    let topics = ConceptPages.all.map(\.topic).filter { $0.hasPrefix(word) }
    return unique((names + topics).sorted())
  }

  private func stepIds(matching word: String) -> [String] {
    unique(context.stepIds.filter { $0.hasPrefix(word) })
  }

  // MARK: Expressions

  /// Completes a `$…` that starts the word or follows opening punctuation (`($st`, `!$re`).
  private func embeddedExpression(_ word: String) -> [String] {
    guard let dollar = word.firstIndex(of: "$") else { return [] }
    let head = word[..<dollar]
    guard head.allSatisfy({ "({[!,=<>&|".contains($0) }) else { return [] }
    return expression(String(word[dollar...])).map { head + $0 }
  }

  /// The top-level names, those ending in `.` continuing into their parts.
  static let roots = [
    "$url", "$method", "$statusCode", "$request.", "$response.", "$inputs.", "$outputs",
    "$steps.", "$workflows.", "$components.", "$sourceDescriptions.",
  ]

  /// Candidates for a word that starts with `$`.
  func expression(_ word: String) -> [String] {
    if let hash = word.firstIndex(of: "#") {
      let base = word[..<hash]
      guard base == "$response.body" || base == "$request.body" else { return [] }
      guard base == "$response.body", let body = context.lastResponseBody else { return [] }
      return pointer(String(word[word.index(after: hash)...]), in: body).map { base + "#" + $0 }
    }
    let parts = word.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard parts.count > 1 else {
      return Self.roots.filter { $0.hasPrefix(word) }
    }
    let root = parts[0]
    let rest = parts.dropFirst()
    func among(_ names: [String], prefix: String, suffix: String = "") -> [String] {
      unique(names.filter { $0.hasPrefix(rest.last ?? "") }.map { prefix + $0 + suffix })
    }
    switch (root, rest.count) {
    case ("$inputs", 1):
      return among(context.inputNames, prefix: "$inputs.")
    case ("$steps", 1):
      return among(context.stepIds, prefix: "$steps.", suffix: ".")
    case ("$steps", 2):
      return among(["outputs"], prefix: "$steps.\(parts[1]).", suffix: ".")
    case ("$steps", 3) where parts[2] == "outputs":
      return among(context.stepOutputs[parts[1]] ?? [], prefix: "$steps.\(parts[1]).outputs.")
    case ("$workflows", 1):
      return among(context.workflowIds, prefix: "$workflows.", suffix: ".")
    case ("$workflows", 2):
      return among(["inputs", "outputs"], prefix: "$workflows.\(parts[1]).", suffix: ".")
    case ("$response", 1):
      let body = among(["body"], prefix: "$response.")
      return among(["header"], prefix: "$response.", suffix: ".")
        + (body.isEmpty ? [] : body + ["$response.body#/"])
    case ("$response", 2) where parts[1] == "header":
      return among(context.responseHeaders, prefix: "$response.header.")
    case ("$request", 1):
      return among(["header", "query", "path"], prefix: "$request.", suffix: ".")
        + among(["body"], prefix: "$request.")
    case ("$request", 2) where parts[1] == "header":
      return among(context.requestHeaders, prefix: "$request.header.")
    case ("$components", 1):
      return among(context.componentKeys.keys.sorted(), prefix: "$components.", suffix: ".")
    case ("$components", 2):
      return among(context.componentKeys[parts[1]] ?? [], prefix: "$components.\(parts[1]).")
    case ("$sourceDescriptions", 1):
      return among(context.sourceNames, prefix: "$sourceDescriptions.", suffix: ".")
    case ("$sourceDescriptions", 2):
      return among(["name", "url", "type"], prefix: "$sourceDescriptions.\(parts[1]).")
    default:
      return []
    }
  }

  /// Completes a JSON Pointer into `body`: the tokens before the last `/` are followed, the
  /// last is matched against that place's keys (or indices); containers get a `/` to go on.
  private func pointer(_ typed: String, in body: JSONValue) -> [String] {
    guard typed.hasPrefix("/") else { return typed.isEmpty ? ["/"] : [] }
    var tokens = typed.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
      .map(String.init)
    let partial = tokens.popLast() ?? ""
    var node = body
    for token in tokens {
      let key = Self.unescape(token)
      switch node {
      case .object(let o):
        guard let next = o[key] else { return [] }
        node = next
      case .array(let items):
        guard let i = Int(key), i >= 0, i < items.count else { return [] }
        node = items[i]
      default:
        return []
      }
    }
    let parent = tokens.isEmpty ? "/" : "/" + tokens.joined(separator: "/") + "/"
    func candidate(_ token: String, _ child: JSONValue) -> String {
      parent + token + (Self.isNonEmptyContainer(child) ? "/" : "")
    }
    switch node {
    case .object(let o):
      return o.members.map { (Self.escape($0.key), $0.value) }.filter { $0.0.hasPrefix(partial) }
        .map { candidate($0.0, $0.1) }
    case .array(let items):
      return items.indices.map { (String($0), items[$0]) }.filter { $0.0.hasPrefix(partial) }
        .map { candidate($0.0, $0.1) }
    default:
      return []
    }
  }

  private static func isNonEmptyContainer(_ value: JSONValue) -> Bool {
    switch value {
    case .object(let o): return !o.isEmpty
    case .array(let a): return !a.isEmpty
    default: return false
    }
  }

  /// RFC 6901: `~` is written `~0`, `/` is written `~1`.
  private static func escape(_ key: String) -> String {
    var out = ""
    for c in key {
      switch c {
      case "~": out += "~0"
      case "/": out += "~1"
      default: out.append(c)
      }
    }
    return out
  }

  private static func unescape(_ token: String) -> String {
    token.split(separator: "~1", omittingEmptySubsequences: false).joined(separator: "/")
      .split(separator: "~0", omittingEmptySubsequences: false).joined(separator: "~")
  }

  private func unique(_ items: [String]) -> [String] {
    var seen = Set<String>()
    return items.filter { seen.insert($0).inserted }
  }
}
