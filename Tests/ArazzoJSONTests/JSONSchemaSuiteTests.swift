import ArazzoJSON
import Foundation
import Testing

/// Core draft 2020-12 files we knowingly do not pass, with the reason. Empty is the goal.
private let skipped: [String: String] = [:]

@Test(arguments: SchemaTestSupport.suiteFiles(""))
func jsonSchemaSuiteFile(_ file: String) {
  let result = SchemaTestSupport.run(file)
  #expect(result.total > 0, "no tests found in \(file)")
  if let reason = skipped[file] {
    print("skipped \(file) (\(result.passed)/\(result.total)): \(reason)")
    return
  }
  for failure in result.failures { Issue.record("\(file): \(failure)") }
}

@Test func jsonSchemaSuiteSummary() {
  let files = SchemaTestSupport.suiteFiles("")
  #expect(
    files.count >= 40, "the draft2020-12 suite was not found under \(SchemaTestSupport.suite.path)")
  var passed = 0
  var total = 0
  for file in files {
    let result = SchemaTestSupport.run(file)
    passed += result.passed
    total += result.total
  }
  print("JSON Schema suite: \(passed)/\(total) tests passed")
}

/// `optional/` is informational: it prints per-file counts and never fails.
@Test func jsonSchemaSuiteOptional() {
  var passed = 0
  var total = 0
  for file in SchemaTestSupport.suiteFiles("optional") {
    let result = SchemaTestSupport.run(file)
    passed += result.passed
    total += result.total
    print("optional \(file): \(result.passed)/\(result.total)")
    if ProcessInfo.processInfo.environment["ARAZZO_SCHEMA_VERBOSE"] != nil {
      for failure in result.failures { print("  \(failure)") }
    }
  }
  print("JSON Schema suite (optional): \(passed)/\(total) tests passed")
}
