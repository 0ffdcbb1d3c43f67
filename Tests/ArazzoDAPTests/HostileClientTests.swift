import ArazzoDAP
import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

/// A client that sends nonsense must get an answer to every request and never a crash or a
/// hang: thousands of requests, every command the adapter knows and some it does not, with
/// arguments of random shapes and values, against the seed launched from its recording (the
/// Inspector wired, as `arazzo dap` serves it). Every message sent back is a valid DAP message.
@Suite struct HostileClientTests {
  static let commands = [
    "threads", "stackTrace", "scopes", "variables", "setVariable", "evaluate", "completions",
    "gotoTargets", "goto", "source", "disassemble", "exceptionInfo", "setBreakpoints",
    "setFunctionBreakpoints", "setExceptionBreakpoints", "next", "stepIn", "stepOut",
    "stepBack", "reverseContinue", "pause", "continue", "restart", "configurationDone",
    "launch", "initialize", "terminate", "frobnicate", "",
  ]
  static let inspection = [
    "stackTrace", "scopes", "variables", "variables", "setVariable", "evaluate", "completions",
    "gotoTargets", "goto", "source", "disassemble", "exceptionInfo", "threads",
  ]
  static let keys = [
    "threadId", "frameId", "variablesReference", "start", "count", "expression", "context",
    "line", "source", "breakpoints", "name", "value", "targetId", "memoryReference",
    "instructionOffset", "instructionCount", "granularity", "filters", "text", "column",
    "levels", "startFrame", "arguments", "program", "condition", "hitCondition", "logMessage",
  ]
  static let strings = [
    "", "1", "-1", "pollRun", "$response.body#/data/status", "{$inputs.token}", ":where",
    ":explain pollRun", ":continue", "$steps.", "$[?@.a", "0x100000003", "0xFFFFFFFFFFFFFFFFFF",
    "repl", "hover", "watch", "instruction", "stepFailed", "criterionFailed", ">=2", "%0",
    "$statusCode == 200", "status {$response.body#/data/status}", "/etc/passwd",
    String(repeating: "(", count: 300), "\u{0}\u{202E}é", "trigger-run-and-poll.pollRun",
  ]

  static func value(_ random: inout SplitMix, depth: Int = 0) -> JSONValue {
    switch random.below(depth > 2 ? 5 : 8) {
    case 0: return .integer(random.pick([0, 1, 2, 3, 5, 7, -1, 999_999, Int.max, Int.min]))
    case 1: return .string(random.pick(strings))
    case 2: return .bool(random.below(2) == 0)
    case 3: return .null
    case 4: return .number(random.pick([0.5, -2.25, 1e300]))
    case 5:
      return .array((0..<random.below(4)).map { _ in value(&random, depth: depth + 1) })
    default:
      return .object(arguments(&random, depth: depth + 1))
    }
  }

  static func arguments(_ random: inout SplitMix, depth: Int = 0) -> JSONObject {
    var object = JSONObject()
    for _ in 0..<random.below(5) {
      object[random.pick(keys)] = value(&random, depth: depth + 1)
    }
    return object
  }

  /// The keys each request reads: most requests get them, with plausible values (small ids,
  /// the strings above) or random ones, so the requests reach past the first check.
  static let keysOf: [String: [String]] = [
    "stackTrace": ["threadId", "startFrame", "levels"],
    "scopes": ["frameId"],
    "variables": ["variablesReference", "start", "count", "filter"],
    "setVariable": ["variablesReference", "name", "value"],
    "evaluate": ["expression", "context", "frameId"],
    "completions": ["text", "column", "frameId"],
    "gotoTargets": ["source", "line"],
    "goto": ["threadId", "targetId"],
    "source": ["source", "sourceReference"],
    "disassemble": ["memoryReference", "instructionOffset", "instructionCount"],
    "setBreakpoints": ["source", "breakpoints"],
    "setFunctionBreakpoints": ["breakpoints"],
    "setExceptionBreakpoints": ["filters"],
    "next": ["threadId", "granularity"], "stepIn": ["threadId", "granularity"],
    "restart": ["arguments"],
  ]

  static func plausible(
    _ key: String, _ random: inout SplitMix, known: [String: [Int]]
  ) -> JSONValue {
    if let ids = known[key], let last = ids.last {
      switch random.below(4) {
      case 0, 1: return .integer(last)
      case 2: return .integer(random.pick(ids))
      default: break
      }
    }
    switch key {
    case "source":
      return .object(JSONObject([("path", .string(TestPaths.seed.path))]))
    case "breakpoints":
      return .array(
        (0..<random.below(4)).map { _ in
          var breakpoint = JSONObject()
          breakpoint["line"] = .integer(random.below(140))
          breakpoint["name"] = .string(random.pick(strings))
          if random.below(2) == 0 { breakpoint["condition"] = .string(random.pick(strings)) }
          if random.below(3) == 0 { breakpoint["hitCondition"] = .string(random.pick(strings)) }
          if random.below(3) == 0 { breakpoint["logMessage"] = .string(random.pick(strings)) }
          return .object(breakpoint)
        })
    case "filters":
      return .array((0..<random.below(3)).map { _ in .string(random.pick(strings)) })
    case "arguments": return ServerTests.seedLaunch
    case "expression", "text", "name", "value", "context", "granularity", "memoryReference",
      "filter":
      return .string(random.pick(strings))
    default: return .integer(random.below(14) - 1)
    }
  }

  static func arguments(
    for command: String, _ random: inout SplitMix, known: [String: [Int]]
  ) -> JSONObject {
    var object = JSONObject()
    for key in keysOf[command] ?? [] where random.below(5) != 0 {
      object[key] = random.below(4) == 0 ? value(&random) : plausible(key, &random, known: known)
    }
    if random.below(5) == 0 { object[random.pick(keys)] = value(&random) }
    return object
  }

  /// Frame ids, variable references and goto targets in `body`, kept (the last 20 of each).
  static func collect(_ body: JSONValue, into known: inout [String: [Int]]) {
    func keep(_ key: String, _ id: Int?) {
      guard let id, id > 0 else { return }
      known[key, default: []].append(id)
      if known[key, default: []].count > 20 { known[key]?.removeFirst() }
    }
    for frame in body["stackFrames"]?.arrayValue ?? [] { keep("frameId", frame["id"]?.intValue) }
    for target in body["targets"]?.arrayValue ?? [] { keep("targetId", target["id"]?.intValue) }
    for list in ["scopes", "variables"] {
      for item in body[list]?.arrayValue ?? [] {
        keep("variablesReference", item["variablesReference"]?.intValue)
      }
    }
    keep("variablesReference", body["variablesReference"]?.intValue)
  }

  @Test(
    .timeLimit(.minutes(2)), arguments: [0xDA9_5EED, 0xBAD_C0DE, 0x5EED_0003, 0xF00D] as [UInt64])
  func everyRequestIsAnsweredWithAValidMessage(seed: UInt64) async throws {
    let schema = try ProtocolSchema.shared.get()
    nonisolated(unsafe) var sent: [JSONValue] = []
    let server = DAPServer(handlers: .inspector, send: { sent.append($0) })
    var seq = 0
    func request(_ command: String, _ arguments: JSONObject?) async -> Bool {
      seq += 1
      var message = JSONObject()
      message["seq"] = .integer(seq)
      message["type"] = .string("request")
      message["command"] = .string(command)
      if let arguments { message["arguments"] = .object(arguments) }
      return await server.receive(.message(.object(message)))
    }
    var initialize = JSONObject()
    initialize["adapterID"] = .string("hostile")
    _ = await request("initialize", initialize)
    guard case .object(let launch) = ServerTests.seedLaunch else { return }
    _ = await request("launch", launch)
    _ = await request("configurationDone", nil)

    var random = SplitMix(state: seed)
    var known: [String: [Int]] = [:]
    for _ in 0..<3_000 {
      // Mostly requests that read the paused run, so the ids they hand out get used.
      let command =
        random.below(3) == 0 ? random.pick(Self.commands) : random.pick(Self.inspection)
      let before = sent.count
      let requestSeq = seq + 1
      _ = await request(
        command, random.below(8) == 0 ? nil : Self.arguments(for: command, &random, known: known))
      let answers = sent[before...].filter { $0["request_seq"]?.intValue == requestSeq }
      #expect(answers.count == 1, "\(command): \(answers.count) answers")
      // The ids the answer gave out, for the requests that follow.
      if let body = answers.first?["body"] {
        Self.collect(body, into: &known)
      }
    }
    #expect(await request("disconnect", nil) == false)

    var problems: [String] = []
    for message in sent {
      do {
        problems += try schema.violations(of: message)
      } catch {
        problems.append("\(error)")
      }
    }
    #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
    #expect(sent.compactMap { $0["seq"]?.intValue } == Array(1...sent.count))
  }
}
