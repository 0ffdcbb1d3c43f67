import ArazzoJSON
import Foundation
import Testing

/// Every example under `examples/` that has recordings: the document validates, and each
/// recording replays offline to a succeeded run with outputs. A recording's inputs come from
/// `<recording>.inputs.json` beside it (passed as `--inputs`).
@Suite struct ExamplesTests {
  struct Recording: CustomStringConvertible, Sendable {
    var document: String
    var har: String
    var inputs: String?
    var description: String { har }
  }

  /// `examples/*/arazzo/*.arazzo.yaml` with `examples/*/recordings/*.har`, relative to the root.
  static let documents: [(document: String, recordings: [String])] = {
    let fm = FileManager.default
    let examples = CLI.root.appendingPathComponent("examples")
    var out: [(String, [String])] = []
    for name in ((try? fm.contentsOfDirectory(atPath: examples.path)) ?? []).sorted() {
      let folder = "examples/\(name)"
      let docs =
        ((try? fm.contentsOfDirectory(
          atPath: CLI.root.appendingPathComponent("\(folder)/arazzo").path)) ?? [])
        .filter { $0.hasSuffix(".arazzo.yaml") }.sorted()
      let hars =
        ((try? fm.contentsOfDirectory(
          atPath: CLI.root.appendingPathComponent("\(folder)/recordings").path)) ?? [])
        .filter { $0.hasSuffix(".har") }.sorted()
      guard !hars.isEmpty else { continue }
      for doc in docs {
        out.append(("\(folder)/arazzo/\(doc)", hars.map { "\(folder)/recordings/\($0)" }))
      }
    }
    return out
  }()

  static let recordings: [Recording] = documents.flatMap { entry in
    entry.recordings.map { har in
      let inputs = String(har.dropLast(".har".count)) + ".inputs.json"
      let exists = FileManager.default.fileExists(
        atPath: CLI.root.appendingPathComponent(inputs).path)
      return Recording(document: entry.document, har: har, inputs: exists ? inputs : nil)
    }
  }

  @Test func examplesWithRecordingsAreFound() {
    let names = Set(Self.documents.map(\.document))
    #expect(names.contains("examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml"))
    #expect(names.contains("examples/petshop/arazzo/petshop.arazzo.yaml"))
  }

  @Test(arguments: documents.map(\.document))
  func validates(_ document: String) throws {
    let result = try CLI.run(["validate", document])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
  }

  @Test(arguments: recordings)
  func replays(_ recording: Recording) throws {
    var arguments = ["run", recording.document, "--replay", recording.har, "--format", "json"]
    if let inputs = recording.inputs { arguments += ["--inputs", inputs] }
    let result = try CLI.run(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    let json = try JSONParser.parse(result.stdout)
    #expect(json["status"] == .string("succeeded"), "\(result.stdout)")
    let outputs = json["outputs"]?.objectValue?.members ?? []
    #expect(!outputs.isEmpty, "no outputs: \(result.stdout)")
    #expect(outputs.contains { $0.value != .null }, "every output is null: \(result.stdout)")
  }

  /// The petshop example's outputs, exactly: the goto loop ended on the last page, the retry
  /// got the order through, and the sub-workflow's outputs came back through `$outputs`.
  @Test func petshopReplayOutputs() throws {
    let result = try CLI.run([
      "run", "examples/petshop/arazzo/petshop.arazzo.yaml",
      "--replay", "examples/petshop/recordings/adopt.har",
      "--inputs", "examples/petshop/recordings/adopt.inputs.json", "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try JSONParser.parse(result.stdout)
    let outputs = json["outputs"]
    #expect(outputs?["shopVersion"] == .string("1.4.2"))
    #expect(outputs?["pet"] == .string("Salem"))
    #expect(outputs?["orderId"] == .string("o-1001"))
    #expect(outputs?["orderStatus"] == .string("confirmed"))
    #expect(outputs?["lastPage"]?[0]?["id"] == .integer(7))
    #expect(!result.stdout.contains("wonderland"), "the password leaked")
  }
}
