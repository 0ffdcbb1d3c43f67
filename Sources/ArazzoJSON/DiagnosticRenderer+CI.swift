import Foundation

/// The forms CI systems read (`validate --format sarif|github`): SARIF 2.1.0 for code-scanning
/// tools, and GitHub Actions workflow commands that annotate a pull request's lines.
extension DiagnosticRenderer {
  /// A SARIF 2.1.0 log of one run over some files: the rules are the whole code table (id,
  /// name, summary, `arazzo explain` as help, default level), each diagnostic a result with
  /// its level, message, region (1-based lines, columns in Unicode code points), notes as
  /// related locations and its fix-it as a fix. Paths are written relative to `directory`
  /// when they lie inside it.
  public static func sarif(
    _ diagnostics: [Diagnostic], toolVersion: String, relativeTo directory: String
  ) -> JSONValue {
    let codes = DiagnosticCode.allCases.sorted()
    var ruleIndex: [DiagnosticCode: Int] = [:]
    for (i, code) in codes.enumerated() { ruleIndex[code] = i }
    let rules: [JSONValue] = codes.map { code in
      var rule = JSONObject()
      rule["id"] = .string(code.rawValue)
      rule["name"] = .string(code.slug)
      rule["shortDescription"] = ["text": .string(code.summary)]
      rule["help"] = [
        "text": .string("\(code.summary) Run `arazzo explain \(code.rawValue)` for more.")
      ]
      rule["defaultConfiguration"] = ["level": .string(level(code.defaultSeverity))]
      return .object(rule)
    }
    let results: [JSONValue] = diagnostics.map { d in
      var result = JSONObject()
      result["ruleId"] = .string(d.code.rawValue)
      result["ruleIndex"] = .integer(ruleIndex[d.code] ?? 0)
      result["level"] = .string(level(d.severity))
      var message = shortened(d.message)
      if let hint = d.hint { message += "\nhint: " + shortened(hint) }
      for note in d.notes where note.span == nil { message += "\nnote: " + shortened(note.message) }
      result["message"] = ["text": .string(message)]
      if let span = d.span {
        result["locations"] = [["physicalLocation": location(span, directory)]]
      }
      let related = d.notes.compactMap { note -> JSONValue? in
        guard let span = note.span else { return nil }
        return [
          "physicalLocation": location(span, directory),
          "message": ["text": .string(shortened(note.message))],
        ]
      }
      if !related.isEmpty { result["relatedLocations"] = .array(related) }
      if let fix = d.fixIt {
        let replacement: JSONValue = [
          "deletedRegion": region(fix.span),
          "insertedContent": ["text": .string(fix.replacement)],
        ]
        let change: JSONValue = [
          "artifactLocation": artifact(fix.span.file.path, directory),
          "replacements": [replacement],
        ]
        result["fixes"] = [
          [
            "description": [
              "text": .string(
                "replace `\(text(under: fix.span))` with `\(shortened(fix.replacement))`")
            ],
            "artifactChanges": [change],
          ]
        ]
      }
      return .object(result)
    }
    let driver: JSONValue = [
      "name": .string("arazzo"),
      "version": .string(toolVersion),
      "informationUri": .string("https://spec.openapis.org/arazzo/v1.0.1"),
      "rules": .array(rules),
    ]
    let run: JSONValue = [
      "tool": ["driver": driver],
      "columnKind": .string("unicodeCodePoints"),
      "results": .array(results),
    ]
    return [
      "$schema": .string("https://json.schemastore.org/sarif-2.1.0.json"),
      "version": .string("2.1.0"),
      "runs": [run],
    ]
  }

  /// One GitHub Actions workflow command (`::error file=…,line=…,col=…,endColumn=…,
  /// title=AZ2004::message`; warnings as `::warning`, notes as `::notice`): the hint and the
  /// notes follow the message on lines of their own. Properties escape `%`, CR, LF, `:` and
  /// `,`, the message `%`, CR and LF, as GitHub's toolkit does; other control characters are
  /// written in JSON's notation, so the log cannot be driven by a document.
  public static func githubCommand(_ d: Diagnostic, relativeTo directory: String) -> String {
    let command: String
    switch d.severity {
    case .error: command = "error"
    case .warning: command = "warning"
    case .note: command = "notice"
    }
    var properties: [String] = []
    if let span = d.span {
      properties.append("file=" + githubProperty(relative(span.file.path, to: directory)))
      properties.append("line=\(span.start.line)")
      properties.append("col=\(span.start.column)")
      properties.append("endColumn=\(span.start.column + span.length)")
    }
    properties.append("title=" + githubProperty(d.code.rawValue))
    var lines = [d.message]
    if let hint = d.hint { lines.append("hint: " + hint) }
    for note in d.notes {
      lines.append("note: " + note.message + (note.span.map { " (\($0.start))" } ?? ""))
    }
    let message = lines.map { githubData(TerminalText.escaped(shortened($0))) }
      .joined(separator: "%0A")
    return "::\(command) \(properties.joined(separator: ","))::\(message)"
  }

  private static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: return "error"
    case .warning: return "warning"
    case .note: return "note"
    }
  }

  private static func location(_ span: SourceSpan, _ directory: String) -> JSONValue {
    [
      "artifactLocation": artifact(span.file.path, directory),
      "region": region(span),
    ]
  }

  private static func artifact(_ path: String, _ directory: String) -> JSONValue {
    ["uri": .string(uri(relative(path, to: directory)))]
  }

  private static func region(_ span: SourceSpan) -> JSONValue {
    [
      "startLine": .integer(span.start.line),
      "startColumn": .integer(span.start.column),
      "endLine": .integer(span.start.line),
      "endColumn": .integer(span.start.column + span.length),
    ]
  }

  /// `path` relative to `directory` when it lies inside it, else as it is.
  static func relative(_ path: String, to directory: String) -> String {
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    if path.hasPrefix("/"), path.hasPrefix(base) { return String(path.dropFirst(base.count)) }
    return path.hasPrefix("./") ? String(path.dropFirst(2)) : path
  }

  /// A path as a URI reference: RFC 3986 unreserved characters and `/` kept, the rest
  /// percent-encoded; an absolute path gets the `file://` scheme.
  static func uri(_ path: String) -> String {
    var out = path.hasPrefix("/") ? "file://" : ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return out
  }

  /// A workflow command's message: `%`, CR and LF escaped.
  static func githubData(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A workflow command's property value: as `githubData`, and `:` and `,` too.
  static func githubProperty(_ text: String) -> String {
    githubData(TerminalText.escaped(text)).replacingOccurrences(of: ":", with: "%3A")
      .replacingOccurrences(of: ",", with: "%2C")
  }
}
