import ArazzoDebugger
import Testing

@Suite struct CommandTableTests {
  @Test func everyKindHasExactlyOneSpec() {
    for kind in CommandKind.allCases {
      #expect(CommandTable.all.filter { $0.kind == kind }.count == 1, "\(kind)")
      #expect(CommandTable.spec(kind).kind == kind)
      #expect(CommandTable.spec(kind).name == ":" + kind.rawValue)
    }
    #expect(CommandTable.all.count == CommandKind.allCases.count)
  }

  @Test func namesAndAliasesAreUniqueAndColoned() {
    let names = CommandTable.all.flatMap(\.names)
    #expect(Set(names).count == names.count, "a name or alias is used twice")
    for name in names {
      #expect(name.hasPrefix(":") && name.count > 1, "\(name)")
      let spaced = name.contains { $0.isWhitespace }
      #expect(!spaced, "\(name)")
    }
  }

  @Test func textsAreComplete() {
    for spec in CommandTable.all {
      #expect(CommandTable.categories.contains(spec.category), "\(spec.name)")
      #expect(spec.synopsis.hasPrefix(spec.name), "\(spec.name)")
      #expect(!spec.summary.isEmpty && !spec.summary.hasSuffix("."), "\(spec.name)")
      #expect(spec.summary.count <= 64, "\(spec.name)'s summary is long for :help's overview")
      #expect(!spec.examples.isEmpty, "\(spec.name) needs an example")
      #expect(spec.details.hasPrefix(spec.explanation))
      #expect(spec.details.contains("Example"), "\(spec.name)")
      for line in spec.explanation.split(separator: "\n") {
        #expect(line.count <= 96, "\(spec.name): a long line in its explanation")
      }
    }
    for category in CommandTable.categories {
      #expect(CommandTable.all.contains { $0.category == category }, "\(category) is empty")
    }
  }

  /// Every example is something the shell accepts, and one of them uses the command itself.
  @Test func examplesParse() {
    for spec in CommandTable.all {
      var usesItself = false
      for example in spec.examples {
        switch parseInput(example) {
        case .command(let kind, _): usesItself = usesItself || kind == spec.kind
        case .evaluate: usesItself = usesItself || spec.kind == .eval
        case .repeatLast, .unknown:
          Issue.record("\(spec.name): example '\(example)' does not parse")
        }
      }
      #expect(usesItself, "\(spec.name)'s examples never use it")
    }
  }

  @Test func familiarAliases() {
    let expected: [String: CommandKind] = [
      ":s": .step, ":n": .next, ":fin": .finish, ":si": .stepi, ":c": .continue,
      ":b": .break, ":tb": .tbreak, ":d": .delete, ":e": .eval, ":p": .print,
      ":w": .where, ":bt": .where, ":l": .list, ":ex": .explain, ":f": .frame,
      ":j": .goto, ":h": .help, ":q": .quit,
    ]
    for (alias, kind) in expected {
      #expect(CommandTable.lookup(alias)?.kind == kind, "\(alias)")
    }
  }

  @Test func lookupNeedsTheColon() {
    #expect(CommandTable.lookup(":step")?.kind == .step)
    #expect(CommandTable.lookup("step") == nil)
    #expect(CommandTable.lookup(":STEP") == nil)
    #expect(CommandTable.lookup(topic: "break")?.kind == .break)
    #expect(CommandTable.lookup(topic: ":b")?.kind == .break)
    #expect(CommandTable.lookup(topic: "b")?.kind == .break)
  }

  @Test func exactlyTheMovingCommandsAreStepping() {
    let stepping = CommandTable.all.filter(\.isStepping).map(\.kind)
    #expect(stepping == [.step, .next, .finish, .stepi, .continue])
  }
}

@Suite struct InputParserTests {
  @Test func commandsWithArguments() {
    #expect(parseInput(":step") == .command(.step, argument: ""))
    #expect(parseInput(":s") == .command(.step, argument: ""))
    #expect(
      parseInput(":b pollRun if $statusCode == 200")
        == .command(.break, argument: "pollRun if $statusCode == 200"))
    #expect(
      parseInput("  :eval   $response.body#/data/status  ")
        == .command(.eval, argument: "$response.body#/data/status"))
    #expect(parseInput(":eval\t$inputs.jobId\r") == .command(.eval, argument: "$inputs.jobId"))
    #expect(
      parseInput(":set $inputs.cause = a  b") == .command(.set, argument: "$inputs.cause = a  b"))
    #expect(parseInput(":help :b") == .command(.help, argument: ":b"))
    #expect(parseInput(":eval") == .command(.eval, argument: ""))
  }

  @Test func bareDollarIsEvaluated() {
    #expect(parseInput("$response.body#/data/status") == .evaluate("$response.body#/data/status"))
    #expect(parseInput("  $statusCode == 200 ") == .evaluate("$statusCode == 200"))
  }

  @Test func blankLinesRepeat() {
    #expect(parseInput("") == .repeatLast)
    #expect(parseInput("   \t") == .repeatLast)
    #expect(parseInput("\r") == .repeatLast)
  }

  @Test func unknownWordsSuggestACommand() {
    #expect(parseInput(":stp") == .unknown(word: ":stp", suggestion: ":step"))
    #expect(parseInput(":BREAK pollRun") == .unknown(word: ":BREAK", suggestion: ":break"))
    #expect(parseInput("step") == .unknown(word: "step", suggestion: ":step"))
    #expect(parseInput("q") == .unknown(word: "q", suggestion: ":quit"))
    #expect(parseInput("continu") == .unknown(word: "continu", suggestion: ":continue"))
    #expect(parseInput(":") == .unknown(word: ":", suggestion: ":help"))
    #expect(parseInput("pollRun") == .unknown(word: "pollRun", suggestion: nil))
  }
}
