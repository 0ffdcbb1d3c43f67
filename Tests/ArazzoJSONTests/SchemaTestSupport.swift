import ArazzoJSON
import Foundation

/// Locates shared test data and fixtures, and runs JSON Schema Test Suite files.
enum SchemaTestSupport {
  /// `<package root>/../shared`, or `$ARAZZO_SHARED`.
  static let shared: URL = {
    if let path = ProcessInfo.processInfo.environment["ARAZZO_SHARED"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
  }()

  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static let suite = shared.appendingPathComponent("testdata/json-schema-test-suite")

  static func load(_ url: URL) throws -> JSONValue {
    try JSONParser.parse(String(decoding: try Data(contentsOf: url), as: UTF8.self))
  }

  /// The suite's `remotes/` folder, keyed as `http://localhost:1234/<path>`.
  static let remotes: [String: JSONValue] = {
    let root = suite.appendingPathComponent("remotes")
    var out: [String: JSONValue] = [:]
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    else { return out }
    for case let url as URL in walker where url.pathExtension == "json" {
      let relative = url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)
      if let value = try? load(url) { out["http://localhost:1234/" + relative] = value }
    }
    return out
  }()

  /// The `.json` files directly in `folder` of the draft 2020-12 suite, sorted.
  static func suiteFiles(_ folder: String) -> [String] {
    let dir = suite.appendingPathComponent("draft2020-12").appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted().map {
      folder.isEmpty ? $0 : folder + "/" + $0
    }
  }

  /// Outcome of one suite file: counts and a line per failed case.
  struct FileResult {
    var passed = 0
    var total = 0
    var failures: [String] = []
  }

  /// Runs every case of one suite file; `isValid` and `validate` must both agree with the suite.
  static func run(_ file: String) -> FileResult {
    var result = FileResult()
    let url = suite.appendingPathComponent("draft2020-12").appendingPathComponent(file)
    guard case .array(let groups)? = try? load(url) else {
      result.failures.append("\(file): cannot load")
      return result
    }
    for group in groups {
      let description = group["description"]?.stringValue ?? "?"
      let tests = group["tests"]?.arrayValue ?? []
      let schema: JSONSchema
      do {
        schema = try JSONSchema(group["schema"] ?? true, registry: remotes)
      } catch {
        result.total += tests.count
        result.failures.append("\(description): schema did not compile: \(error.message)")
        continue
      }
      for test in tests {
        result.total += 1
        let instance = test["data"] ?? .null
        let expected = test["valid"]?.boolValue ?? false
        let fast = schema.isValid(instance)
        let violations = schema.validate(instance)
        if fast == expected && violations.isEmpty == expected {
          result.passed += 1
        } else {
          let name = test["description"]?.stringValue ?? "?"
          result.failures.append(
            "\(description) / \(name): expected \(expected ? "valid" : "invalid"), isValid=\(fast), "
              + "violations=\(violations.map(\.description))")
        }
      }
    }
    return result
  }
}
