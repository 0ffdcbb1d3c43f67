import Foundation

extension TemporaryFolder {
  /// Writes `wf.arazzo.yaml` into the folder: one workflow whose step calls an operation of a
  /// source description (`./missing-openapi.yaml`) that does not exist. The document's path.
  public func writeMissingSourceDocument() throws -> String {
    let path = appending("wf.arazzo.yaml")
    try """
    arazzo: 1.0.1
    info: {title: t, version: '1'}
    sourceDescriptions:
      - name: api
        url: ./missing-openapi.yaml
        type: openapi
    workflows:
      - workflowId: w
        steps:
          - stepId: s
            operationId: getThing
            successCriteria:
              - condition: $statusCode == 200
    """.write(to: path, atomically: true, encoding: .utf8)
    return path.path
  }
}
