import Foundation
import Testing

@testable import ArazzoJSON

/// One case of the JSONPath Compliance Test Suite.
struct JSONPathComplianceCase: Sendable, CustomTestStringConvertible {
  var name: String
  var selector: String
  var document: JSONValue?
  var invalid: Bool
  /// The acceptable results (one for deterministic cases), each with its paths.
  var results: [(values: [JSONValue], paths: [String])]

  var testDescription: String { name }

  /// Nil when the case passes, else what went wrong.
  func failure() -> String? {
    let path: JSONPath
    do {
      path = try JSONPath.parse(selector)
    } catch {
      return invalid ? nil : "unexpected parse error: \(error)"
    }
    if invalid { return "parsed an invalid selector as \(path)" }
    guard let document else { return "case has no document" }
    let nodes: [JSONPathNode]
    do {
      nodes = try path.select(document)
    } catch {
      return "evaluation error: \(error)"
    }
    let values = nodes.map(\.value)
    let paths = nodes.map(\.normalizedPath)
    for expected in results where expected.values == values && expected.paths == paths {
      // The canonical text must parse back to the same query.
      guard let again = try? JSONPath.parse(path.description) else {
        return "description \(path.description) does not parse"
      }
      let againPaths = (try? again.select(document))?.map(\.normalizedPath)
      return againPaths == paths ? nil : "description \(path.description) selects differently"
    }
    return "got \(JSONPrinter.compact(.array(values))) at \(paths)"
  }
}

/// Loads the CTS cases with our own JSON parser.
enum JSONPathCTS {
  static let cases: [JSONPathComplianceCase] = load()

  static func load() -> [JSONPathComplianceCase] {
    guard let text = SharedTestData.text("jsonpath-cts/cts.json"),
      let root = try? JSONParser.parse(text),
      let tests = root["tests"]?.arrayValue
    else { return [] }
    return tests.map { test in
      var results: [(values: [JSONValue], paths: [String])] = []
      if let values = test["result"]?.arrayValue {
        let paths = test["result_paths"]?.arrayValue?.compactMap(\.stringValue) ?? []
        results.append((values, paths))
      }
      if let all = test["results"]?.arrayValue {
        let allPaths = test["results_paths"]?.arrayValue ?? []
        for (i, values) in all.enumerated() {
          let paths = i < allPaths.count ? allPaths[i].arrayValue?.compactMap(\.stringValue) : nil
          results.append((values.arrayValue ?? [], paths ?? []))
        }
      }
      return JSONPathComplianceCase(
        name: test["name"]?.stringValue ?? "?",
        selector: test["selector"]?.stringValue ?? "",
        document: test["document"],
        invalid: test["invalid_selector"]?.boolValue ?? false,
        results: results)
    }
  }
}

@Test(arguments: JSONPathCTS.cases)
func jsonPathComplianceCase(_ testCase: JSONPathComplianceCase) {
  let failure = testCase.failure()
  #expect(failure == nil, "\(testCase.name): \(testCase.selector): \(failure ?? "")")
}

@Test func jsonPathComplianceSuiteAllPass() {
  let cases = JSONPathCTS.cases
  let passed = cases.filter { $0.failure() == nil }.count
  print("JSONPath CTS: \(passed)/\(cases.count)")
  #expect(cases.count == 703)
  #expect(passed == 703)
}
