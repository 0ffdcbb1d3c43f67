import ArazzoSyntax
import Foundation

/// `--coverage`: for one OpenAPI description, each operation it declares, whether the run
/// called it, the response codes seen and those declared.
public struct CoverageReport: Sendable {
  /// The description's path (relative to the current folder when inside it).
  public var description: String
  /// The source description names it is known by in the documents tested.
  public var sources: [String]
  public var operations: [OperationCoverage]

  public var calledCount: Int { operations.filter(\.called).count }
}

/// One operation's coverage.
public struct OperationCoverage: Sendable {
  /// Upper case.
  public var method: String
  public var path: String
  public var operationId: String?
  /// The response codes declared (`200`, `4XX`, `default`), as written.
  public var declared: [String]
  /// The status codes responses had, ascending.
  public var seen: [Int]

  public var called: Bool { !seen.isEmpty }
  /// Seen codes no declared response covers (neither exactly, nor as `4XX`, nor `default`).
  public var undeclared: [Int] {
    seen.filter { code in
      !declared.contains { $0 == String(code) || $0 == "default" || $0 == "\(code / 100)XX" }
    }
  }
}

extension CoverageReport {
  /// The coverage of every OpenAPI description the documents name, from the cases' attempts.
  public static func make(_ suite: TestSuite, _ cases: [CaseReport]) -> [CoverageReport] {
    var reports: [CoverageReport] = []
    var locations: [String] = []
    for document in suite.documents {
      guard let sources = document.lowered.report.sources?.sources else { continue }
      for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
        guard let index = source.openapi else { continue }
        let location = index.document.file.path
        if let i = locations.firstIndex(of: location) {
          if !reports[i].sources.contains(name) { reports[i].sources.append(name) }
          continue
        }
        locations.append(location)
        reports.append(
          CoverageReport(
            description: relative(location), sources: [name],
            operations: index.operations.map {
              OperationCoverage(
                method: $0.method.uppercased(), path: $0.pathTemplate, operationId: $0.operationId,
                declared: $0.responses.map(\.status), seen: [])
            }))
      }
    }
    for step in cases.flatMap(\.steps) {
      guard let operation = step.operation, let status = step.attempt.statusCode,
        let i = locations.firstIndex(of: operation.description)
          ?? reports.firstIndex(where: { $0.sources.contains(operation.source) }),
        let j = reports[i].operations.firstIndex(where: {
          $0.method == operation.method.uppercased() && $0.path == operation.path
        })
      else { continue }
      if !reports[i].operations[j].seen.contains(status) {
        reports[i].operations[j].seen.append(status)
        reports[i].operations[j].seen.sort()
      }
    }
    return reports
  }

  /// `path` relative to the current folder when it is inside it.
  static func relative(_ path: String) -> String {
    let here = FileManager.default.currentDirectoryPath
    let prefix = here.hasSuffix("/") ? here : here + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }
}
