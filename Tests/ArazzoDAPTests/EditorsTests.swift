import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

/// What the editor integrations under `editors/` must agree on with the adapter.
enum EditorManifest {
  /// Every attribute the adapter's `launch` request takes: the one list the VS Code manifest,
  /// its snippets and the Neovim configurations are checked against.
  static let launchAttributes = [
    "program", "workflowId", "inputs", "inputsFile", "servers", "sources", "replay", "record",
    "stopOnEntry", "strict", "showSecrets", "maxSteps", "timeout", "loopDelay", "checks",
  ]

  /// Attributes every debug configuration has, whatever the adapter.
  static let configurationKeys: Set = ["type", "request", "name"]

  static let editors = TestPaths.root.appendingPathComponent("editors")

  /// What is wrong with a VS Code `package.json`: the `arazzo` debugger, its launch attributes
  /// (each with a type and a description, `program` required), and the configurations it offers.
  static func problems(inPackage manifest: JSONValue) -> [String] {
    var problems: [String] = []
    if manifest["main"]?.stringValue != "./extension.js" {
      problems.append("main must be ./extension.js")
    }
    let events = manifest["activationEvents"]?.arrayValue?.compactMap(\.stringValue) ?? []
    if !events.contains("onDebugResolve:arazzo") {
      problems.append("activationEvents lacks onDebugResolve:arazzo")
    }
    let contributes = manifest["contributes"]
    let breakpoints = contributes?["breakpoints"]?.arrayValue?.compactMap {
      $0["language"]?.stringValue
    }
    if Set(breakpoints ?? []) != ["yaml", "json"] {
      problems.append("breakpoints must be contributed for yaml and json")
    }
    if contributes?["configuration"]?["properties"]?["arazzo.path"]?["default"] != "arazzo" {
      problems.append("configuration arazzo.path must default to arazzo")
    }
    let debuggers = contributes?["debuggers"]?.arrayValue ?? []
    guard debuggers.count == 1, let debugger = debuggers.first,
      debugger["type"]?.stringValue == "arazzo"
    else { return problems + ["contributes.debuggers must declare the one type arazzo"] }
    let launch = debugger["configurationAttributes"]?["launch"]
    if launch?["required"] != ["program"] { problems.append("launch must require program") }
    let declared = launch?["properties"]?.objectValue ?? JSONObject()
    for name in launchAttributes where !declared.contains(name) {
      problems.append("launch attribute '\(name)' is not declared")
    }
    for (name, schema) in declared {
      if !launchAttributes.contains(name) {
        problems.append("launch attribute '\(name)' is not one the adapter takes")
      }
      if (schema["description"]?.stringValue ?? "").isEmpty {
        problems.append("launch attribute '\(name)' has no description")
      }
      let types = schema["type"].map { $0.arrayValue ?? [$0] } ?? []
      if types.isEmpty || !types.allSatisfy({ !($0.stringValue ?? "").isEmpty }) {
        problems.append("launch attribute '\(name)' has no type")
      }
    }
    let initial = debugger["initialConfigurations"]?.arrayValue ?? []
    let snippets = debugger["configurationSnippets"]?.arrayValue ?? []
    if initial.isEmpty { problems.append("no initialConfigurations") }
    if snippets.count < 3 { problems.append("fewer than three configurationSnippets") }
    for (index, configuration) in initial.enumerated() {
      problems += self.problems(in: configuration, at: "initialConfigurations[\(index)]")
    }
    for (index, snippet) in snippets.enumerated() {
      let body = snippet["body"] ?? .null
      problems += self.problems(in: body, at: "configurationSnippets[\(index)].body")
    }
    return problems
  }

  /// What is wrong with one launch configuration: not an `arazzo` launch with a `program`, or
  /// an attribute the adapter does not take.
  static func problems(in configuration: JSONValue, at place: String) -> [String] {
    guard let object = configuration.objectValue else { return ["\(place) is not an object"] }
    var problems: [String] = []
    if object["type"] != "arazzo" || object["request"] != "launch" {
      problems.append("\(place) is not an arazzo launch")
    }
    if object["program"] == nil { problems.append("\(place) has no program") }
    for key in object.keys where !configurationKeys.contains(key) && !launchAttributes.contains(key)
    {
      problems.append("\(place) uses undeclared attribute '\(key)'")
    }
    return problems
  }

  /// What is wrong with the Neovim file: the adapter it registers and the attributes its
  /// configurations use (each line `name = …` inside the `configurations` table).
  static func problems(inLua text: String) -> [String] {
    var problems: [String] = []
    for expected in ["dap.adapters.arazzo = {", "type = 'executable'", "args = { 'dap' }"]
    where !text.contains(expected) {
      problems.append("arazzo.lua lacks \(expected)")
    }
    guard let start = text.range(of: "local configurations = {"),
      let end = text.range(of: "\n}\n", range: start.upperBound..<text.endIndex)
    else { return problems + ["arazzo.lua has no `local configurations = {` table"] }
    var keys: [String] = []
    for line in text[start.upperBound..<end.lowerBound].split(separator: "\n") {
      let trimmed = line.drop { $0 == " " }
      guard let equals = trimmed.range(of: " = ") else { continue }
      let key = String(trimmed[..<equals.lowerBound])
      guard key.allSatisfy({ $0.isLetter || $0.isNumber }) else { continue }
      keys.append(key)
      if key == "type", !trimmed[equals.upperBound...].hasPrefix("'arazzo'") {
        problems.append("arazzo.lua has a configuration whose type is not 'arazzo'")
      }
    }
    if !keys.contains("program") { problems.append("arazzo.lua configures no program") }
    for key in keys where !configurationKeys.contains(key) && !launchAttributes.contains(key) {
      problems.append("arazzo.lua uses undeclared attribute '\(key)'")
    }
    return problems
  }

  /// The launch attributes the snippets of README's editor section use, by snippet: the members
  /// of JSON configurations for `arazzo` (VS Code's `type`, Zed's `adapter`), Lua tables with
  /// `type = 'arazzo'`, Helix's template `args = { … }` and dape's `:keyword`s. Configuration
  /// keys of each editor are left out.
  static func readmeAttributes(_ readme: String) throws -> [(snippet: String, keys: [String])] {
    guard let start = readme.range(of: "## Debugging in an editor (`arazzo dap`)"),
      let end = readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex)
    else { return [] }
    var found: [(String, [String])] = []
    let blocks = readme[start.upperBound..<end.lowerBound].components(separatedBy: "```")
    for (index, block) in blocks.enumerated() where index % 2 == 1 {
      let language = String(block.prefix { $0 != "\n" })
      let body = block.drop { $0 != "\n" }
      switch language {
      case "json":
        let value = try JSONParser.parse(String(body))
        for object in value.arrayValue ?? [value] {
          guard let members = object.objectValue,
            members["type"] == "arazzo" || members["adapter"] == "arazzo"
          else { continue }
          let editorKeys = configurationKeys.union(["label", "adapter"])
          found.append(("json", members.keys.filter { !editorKeys.contains($0) }))
        }
      case "toml":
        for line in body.split(separator: "\n") where line.hasPrefix("args = {") {
          found.append(("toml", names(in: line.dropFirst("args = {".count), before: " = ")))
        }
      case "lua":
        for line in body.split(separator: "\n") where line.contains("type = 'arazzo'") {
          found.append(
            ("lua", names(in: line, before: " = ").filter { !configurationKeys.contains($0) }))
        }
      case "elisp":
        let keywords = body.split(whereSeparator: { " \n()'".contains($0) }).filter {
          $0.hasPrefix(":")
        }
        found.append(
          (
            "elisp",
            keywords.map { String($0.dropFirst()) }.filter { $0 != "type" && $0 != "request" }
          ))
      default: continue
      }
    }
    return found
  }

  /// The words of `line` directly followed by `separator` (`program` in `{ program = "{0}" }`).
  private static func names(in line: Substring, before separator: String) -> [String] {
    line.components(separatedBy: separator).dropLast().compactMap {
      $0.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).last.map(String.init)
    }
  }

  static func text(_ relative: String) throws -> String {
    try String(contentsOf: editors.appendingPathComponent(relative), encoding: .utf8)
  }

  static func packageManifest() throws -> JSONValue {
    try JSONParser.parse(text("vscode/package.json"))
  }
}

@Suite struct EditorsTests {
  @Test func theVSCodeManifestDeclaresTheDebuggerAndEveryLaunchAttribute() throws {
    #expect(EditorManifest.problems(inPackage: try EditorManifest.packageManifest()) == [])
  }

  /// The checks catch a wrong manifest: a launch attribute dropped, one without a description,
  /// a snippet using an attribute the adapter does not take, `program` no longer required.
  @Test func aWrongManifestIsCaught() throws {
    let manifest = try EditorManifest.packageManifest()
    var text = JSONPrinter.compact(manifest)
    text = text.replacingOccurrences(of: #""loopDelay":"#, with: #""loopDelays":"#)
    text = text.replacingOccurrences(of: #""required":["program"]"#, with: #""required":[]"#)
    text = text.replacingOccurrences(of: #""replay":"^"#, with: #""replayFile":"^"#)
    let broken = try JSONParser.parse(text)
    let problems = EditorManifest.problems(inPackage: broken)
    #expect(problems.contains("launch must require program"))
    #expect(problems.contains("launch attribute 'loopDelay' is not declared"))
    #expect(problems.contains("launch attribute 'loopDelays' is not one the adapter takes"))
    #expect(
      problems.contains("configurationSnippets[0].body uses undeclared attribute 'replayFile'"))
    let undescribed = try JSONParser.parse(
      JSONPrinter.compact(manifest).replacingOccurrences(
        of: #""type":"integer","description":""#, with: #""type":"integer","note":""#))
    #expect(
      EditorManifest.problems(inPackage: undescribed) == [
        "launch attribute 'maxSteps' has no description"
      ])
  }

  @Test func theVSCodeExtensionStartsArazzoDap() throws {
    let script = try EditorManifest.text("vscode/extension.js")
    #expect(script.contains("new vscode.DebugAdapterExecutable(arazzoPath(), ['dap']"))
    #expect(script.contains("registerDebugAdapterDescriptorFactory('arazzo'"))
    #expect(script.contains("registerDebugConfigurationProvider('arazzo'"))
    // Only the `vscode` API: no npm dependency to install.
    let requires = script.components(separatedBy: "require(").dropFirst().map { $0.prefix(9) }
    #expect(requires == ["'vscode')"])
  }

  /// The example launch.json in the extension's README uses only declared attributes.
  @Test func theVSCodeReadmeExampleUsesDeclaredAttributes() throws {
    let readme = try EditorManifest.text("vscode/README.md")
    let start = try #require(readme.range(of: "```json\n"))
    let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
    let launch = try JSONParser.parse(String(readme[start.upperBound..<end.lowerBound]))
    let configurations = try #require(launch["configurations"]?.arrayValue)
    #expect(configurations.count == 2)
    for (index, configuration) in configurations.enumerated() {
      #expect(EditorManifest.problems(in: configuration, at: "configurations[\(index)]") == [])
    }
  }

  /// README's editor snippets (VS Code, Neovim, Helix, dape, Zed, JetBrains) use declared
  /// attributes.
  @Test func theReadmeSnippetsUseDeclaredAttributes() throws {
    let readme = try String(
      contentsOf: TestPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
    let snippets = try EditorManifest.readmeAttributes(readme)
    #expect(Set(snippets.map(\.snippet)) == ["json", "lua", "toml", "elisp"])
    for (snippet, keys) in snippets {
      #expect(keys.contains("program"), "a \(snippet) snippet sets no program")
      let undeclared = keys.filter { !EditorManifest.launchAttributes.contains($0) }
      #expect(undeclared == [], "a \(snippet) snippet uses \(undeclared)")
    }
    let broken = readme.replacingOccurrences(of: ":stopOnEntry t", with: ":stopAtEntry t")
    let elisp = try EditorManifest.readmeAttributes(broken).filter { $0.snippet == "elisp" }
    #expect(elisp.first?.keys.contains("stopAtEntry") == true)
  }

  @Test func theNeovimFileRegistersTheAdapterWithDeclaredAttributes() throws {
    #expect(EditorManifest.problems(inLua: try EditorManifest.text("nvim/arazzo.lua")) == [])
  }

  @Test func aWrongNeovimFileIsCaught() throws {
    let lua = try EditorManifest.text("nvim/arazzo.lua")
    let broken =
      lua
      .replacingOccurrences(of: "args = { 'dap' }", with: "args = { 'debug' }")
      .replacingOccurrences(of: "    stopOnEntry = true,", with: "    stopAtEntry = true,")
    #expect(
      EditorManifest.problems(inLua: broken) == [
        "arazzo.lua lacks args = { 'dap' }",
        "arazzo.lua uses undeclared attribute 'stopAtEntry'",
        "arazzo.lua uses undeclared attribute 'stopAtEntry'",
        "arazzo.lua uses undeclared attribute 'stopAtEntry'",
      ])
  }
}
