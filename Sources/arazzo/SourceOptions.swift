import ArgumentParser

/// `--source NAME=FILE|URL`, shared by every command that loads source descriptions.
struct SourceOptions: ParsableArguments {
  @Option(
    name: .customLong("source"),
    help: ArgumentHelp(
      "Point a source description at another file or URL.", valueName: "NAME=FILE|URL"))
  var sources: [String] = []

  @Option(
    help: ArgumentHelp(
      "The folder the document may read local files in (default: its git repository).",
      valueName: "DIR"))
  var root: String?

  func validate() throws {
    for source in sources where !source.contains("=") {
      throw ValidationError("--source expects NAME=FILE|URL, got '\(source)'")
    }
  }

  /// The overrides by source name.
  var overrides: [String: String] { pairs(sources) }
}

/// `NAME=VALUE` arguments as a dictionary (the last one of a name wins).
func pairs(_ values: [String]) -> [String: String] {
  var out: [String: String] = [:]
  for value in values {
    let parts = value.split(separator: "=", maxSplits: 1)
    guard let name = parts.first else { continue }
    out[String(name)] = parts.count > 1 ? String(parts[1]) : ""
  }
  return out
}
