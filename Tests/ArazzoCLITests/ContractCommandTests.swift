import ArazzoJSON
import ArazzoTestServer
import ArazzoTestSupport
import Foundation
import Testing

/// `--check` on `run` (contract checks against a loopback server answering off contract) and
/// `validate --format sarif|github`, through the built binary.
@Suite struct ContractCommandTests {
  static let contract = "Tests/ArazzoRuntimeTests/Fixtures/contract.arazzo.yaml"
  static let seed = "examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml"
  static let unknownOperation =
    "Tests/ArazzoSyntaxTests/Fixtures/diagnostics/unknown-operation.arazzo.yaml"

  /// `arazzo run` on the contract fixture's `get-run` against a server answering 500 (which
  /// `getRun` does not declare), with `extra` arguments.
  static func runOffContract(_ extra: [String]) async throws -> CLIResult {
    let server = try await TestServer.start()
    server.route("/runs/7", respond: .text("boom", status: 500))
    let result = try await RunCommandTests.arazzo(
      ["run", contract, "--workflow", "get-run", "--server", "api30=\(server.baseURL)"] + extra)
    await server.shutdown()
    return result
  }

  @Test func runChecksNothingUnlessAsked() async throws {
    let result = try await Self.runOffContract([])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stdout.contains("AZ6001"))
  }

  @Test func aFailedCheckSetToErrorPrintsUnderTheStepAndExitsOne() async throws {
    let result = try await Self.runOffContract(["--check", "all=error"])
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    let step = try #require(lines.firstIndex { $0.hasPrefix("  getRun ") }, "\(lines)")
    #expect(lines.indices.contains(step + 1))
    #expect(
      lines[step + 1]
        == "  error[AZ6001]: step 'getRun': status 500 is not declared by GET /runs/{id} (getRun) (it declares 200, 4XX)"
    )
    // The workflow itself succeeded: checks observe, they never change the run.
    #expect(lines.suffix(2) == ["succeeded", "1 contract check failed"])
  }

  @Test func aWarningCheckDoesNotChangeTheExitStatus() async throws {
    let result = try await Self.runOffContract(["--check", "all=off", "--check", "status=warn"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("  warning[AZ6001]: step 'getRun': status 500"))
  }

  @Test func checksAreInTheJSONReport() async throws {
    let result = try await Self.runOffContract(["--check", "status=error", "--format", "json"])
    #expect(result.status == 1)
    let report = try JSONParser.parse(result.stdout)
    #expect(report["steps"]?[0]?["checks"]?[0]?["code"] == "AZ6001")
    #expect(report["status"] == "succeeded")
  }

  @Test(arguments: ["status", "status=fatal", "bodies=error"])
  func aBadCheckSettingIsAUsageError(setting: String) async throws {
    let result = try await RunCommandTests.arazzo(["run", Self.contract, "--check", setting])
    #expect(result.status == 2)
    #expect(result.stderr.contains("--check"), "\(result.stderr)")
  }

  @Test func debugTakesTheCheckOption() throws {
    let result = try CLI.run(["debug", "--help"])
    #expect(result.stdout.contains("--check <NAME=error|warn|off>"), "\(result.stdout)")
  }

  /// The debugger shows a step's failed checks with its response: at the pause after it, and
  /// by `:response`.
  @Test func debugShowsFailedChecksWithTheResponse() async throws {
    let server = try await TestServer.start()
    server.route("/runs/7", respond: .json(#"{"id":7,"status":5}"#))
    let result = try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(
          with: Result {
            try CLI.run(
              [
                "debug", Self.contract, "--workflow", "get-run", "--server",
                "api30=\(server.baseURL)", "--check", "response-body=warn", "--no-edit",
              ], input: ":step\n:response\n:quit\n")
          })
      }
    }
    await server.shutdown()
    #expect(result.status == 0)
    let line =
      "warning[AZ6003]: step 'getRun': the 200 response body (application/json) does not match its schema: at /status: expected null or string, found integer; value 5; schema #/components/schemas/Run/properties/status/type"
    #expect(result.stdout.components(separatedBy: line).count == 3, "\(result.stdout)")
  }

  // MARK: validate --format sarif|github

  /// The SARIF schema (draft-04) uses only keywords that mean the same in draft 2020-12, which
  /// the project's validator implements; so it can judge the log.
  static func sarifSchema() throws -> JSONSchema {
    let url = CLI.shared.appendingPathComponent("testdata/formats/sarif/sarif-schema-2.1.0.json")
    let schema = try JSONParser.parse(String(contentsOf: url, encoding: .utf8))
    var keywords: Set<String> = []
    func walk(_ value: JSONValue, schema: Bool) {
      switch value {
      case .object(let o):
        for member in o {
          if schema { keywords.insert(member.key) }
          let inside = ["properties", "definitions"].contains(member.key)
          if inside, case .object(let named) = member.value {
            for entry in named { walk(entry.value, schema: true) }
          } else if ["enum", "default", "required"].contains(member.key) {
            continue
          } else {
            walk(member.value, schema: schema)
          }
        }
      case .array(let items): for item in items { walk(item, schema: schema) }
      default: break
      }
    }
    walk(schema, schema: true)
    let sameInBoth: Set<String> = [
      "$schema", "id", "title", "description", "type", "$ref", "default", "properties", "items",
      "uniqueItems", "minItems", "additionalProperties", "required", "minimum", "maximum",
      "pattern",
      "format", "enum", "anyOf", "definitions", "oneOf", "allOf", "not", "maxItems",
      "deprecated",
    ]
    #expect(keywords.subtracting(sameInBoth) == [], "keywords whose meaning changed")
    return try JSONSchema(schema)
  }

  @Test func sarifIsValidAndCarriesRulesLocationsAndFixes() throws {
    let result = try CLI.run(["validate", "--format", "sarif", Self.seed, Self.unknownOperation])
    #expect(result.status == 2)
    let log = try JSONParser.parse(result.stdout)
    let schema = try Self.sarifSchema()
    #expect(schema.validate(log) == [])
    let run = try #require(log["runs"]?[0])
    let rules = try #require(run["tool"]?["driver"]?["rules"]?.arrayValue)
    #expect(rules.count == DiagnosticCode.allCases.count)
    #expect(
      rules.contains {
        $0["id"] == "AZ2026" && $0["help"]?["text"]?.stringValue?.contains("arazzo explain") == true
      })
    let results = try #require(run["results"]?.arrayValue)
    #expect(results.count == 7)
    let quirk = try #require(results.first { $0["ruleId"] == "AZ2026" })
    #expect(quirk["level"] == "warning")
    let location = quirk["locations"]?[0]?["physicalLocation"]
    #expect(location?["artifactLocation"]?["uri"] == .string(Self.seed))
    #expect(location?["region"]?["startLine"] == 53)
    #expect(location?["region"]?["startColumn"] == 27)
    #expect(location?["region"]?["endColumn"] == 40)
    let fix = quirk["fixes"]?[0]?["artifactChanges"]?[0]?["replacements"]?[0]
    #expect(fix?["insertedContent"]?["text"] == "{$inputs.token}")
    #expect(results.contains { $0["ruleId"] == "AZ2004" && $0["level"] == "error" })
    // The validator does judge: a log with a level SARIF does not have is refused.
    let broken = try JSONParser.parse(
      result.stdout.replacingOccurrences(of: #""level" : "warning""#, with: #""level" : "fatal""#)
        .replacingOccurrences(of: #""level": "warning""#, with: #""level": "fatal""#))
    #expect(schema.validate(broken) != [])
  }

  @Test func githubPrintsAWorkflowCommandPerDiagnostic() throws {
    let result = try CLI.run(["validate", "--format", "github", Self.seed, Self.unknownOperation])
    #expect(result.status == 2)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 7)
    #expect(lines.allSatisfy { $0.hasPrefix("::warning ") || $0.hasPrefix("::error ") })
    #expect(
      lines.contains {
        $0.hasPrefix("::warning file=\(Self.seed),line=53,col=27,endColumn=40,title=AZ2026::")
      }, "\(lines)")
    #expect(lines.contains { $0.hasPrefix("::error file=\(Self.unknownOperation),") })
    // The hint and fix-it texts ride on the same line, their line breaks escaped.
    #expect(lines.contains { $0.contains("%0Ahint: ") })
  }
}
