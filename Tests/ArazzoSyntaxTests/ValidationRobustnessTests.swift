import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

@testable import ArazzoSyntax

/// The whole pipeline (load, decode, schema, sources, semantic and expression checks) never
/// traps or hangs on damaged documents: truncated, line-mutated and value-mutated variants of the
/// seed and the spec examples. Line-level mutations keep most variants parseable, so they reach
/// the decoder and the validator rather than stopping in the YAML parser.
@Suite struct ValidationRobustnessTests {
  static let inputs: [(path: String, lines: [String])] = {
    let seed = TestPaths.repo(
      "examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml")
    let examples =
      (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.specExamples))?
      .filter { $0.hasSuffix(".arazzo.yaml") || $0 == "bnpl-arazzo.yaml" }.sorted()
      .map { TestPaths.specExamples + "/" + $0 } ?? []
    return ([seed] + examples).compactMap { path in
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
      return (path, text.components(separatedBy: "\n"))
    }
  }()

  /// Scalars that stress every layer: wrong types, broken expressions, templates, conditions.
  static let replacements = [
    "[]", "{}", "null", "~", "42", "-1.5e3", "true", "''", "\"\"", "$", "$steps.",
    "$steps.x.outputs",
    "{$inputs.", "$response.body#", "$response.body#/a~2", "$.a[?@ == ", "$statusCode == ", "(((",
    "'unterminated", "\"{$inputs.x}\"", "$sourceDescriptions..x", "$components.parameters.",
    "'{$sourceDescriptions.dbtAdminApi.url}#/paths'", "!!binary AAAA", "&anchor x", "*nowhere",
    String(repeating: "[", count: 300), "\u{0}", "é😀",
  ]

  @Test func validatorSurvivesDamagedDocuments() {
    var rng = SplitMix(state: 0xBAD_D0C)
    let validator = Validator()
    let start = Date()
    var runs = 0
    for (index, input) in Self.inputs.enumerated() {
      let text = input.lines.joined(separator: "\n")
      let bytes = Array(text.utf8)
      func validate(_ variant: String) {
        if case .success(let loaded) = DocumentLoader.load(text: variant, path: input.path) {
          _ = validator.validate(loaded, path: input.path)
        }
        runs += 1
      }
      // Truncations at line-ish granularity.
      let step = max(11, bytes.count / (index == 0 ? 120 : 30))
      for cut in stride(from: 0, to: bytes.count, by: step) {
        validate(String(decoding: bytes[..<cut], as: UTF8.self))
      }
      for _ in 0..<(index == 0 ? 400 : 50) {
        var lines = input.lines
        for _ in 0...rng.below(3) where lines.count > 2 {
          let at = rng.below(lines.count)
          switch rng.below(5) {
          case 0: lines.remove(at: at)
          case 1: lines.insert(lines[at], at: at)
          case 2: lines.swapAt(at, rng.below(lines.count))
          case 3: lines[at] = "  " + lines[at]
          default:
            // Replace the value after the first ': ' with a troublesome scalar.
            if let colon = lines[at].range(of: ": ") {
              lines[at] =
                lines[at][..<colon.upperBound]
                + Self.replacements[rng.below(Self.replacements.count)]
            }
          }
        }
        validate(lines.joined(separator: "\n"))
      }
    }
    let elapsed = Date().timeIntervalSince(start)
    #expect(runs > 700)
    #expect(elapsed < 60, "\(runs) validations took \(elapsed) s")
  }
}
