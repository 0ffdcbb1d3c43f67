import ArazzoJSON
import ArazzoSyntax
import Testing

@testable import ArazzoRuntime

@Suite struct RequestBuilderTests {
  // MARK: The seed's three dbt Cloud operations

  struct DbtCase: Sendable, CustomStringConvertible {
    var operationId: String
    var parameters: [RequestParameter]
    var body: EvaluatedBody?
    var method: String
    var url: String
    var headers: [PreparedRequest.Header]
    var bodyText: String?
    var description: String { operationId }
  }

  static let auth = RequestParameter(name: "Authorization", location: .header, value: "Bearer T")

  static let dbtCases: [DbtCase] = [
    DbtCase(
      operationId: "triggerJobRun",
      parameters: [
        auth, .init(name: "accountId", location: .path, value: 1),
        .init(name: "jobId", location: .path, value: 2),
      ],
      body: EvaluatedBody(
        contentType: "application/json", payload: ["cause": "Triggered via Arazzo workflow"]),
      method: "POST", url: "https://cloud.getdbt.com/api/v2/accounts/1/jobs/2/run/",
      headers: [
        .init(name: "Authorization", value: "Bearer T"),
        .init(name: "Content-Type", value: "application/json"),
      ],
      bodyText: #"{"cause":"Triggered via Arazzo workflow"}"#),
    DbtCase(
      operationId: "getRun",
      parameters: [
        auth, .init(name: "accountId", location: .path, value: 1),
        .init(name: "runId", location: .path, value: 70_403_103_934_131),
      ],
      method: "GET", url: "https://cloud.getdbt.com/api/v2/accounts/1/runs/70403103934131/",
      headers: [.init(name: "Authorization", value: "Bearer T")]),
    DbtCase(
      operationId: "listRunArtifacts",
      parameters: [
        auth, .init(name: "accountId", location: .path, value: 1),
        .init(name: "runId", location: .path, value: 3),
      ],
      method: "GET", url: "https://cloud.getdbt.com/api/v2/accounts/1/runs/3/artifacts/",
      headers: [.init(name: "Authorization", value: "Bearer T")]),
  ]

  @Test(arguments: dbtCases)
  func dbtOperations(_ c: DbtCase) throws {
    let index = try dbtIndex()
    let operation = try #require(index.operation(id: c.operationId))
    let request = try RequestBuilder.build(
      operation: RequestOperation(operation, sourceName: "dbtAdminApi"), parameters: c.parameters,
      body: c.body)
    #expect(request.method == c.method)
    #expect(request.url == c.url)
    #expect(request.headers == c.headers)
    #expect(request.bodyText == c.bodyText)
    #expect(request.warnings == [])
  }

  @Test func dbtBodyWithoutContentTypeUsesTheOperationsOnlyMediaType() throws {
    let operation = try #require(try dbtIndex().operation(id: "triggerJobRun"))
    let request = try RequestBuilder.build(
      operation: RequestOperation(operation),
      parameters: [
        .init(name: "accountId", location: .path, value: 1),
        .init(name: "jobId", location: .path, value: 2),
      ], body: EvaluatedBody(payload: ["cause": "x"]))
    #expect(request.contentType == "application/json")
  }

  @Test func dbtServerOverride() throws {
    let operation = try #require(try dbtIndex().operation(id: "getRun"))
    let request = try RequestBuilder.build(
      operation: RequestOperation(operation),
      parameters: [
        .init(name: "accountId", location: .path, value: 1),
        .init(name: "runId", location: .path, value: 5),
      ], serverOverride: "http://127.0.0.1:8080/")
    #expect(request.url == "http://127.0.0.1:8080/api/v2/accounts/1/runs/5/")
    #expect(request.warnings == [])
  }

  // MARK: Servers

  struct ServerCase: Sendable, CustomStringConvertible {
    var servers: [OpenAPIServer]
    var documentURL: String?
    var override: String?
    var path: String
    var expected: String
    var description: String { expected }
  }

  static let serverCases: [ServerCase] = [
    ServerCase(
      servers: [.init(url: "https://api.example.com/v1/")], path: "/pets",
      expected: "https://api.example.com/v1/pets"),
    ServerCase(
      servers: [.init(url: "https://api.example.com/v1")], path: "/pets",
      expected: "https://api.example.com/v1/pets"),
    ServerCase(
      servers: [.init(url: "https://api.example.com")], path: "pets",
      expected: "https://api.example.com/pets"),
    ServerCase(
      servers: [.init(url: "https://api.example.com/")], path: "/",
      expected: "https://api.example.com/"),
    ServerCase(
      servers: [
        .init(
          url: "https://{region}.example.com:{port}/{base}",
          variables: [
            .init(name: "region", defaultValue: "eu"), .init(name: "port", defaultValue: "8443"),
            .init(name: "base", defaultValue: "v2"),
          ]),
        .init(url: "https://second.example.com"),
      ], path: "/pets", expected: "https://eu.example.com:8443/v2/pets"),
    ServerCase(
      servers: [.init(url: "/v1")], documentURL: "https://example.com/specs/openapi.yaml",
      path: "/pets", expected: "https://example.com/v1/pets"),
    ServerCase(
      servers: [.init(url: "v1/")], documentURL: "https://example.com/specs/openapi.yaml",
      path: "/pets", expected: "https://example.com/specs/v1/pets"),
    ServerCase(
      servers: [], documentURL: "http://localhost:3000/openapi.json", path: "/pets",
      expected: "http://localhost:3000/pets"),
    ServerCase(
      servers: [.init(url: "https://api.example.com")], override: "http://localhost:9/base//",
      path: "/pets", expected: "http://localhost:9/base/pets"),
  ]

  @Test(arguments: serverCases)
  func servers(_ c: ServerCase) throws {
    let operation = RequestOperation(
      method: "get", pathTemplate: c.path, servers: c.servers, documentURL: c.documentURL)
    let request = try RequestBuilder.build(
      operation: operation, parameters: [], serverOverride: c.override)
    #expect(request.url == c.expected)
  }

  @Test func relativeServerWithoutHTTPDocumentIsAnError() {
    let operation = RequestOperation(
      method: "get", pathTemplate: "/pets", servers: [.init(url: "/v1")],
      documentURL: "/home/me/openapi.yaml", sourceName: "petstore")
    #expect(throws: RequestBuildError.relativeServerURL(url: "/v1", source: "'petstore'")) {
      try RequestBuilder.build(operation: operation, parameters: [])
    }
    let message = RequestBuildError.relativeServerURL(url: "/v1", source: "'petstore'").description
    #expect(message.contains("'/v1'") && message.contains("'petstore'"))
  }

  @Test func serverVariablesCanBeOverridden() throws {
    let operation = RequestOperation(
      method: "get", pathTemplate: "/x",
      servers: [
        .init(
          url: "https://{region}.example.com",
          variables: [.init(name: "region", defaultValue: "eu")])
      ])
    let request = try RequestBuilder.build(
      operation: operation, parameters: [], serverVariables: ["region": "us"])
    #expect(request.url == "https://us.example.com/x")
  }

  @Test func overrideMustBeAbsolute() {
    let operation = RequestOperation(method: "get", pathTemplate: "/x")
    let error = #expect(throws: RequestBuildError.self) {
      try RequestBuilder.build(
        operation: operation, parameters: [], serverOverride: "localhost:8080")
    }
    #expect(
      error?.description
        == "server URL 'localhost:8080' is not usable: a server override must be an absolute http(s) URL"
    )
  }

  @Test func nonHTTPServerIsAnError() {
    let operation = RequestOperation(
      method: "get", pathTemplate: "/x", servers: [.init(url: "ftp://h/")])
    #expect(throws: RequestBuildError.self) {
      try RequestBuilder.build(operation: operation, parameters: [])
    }
  }

  // MARK: Path

  @Test func missingPathParameterNamesIt() {
    let operation = RequestOperation(
      method: "get", pathTemplate: "/a/{accountId}/runs/{runId}",
      servers: [.init(url: "https://h")])
    let error = #expect(throws: RequestBuildError.self) {
      try RequestBuilder.build(
        operation: operation, parameters: [.init(name: "accountId", location: .path, value: 1)])
    }
    #expect(
      error == .missingPathParameter(name: "runId", pathTemplate: "/a/{accountId}/runs/{runId}"))
    #expect(
      error?.description == "path parameter 'runId' of '/a/{accountId}/runs/{runId}' has no value")
  }

  struct EncodingCase: Sendable, CustomStringConvertible {
    var value: JSONValue
    var path: String
    var description: String { path }
  }

  static let pathEncodingCases: [EncodingCase] = [
    EncodingCase(value: "a b/c?d#e", path: "/items/a%20b%2Fc%3Fd%23e"),
    EncodingCase(value: "Ünïcode-._~", path: "/items/%C3%9Cn%C3%AFcode-._~"),
    EncodingCase(value: "100%", path: "/items/100%25"),
    EncodingCase(value: 1.5, path: "/items/1.5"),
    EncodingCase(value: 2.0, path: "/items/2"),
    EncodingCase(value: true, path: "/items/true"),
    EncodingCase(value: ["a,b", "c"], path: "/items/a%2Cb,c"),
  ]

  @Test(arguments: pathEncodingCases)
  func pathValuesArePercentEncoded(_ c: EncodingCase) throws {
    let operation = RequestOperation(
      method: "get", pathTemplate: "/items/{id}", servers: [.init(url: "https://h")])
    let request = try RequestBuilder.build(
      operation: operation, parameters: [.init(name: "id", location: .path, value: c.value)])
    #expect(request.url == "https://h" + c.path)
  }

  // MARK: The OpenAPI style examples table (OpenAPI 3.1.1 §4.8.12.4), for `color`

  struct StyleCase: Sendable, CustomStringConvertible {
    var style: String
    var explode: Bool
    var empty: String?
    var string: String?
    var array: String?
    var object: String?
    var description: String { "\(style) explode=\(explode)" }
  }

  static let styleTable: [StyleCase] = [
    StyleCase(
      style: "matrix", explode: false, empty: ";color", string: ";color=blue",
      array: ";color=blue,black,brown", object: ";color=R,100,G,200,B,150"),
    StyleCase(
      style: "matrix", explode: true, empty: ";color", string: ";color=blue",
      array: ";color=blue;color=black;color=brown", object: ";R=100;G=200;B=150"),
    StyleCase(
      style: "label", explode: false, empty: ".", string: ".blue", array: ".blue,black,brown",
      object: ".R,100,G,200,B,150"),
    StyleCase(
      style: "label", explode: true, empty: ".", string: ".blue", array: ".blue.black.brown",
      object: ".R=100.G=200.B=150"),
    StyleCase(
      style: "simple", explode: false, empty: "", string: "blue", array: "blue,black,brown",
      object: "R,100,G,200,B,150"),
    StyleCase(
      style: "simple", explode: true, empty: "", string: "blue", array: "blue,black,brown",
      object: "R=100,G=200,B=150"),
    StyleCase(
      style: "form", explode: false, empty: "color=", string: "color=blue",
      array: "color=blue,black,brown", object: "color=R,100,G,200,B,150"),
    StyleCase(
      style: "form", explode: true, empty: "color=", string: "color=blue",
      array: "color=blue&color=black&color=brown", object: "R=100&G=200&B=150"),
    StyleCase(
      style: "spaceDelimited", explode: false, array: "color=blue%20black%20brown",
      object: "color=R%20100%20G%20200%20B%20150"),
    StyleCase(
      style: "pipeDelimited", explode: false, array: "color=blue%7Cblack%7Cbrown",
      object: "color=R%7C100%7CG%7C200%7CB%7C150"),
    StyleCase(
      style: "deepObject", explode: true,
      object: "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"),
  ]

  static let colorValues: [(String, JSONValue)] = [
    ("empty", ""), ("string", "blue"), ("array", ["blue", "black", "brown"]),
    ("object", ["R": 100, "G": 200, "B": 150]),
  ]

  @Test(arguments: styleTable)
  func styleExamples(_ c: StyleCase) throws {
    let isPath = ["matrix", "label", "simple"].contains(c.style)
    let location: ParameterLocation = isPath ? .path : .query
    let operation = RequestOperation(
      method: "get", pathTemplate: isPath ? "/c/{color}" : "/c", servers: [.init(url: "https://h")],
      parameters: [declared("color", location.rawValue, style: c.style, explode: c.explode)])
    let expected = [c.empty, c.string, c.array, c.object]
    for ((kind, value), want) in zip(Self.colorValues, expected) {
      guard let want else { continue }
      let request = try RequestBuilder.build(
        operation: operation, parameters: [.init(name: "color", location: location, value: value)])
      let got =
        isPath
        ? String(request.url.dropFirst("https://h/c/".count))
        : String(request.url.dropFirst("https://h/c?".count))
      #expect(got == want, "\(c) \(kind)")
    }
  }

  @Test func simpleStyleHeadersFollowTheTable() throws {
    for (explode, object) in [(false, "R,100,G,200,B,150"), (true, "R=100,G=200,B=150")] {
      let operation = RequestOperation(
        method: "get", pathTemplate: "/", servers: [.init(url: "https://h")],
        parameters: [declared("X-Color", "header", style: "simple", explode: explode)])
      let cases: [(JSONValue, String)] = [
        ("blue", "blue"), (["blue", "black", "brown"], "blue,black,brown"),
        (["R": 100, "G": 200, "B": 150], object),
      ]
      for (value, want) in cases {
        let request = try RequestBuilder.build(
          operation: operation,
          parameters: [.init(name: "x-color", location: .header, value: value)])
        #expect(request.header("X-Color") == want)
      }
    }
  }

  // MARK: Query

  struct QueryCase: Sendable, CustomStringConvertible {
    var parameters: [RequestParameter]
    var query: String
    var description: String { query }
  }

  static let queryCases: [QueryCase] = [
    QueryCase(
      parameters: [.init(name: "q", location: .query, value: "a b&c=d+e")],
      query: "?q=a%20b%26c%3Dd%2Be"),
    QueryCase(
      parameters: [
        .init(name: "limit", location: .query, value: 10),
        .init(name: "offset", location: .query, value: 0),
      ], query: "?limit=10&offset=0"),
    QueryCase(
      parameters: [.init(name: "tag", location: .query, value: ["a", "b"])], query: "?tag=a&tag=b"),
    QueryCase(
      parameters: [
        .init(name: "gone", location: .query, value: nil),
        .init(name: "x", location: .query, value: false),
      ], query: "?x=false"),
    QueryCase(parameters: [.init(name: "emptyList", location: .query, value: [])], query: ""),
    QueryCase(
      parameters: [.init(name: "filter", location: .query, value: ["nested": ["a": 1]])],
      query: "?nested=%7B%22a%22%3A1%7D"),
    QueryCase(
      parameters: [.init(name: "ignored", location: .querystring, value: "?a=1&b=two")],
      query: "?a=1&b=two"),
    QueryCase(
      parameters: [
        .init(name: "p", location: .query, value: 1),
        .init(name: "qs", location: .querystring, value: ["x y": "1&2"]),
      ], query: "?p=1&x+y=1%262"),
  ]

  @Test(arguments: queryCases)
  func queries(_ c: QueryCase) throws {
    let operation = RequestOperation(
      method: "get", pathTemplate: "/s", servers: [.init(url: "https://h")])
    let request = try RequestBuilder.build(operation: operation, parameters: c.parameters)
    #expect(request.url == "https://h/s" + c.query)
  }

  @Test func undeclaredParametersAreSentWithAWarning() throws {
    let operation = RequestOperation(
      method: "get", pathTemplate: "/s", servers: [.init(url: "https://h")],
      parameters: [declared("known", "query")])
    let request = try RequestBuilder.build(
      operation: operation,
      parameters: [
        .init(name: "known", location: .query, value: 1),
        .init(name: "extra", location: .query, value: 2),
      ])
    #expect(request.url == "https://h/s?known=1&extra=2")
    #expect(
      request.warnings == ["query parameter 'extra' is not declared by the operation; sent anyway"])
  }

  @Test func deepObjectNeedsAnObject() {
    let operation = RequestOperation(
      method: "get", pathTemplate: "/s", servers: [.init(url: "https://h")],
      parameters: [declared("filter", "query", style: "deepObject", explode: true)])
    let error = #expect(throws: RequestBuildError.self) {
      try RequestBuilder.build(
        operation: operation, parameters: [.init(name: "filter", location: .query, value: [1])])
    }
    #expect(
      error?.description
        == "query parameter 'filter': style 'deepObject' needs an object value, got array")
  }

  struct StyleErrorCase: Sendable, CustomStringConvertible {
    var location: String
    var style: String
    var message: String
    var description: String { "\(location) \(style)" }
  }

  @Test(arguments: [
    StyleErrorCase(
      location: "path", style: "form",
      message: "path parameter 'v': style 'form' is for query parameters, not path parameters"),
    StyleErrorCase(
      location: "query", style: "matrix",
      message: "query parameter 'v': style 'matrix' is for path parameters, not query parameters"),
    StyleErrorCase(
      location: "query", style: "diagonal",
      message: "query parameter 'v': unknown style 'diagonal' in the OpenAPI description"),
  ])
  func styleErrors(_ c: StyleErrorCase) {
    let location = ParameterLocation(rawValue: c.location) ?? .query
    let operation = RequestOperation(
      method: "get", pathTemplate: location == .path ? "/{v}" : "/",
      servers: [.init(url: "https://h")],
      parameters: [declared("v", c.location, style: c.style)])
    let error = #expect(throws: RequestBuildError.self) {
      try RequestBuilder.build(
        operation: operation, parameters: [.init(name: "v", location: location, value: 1)])
    }
    #expect(error?.description == c.message)
  }

  // MARK: Headers and cookies

  @Test func lastHeaderDefinitionWinsAndCookiesMerge() throws {
    let operation = RequestOperation(
      method: "get", pathTemplate: "/", servers: [.init(url: "https://h")])
    let request = try RequestBuilder.build(
      operation: operation,
      parameters: [
        .init(name: "X-Trace", location: .header, value: "1"),
        .init(name: "Accept", location: .header, value: "text/plain"),
        .init(name: "session", location: .cookie, value: "abc=="),
        .init(name: "x-trace", location: .header, value: 2),
        .init(name: "theme", location: .cookie, value: "dark mode"),
        .init(name: "ids", location: .cookie, value: [1, 2]),
        .init(name: "nothing", location: .header, value: nil),
      ])
    #expect(
      request.headers == [
        .init(name: "x-trace", value: "2"), .init(name: "Accept", value: "text/plain"),
        .init(name: "Cookie", value: "session=abc==; theme=dark%20mode; ids=1; ids=2"),
      ])
  }

  @Test func cookiesNotExplodedAreCommaJoined() throws {
    let operation = RequestOperation(
      method: "get", pathTemplate: "/", servers: [.init(url: "https://h")],
      parameters: [declared("ids", "cookie", explode: false)])
    let request = try RequestBuilder.build(
      operation: operation, parameters: [.init(name: "ids", location: .cookie, value: [1, 2])])
    #expect(request.header("cookie") == "ids=1,2")
  }

  @Test func headerInjectionIsRefused() {
    let operation = RequestOperation(
      method: "get", pathTemplate: "/", servers: [.init(url: "https://h")])
    #expect(
      throws: RequestBuildError.invalidHeader(
        name: "X-A", reason: "the value contains a line break or NUL")
    ) {
      try RequestBuilder.build(
        operation: operation,
        parameters: [.init(name: "X-A", location: .header, value: "a\r\nEvil: 1")])
    }
    #expect(
      throws: RequestBuildError.invalidHeader(name: "Bad Name", reason: "not a valid header name")
    ) {
      try RequestBuilder.build(
        operation: operation, parameters: [.init(name: "Bad Name", location: .header, value: "1")])
    }
    #expect(
      throws: RequestBuildError.unsupportedParameterValue(
        name: "a;b", location: "cookie", reason: "not a valid cookie name")
    ) {
      try RequestBuilder.build(
        operation: operation, parameters: [.init(name: "a;b", location: .cookie, value: "1")])
    }
  }

  @Test func contentTypeHeaderChoosesTheSerialisationWhenTheBodyHasNone() throws {
    let operation = RequestOperation(
      method: "post", pathTemplate: "/", servers: [.init(url: "https://h")],
      requestContentTypes: ["application/json"])
    let request = try RequestBuilder.build(
      operation: operation,
      parameters: [
        .init(name: "Content-Type", location: .header, value: "application/x-www-form-urlencoded")
      ],
      body: EvaluatedBody(payload: ["a": "b c"]))
    #expect(request.bodyText == "a=b+c")
  }

  @Test func explicitContentTypeHeaderWins() throws {
    let operation = RequestOperation(
      method: "post", pathTemplate: "/", servers: [.init(url: "https://h")])
    let request = try RequestBuilder.build(
      operation: operation,
      parameters: [.init(name: "content-type", location: .header, value: "application/vnd.x+json")],
      body: EvaluatedBody(contentType: "application/json", payload: ["a": 1]))
    #expect(request.headers == [.init(name: "content-type", value: "application/vnd.x+json")])
    #expect(request.contentType == "application/vnd.x+json")
    #expect(request.bodyText == #"{"a":1}"#)
  }
}
