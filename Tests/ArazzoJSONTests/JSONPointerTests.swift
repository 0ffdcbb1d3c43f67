import Testing

@testable import ArazzoJSON

/// One case from `json-pointer/rfc6901-cases.json`.
struct JSONPointerCase: Sendable, CustomTestStringConvertible {
  enum Expectation: Sendable {
    case value(JSONValue)
    case syntaxError
    case evaluationError
  }

  var pointer: String
  var isURIFragment: Bool
  var document: JSONValue
  var expectation: Expectation
  var group: String

  var testDescription: String { "\(group): \(pointer.isEmpty ? "(empty)" : pointer)" }

  /// Nil when the case passes, else what went wrong.
  func failure() -> String? {
    let parsed: JSONPointer
    do {
      parsed =
        isURIFragment ? try JSONPointer(uriFragment: pointer) : try JSONPointer(parsing: pointer)
    } catch {
      if case .syntaxError = expectation { return nil }
      return "unexpected syntax error: \(error)"
    }
    let resolved: JSONValue
    do {
      resolved = try parsed.resolve(in: document)
    } catch {
      if case .evaluationError = expectation { return nil }
      return "unexpected evaluation error: \(error)"
    }
    switch expectation {
    case .value(let expected):
      return resolved == expected ? nil : "got \(JSONPrinter.compact(resolved))"
    case .syntaxError: return "expected a syntax error, resolved to \(resolved)"
    case .evaluationError: return "expected an evaluation error, resolved to \(resolved)"
    }
  }
}

/// Loads the RFC 6901 cases with our own JSON parser.
enum JSONPointerCases {
  static let all: [JSONPointerCase] = load()

  static func load() -> [JSONPointerCase] {
    guard let text = SharedTestData.text("json-pointer/rfc6901-cases.json"),
      let root = try? JSONParser.parse(text),
      let documents = root["documents"],
      let tests = root["tests"]?.arrayValue
    else { return [] }
    return tests.compactMap { test in
      guard let pointer = test["pointer"]?.stringValue,
        let name = test["document"]?.stringValue,
        let document = documents[name]
      else { return nil }
      let expectation: JSONPointerCase.Expectation
      if test["resultIsWholeDocument"]?.boolValue == true {
        expectation = .value(document)
      } else if let result = test["result"] {
        expectation = .value(result)
      } else if test["error"]?.stringValue == "syntax" {
        expectation = .syntaxError
      } else {
        expectation = .evaluationError
      }
      return JSONPointerCase(
        pointer: pointer,
        isURIFragment: test["representation"]?.stringValue == "uri-fragment",
        document: document,
        expectation: expectation,
        group: test["group"]?.stringValue ?? "")
    }
  }
}

@Test(arguments: JSONPointerCases.all)
func jsonPointerCase(_ testCase: JSONPointerCase) {
  let failure = testCase.failure()
  #expect(failure == nil, "\(testCase.testDescription): \(failure ?? "")")
}

@Test func jsonPointerCasesAllLoaded() {
  #expect(JSONPointerCases.all.count == 40)
  #expect(JSONPointerCases.all.allSatisfy { $0.failure() == nil })
}

@Test func jsonPointerSplitsOnScalarsNotCharacters() throws {
  let pointer = try JSONPointer(parsing: "/\u{301}x")
  #expect(pointer.tokens == ["\u{301}x"])
}
