import ArazzoJSON
import ArazzoRuntime
import ArazzoSyntax
import ArazzoTestSupport
import Foundation

struct FixtureError: Error, CustomStringConvertible {
  var description: String
}

/// A path in the repository.
func repoPath(_ relative: String) -> String {
  TestPaths.root.appendingPathComponent(relative).path
}

/// The dbt Cloud example's OpenAPI index.
func dbtIndex() throws -> OpenAPIIndex {
  let path = repoPath("examples/dbt-cloud/openapi/dbt-cloud-administrative-api-openapi.yml")
  let loaded: LoadedDocument
  switch DocumentLoader.load(path: path) {
  case .success(let doc): loaded = doc
  case .failure(let f): throw FixtureError(description: f.diagnostics.map(\.message).joined())
  }
  guard let index = OpenAPIIndex.build(loaded).index else {
    throw FixtureError(description: "not an OpenAPI description")
  }
  return index
}

/// A declared parameter with a style and explode.
func declared(
  _ name: String, _ location: String, style: String? = nil, explode: Bool? = nil
)
  -> OpenAPIParameter
{
  OpenAPIParameter(
    name: name, location: location, required: false, style: style, explode: explode,
    pointer: JSONPointer(), file: SourceFile(path: "test.yaml", text: ""))
}

/// Parses JSON text in tests.
func json(_ text: String) -> JSONValue {
  (try? JSONParser.parse(text)) ?? .string("<<invalid JSON in test: \(text)>>")
}
