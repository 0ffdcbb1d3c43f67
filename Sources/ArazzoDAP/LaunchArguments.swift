import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime
import Foundation

/// The `launch` request's arguments, read and checked: what `arazzo debug`'s options say, as
/// JSON (README, "Debugging in an editor").
public struct LaunchArguments: Sendable {
  /// The run: document, workflow, inputs, servers, sources and limits.
  public var request: RunRequest
  /// `replay`: a HAR file answers the requests instead of the network.
  public var replay: String?
  /// `record`: where the session's exchanges are written at its end (as `debug --record`).
  public var record: String?
  /// `stopOnEntry`: pause before the first step instead of running to a breakpoint.
  public var stopOnEntry = false
  /// From `initialize`: whether the client counts lines and columns from 1 (the default).
  public var linesStartAt1 = true
  public var columnsStartAt1 = true

  /// Reads `arguments`; an argument of the wrong type, or a duration that is not one, is an
  /// error naming it.
  public init(_ arguments: JSONObject) throws(DAPError) {
    guard let program = arguments["program"]?.stringValue, !program.isEmpty else {
      throw DAPError("launch needs \"program\": the path of the Arazzo document")
    }
    // Absolute, so every source the adapter names is one the editor can open.
    let document = URL(fileURLWithPath: program).standardizedFileURL.path
    var request = RunRequest(document: document, workflow: try Self.string("workflowId", arguments))
    var inputs = JSONObject()
    if let file = try Self.string("inputsFile", arguments) {
      let data: [UInt8]
      switch RegularFile.read(file) {
      case .success(let bytes): data = bytes
      case .failure(let failure):
        throw DAPError("inputsFile: " + RegularFile.message(failure, path: file))
      }
      do {
        guard case .object(let object) = try JSONParser.parse(bytes: data) else {
          throw DAPError("inputsFile '\(file)' must hold a JSON object")
        }
        inputs = object
      } catch let error as DAPError {
        throw error
      } catch {
        throw DAPError("inputsFile '\(file)' is not JSON: \(error)")
      }
    }
    for (name, value) in try Self.object("inputs", arguments)?.members ?? [] {
      inputs[name] = value
    }
    if !inputs.isEmpty { request.inputs = .object(inputs) }
    request.environment = ProcessInfo.processInfo.environment
    request.servers = try Self.strings("servers", arguments)
    request.sources = try Self.strings("sources", arguments)
    request.root = try Self.string("root", arguments)
    request.strict = try Self.bool("strict", arguments) ?? false
    request.showSecrets = try Self.bool("showSecrets", arguments) ?? false
    if let maxSteps = arguments["maxSteps"] {
      guard let n = maxSteps.intValue, n >= 1 else {
        throw DAPError("\"maxSteps\" must be a whole number of at least 1")
      }
      request.maxSteps = n
    }
    request.timeout = try Self.duration("timeout", arguments)
    request.deadline = try Self.duration("deadline", arguments)
    request.loopDelay = try Self.duration("loopDelay", arguments)
    request.checks = try Self.checks(arguments)
    self.request = request
    self.replay = try Self.string("replay", arguments)
    self.record = try Self.string("record", arguments)
    if replay != nil, record != nil {
      throw DAPError("\"record\" and \"replay\" exclude each other")
    }
    self.stopOnEntry = try Self.bool("stopOnEntry", arguments) ?? false
  }

  /// `checks`: a level for every contract check (`"error"`), or an object of check names (or
  /// `all`) to levels applied in order (`{"all": "error", "content-type": "warn"}`), as
  /// `--check` takes them; absent: every check off, as in `arazzo debug`.
  private static func checks(_ o: JSONObject) throws(DAPError) -> ContractChecks {
    guard let value = o["checks"], value != .null else { return ContractChecks() }
    var settings: [String] = []
    if let level = value.stringValue {
      settings = ["all=" + level]
    } else if let object = value.objectValue {
      for (name, level) in object.members {
        guard let level = level.stringValue else {
          throw DAPError("\"checks\".\(name) must be \"error\", \"warn\" or \"off\"")
        }
        settings.append(name + "=" + level)
      }
    } else {
      throw DAPError("\"checks\" must be a level (\"error\") or an object of check names to levels")
    }
    switch ContractChecks.parse(settings, from: ContractChecks()) {
    case .success(let checks): return checks
    case .failure(let problem): throw DAPError("\"checks\": " + problem.message)
    }
  }

  private static func string(_ key: String, _ o: JSONObject) throws(DAPError) -> String? {
    guard let value = o[key], value != .null else { return nil }
    guard let s = value.stringValue else { throw DAPError("\"\(key)\" must be a string") }
    return s
  }

  private static func bool(_ key: String, _ o: JSONObject) throws(DAPError) -> Bool? {
    guard let value = o[key], value != .null else { return nil }
    guard let b = value.boolValue else { throw DAPError("\"\(key)\" must be true or false") }
    return b
  }

  private static func object(_ key: String, _ o: JSONObject) throws(DAPError) -> JSONObject? {
    guard let value = o[key], value != .null else { return nil }
    guard let object = value.objectValue else { throw DAPError("\"\(key)\" must be an object") }
    return object
  }

  /// An object of strings (`servers`: name → URL, `sources`: name → file or URL).
  private static func strings(_ key: String, _ o: JSONObject) throws(DAPError) -> [String: String] {
    var out: [String: String] = [:]
    for (name, value) in try object(key, o)?.members ?? [] {
      guard let s = value.stringValue else {
        throw DAPError("\"\(key)\".\(name) must be a string")
      }
      out[name] = s
    }
    return out
  }

  /// A number of seconds or a duration string (`500ms`, `30s`, `2m`), as the CLI takes them.
  private static func duration(_ key: String, _ o: JSONObject) throws(DAPError) -> Duration? {
    guard let value = o[key], value != .null else { return nil }
    let parsed: (duration: Duration, clamped: Bool)?
    if let seconds = value.doubleValue {
      parsed = Duration.seconds(seconds, limit: .maximumWait)
    } else if let text = value.stringValue {
      parsed = Duration.parse(text)
    } else {
      parsed = nil
    }
    guard let parsed else {
      throw DAPError(
        "\"\(key)\" must be a duration: seconds, or a string such as \"500ms\", \"30s\", \"2m\"")
    }
    guard !parsed.clamped else {
      throw DAPError("\"\(key)\" is longer than 24h, the longest duration allowed")
    }
    return parsed.duration
  }
}
