import ArazzoJSON
import Testing

@testable import ArazzoRuntime

@Suite struct BodyTests {
  static let operation = RequestOperation(
    method: "post", pathTemplate: "/b", servers: [.init(url: "https://h")])

  func build(
    _ body: EvaluatedBody, operation: RequestOperation = BodyTests.operation
  ) throws
    -> PreparedRequest
  {
    try RequestBuilder.build(operation: operation, parameters: [], body: body)
  }

  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var body: EvaluatedBody
    var contentType: String
    var text: String
    var description: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "JSON object",
      body: .init(contentType: "application/json", payload: ["a": 1, "b": [true, nil]]),
      contentType: "application/json", text: #"{"a":1,"b":[true,null]}"#),
    Case(
      name: "JSON text string is sent as-is",
      body: .init(
        contentType: "application/json", payload: "{\n  \"petId\": \"42\", \"n\": 1.50\n}"),
      contentType: "application/json", text: "{\n  \"petId\": \"42\", \"n\": 1.50\n}"),
    Case(
      name: "non-JSON string becomes a JSON string",
      body: .init(contentType: "application/json", payload: "hello"),
      contentType: "application/json",
      text: #""hello""#),
    Case(
      name: "+json with parameters",
      body: .init(contentType: "application/problem+json; charset=utf-8", payload: ["t": "x"]),
      contentType: "application/problem+json; charset=utf-8", text: #"{"t":"x"}"#),
    Case(
      name: "form from object, nested as JSON text",
      body: .init(
        contentType: "application/x-www-form-urlencoded",
        payload: [
          "client_id": "abc", "scope": "read write", "n": 2, "nested": ["a": [1]], "skip": nil,
        ]),
      contentType: "application/x-www-form-urlencoded",
      text: "client_id=abc&scope=read+write&n=2&nested=%7B%22a%22%3A%5B1%5D%7D"),
    Case(
      name: "form from a string template",
      body: .init(
        contentType: "application/x-www-form-urlencoded", payload: "grant_type=password&user=me"),
      contentType: "application/x-www-form-urlencoded", text: "grant_type=password&user=me"),
    Case(
      name: "text/plain", body: .init(contentType: "text/plain", payload: "just text"),
      contentType: "text/plain", text: "just text"),
    Case(
      name: "text/plain number", body: .init(contentType: "text/plain", payload: 2.50),
      contentType: "text/plain", text: "2.5"),
    Case(
      name: "XML string",
      body: .init(contentType: "application/xml", payload: "<pet><id>1</id></pet>"),
      contentType: "application/xml", text: "<pet><id>1</id></pet>"),
    Case(
      name: "JSON pointer replacements in order",
      body: .init(
        contentType: "application/json",
        payload: ["petId": "", "tags": ["a"], "owner": ["name": "x"]],
        replacements: [
          .init(target: "/petId", value: 42), .init(target: "/quantity", value: 10),
          .init(target: "/tags/-", value: "b"), .init(target: "/tags/0", value: "A"),
          .init(target: "/owner/name", value: "Ann"), .init(target: "/tags/2", value: "c"),
        ]),
      contentType: "application/json",
      text: #"{"petId":42,"tags":["A","b","c"],"owner":{"name":"Ann"},"quantity":10}"#),
    Case(
      name: "replacement on JSON text payload",
      body: .init(
        contentType: "application/json", payload: #"{"petId": "{$inputs.pet_id}"}"#,
        replacements: [.init(target: "/petId", value: 7)]),
      contentType: "application/json", text: #"{"petId":7}"#),
    Case(
      name: "whole payload replaced",
      body: .init(
        contentType: "application/json", payload: ["a": 1],
        replacements: [.init(target: "", value: [1, 2])]),
      contentType: "application/json", text: "[1,2]"),
    Case(
      name: "replacement on form object",
      body: .init(
        contentType: "application/x-www-form-urlencoded", payload: ["a": "1"],
        replacements: [.init(target: "/b", value: "two words")]),
      contentType: "application/x-www-form-urlencoded", text: "a=1&b=two+words"),
    Case(
      name: "XPath element replacement",
      body: .init(
        contentType: "application/xml",
        payload: "<order><petId>0</petId><qty>1</qty></order>",
        replacements: [
          .init(target: "/order/petId", value: 42), .init(target: "//qty", value: "a<b & c"),
        ]),
      contentType: "application/xml",
      text: "<order><petId>42</petId><qty>a&lt;b &amp; c</qty></order>"),
    Case(
      name: "XPath attribute and text node, declaration kept",
      body: .init(
        contentType: "application/soap+xml",
        payload: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a id=\"1\"><b>x</b><b>y</b></a>\n",
        replacements: [
          .init(target: "/a/@id", value: "9"), .init(target: "//b/text()", value: "z"),
        ]),
      contentType: "application/soap+xml",
      text: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a id=\"9\"><b>z</b><b>z</b></a>\n"),
  ]

  @Test(arguments: cases)
  func serialises(_ c: Case) throws {
    let request = try build(c.body)
    #expect(request.contentType == c.contentType)
    #expect(request.header("Content-Type") == c.contentType)
    #expect(request.bodyText == c.text)
  }

  struct ContentTypeCase: Sendable, CustomStringConvertible {
    var declared: [String]
    var expected: String
    var description: String { declared.joined(separator: ",") }
  }

  @Test(arguments: [
    ContentTypeCase(declared: [], expected: "application/json"),
    ContentTypeCase(declared: ["application/xml"], expected: "application/xml"),
    ContentTypeCase(
      declared: ["application/xml", "application/json"], expected: "application/json"),
    ContentTypeCase(declared: ["text/plain", "application/xml"], expected: "text/plain"),
  ])
  func contentTypeFromTheOperation(_ c: ContentTypeCase) {
    let operation = RequestOperation(
      method: "post", pathTemplate: "/", requestContentTypes: c.declared)
    #expect(RequestBuilder.contentType(for: operation) == c.expected)
  }

  struct ErrorCase: Sendable, CustomStringConvertible {
    var name: String
    var body: EvaluatedBody
    var message: String
    var description: String { name }
  }

  static let errorCases: [ErrorCase] = [
    ErrorCase(
      name: "missing parent",
      body: .init(
        contentType: "application/json", payload: ["a": 1],
        replacements: [.init(target: "/owner/name", value: 1)]),
      message:
        "payload replacement '/owner/name': the parent does not exist: no member 'owner' at the payload root"
    ),
    ErrorCase(
      name: "scalar parent",
      body: .init(
        contentType: "application/json", payload: ["a": 1],
        replacements: [.init(target: "/a/b", value: 1)]),
      message:
        "payload replacement '/a/b': the parent does not exist: '/a' is integer, not an object or array"
    ),
    ErrorCase(
      name: "index out of range",
      body: .init(
        contentType: "application/json", payload: ["t": [1]],
        replacements: [.init(target: "/t/5", value: 1)]),
      message: "payload replacement '/t/5': index 5 is out of range (1 elements) at '/t'"),
    ErrorCase(
      name: "not a pointer",
      body: .init(
        contentType: "application/json", payload: ["a": 1],
        replacements: [.init(target: "a", value: 1)]),
      message:
        "payload replacement 'a': not a JSON Pointer: a JSON Pointer must be empty or start with '/'"
    ),
    ErrorCase(
      name: "string not JSON",
      body: .init(
        contentType: "application/json", payload: "nope",
        replacements: [.init(target: "/a", value: 1)]),
      message:
        "request body (application/json): the payload is a string that is not JSON text, so replacements cannot apply"
    ),
    ErrorCase(
      name: "xml not a string",
      body: .init(contentType: "application/xml", payload: ["a": 1]),
      message: "request body (application/xml): an XML body must be written as a string, got object"
    ),
    ErrorCase(
      name: "xpath selects nothing",
      body: .init(
        contentType: "application/xml", payload: "<a/>",
        replacements: [.init(target: "/a/b", value: 1)]),
      message: "payload replacement '/a/b': the XPath expression selects no nodes"),
    ErrorCase(
      name: "xpath syntax",
      body: .init(
        contentType: "application/xml", payload: "<a/>",
        replacements: [.init(target: "//b[", value: 1)]),
      message: "payload replacement '//b[': invalid XPath: "),
    ErrorCase(
      name: "xml not well-formed",
      body: .init(
        contentType: "application/xml", payload: "<a>",
        replacements: [.init(target: "/a", value: 1)]),
      message: "payload replacement '/a': the payload is not well-formed XML"),
    ErrorCase(
      name: "form array",
      body: .init(contentType: "application/x-www-form-urlencoded", payload: [1]),
      message:
        "request body (application/x-www-form-urlencoded): a form body needs an object (one field per member) or a string, got array"
    ),
    ErrorCase(
      name: "replacement on text",
      body: .init(
        contentType: "text/plain", payload: "x", replacements: [.init(target: "/a", value: 1)]),
      message:
        "payload replacement '/a': replacements apply to JSON, form and XML payloads, not to text/plain"
    ),
  ]

  @Test(arguments: errorCases)
  func errors(_ c: ErrorCase) {
    let error = #expect(throws: RequestBuildError.self) { try build(c.body) }
    #expect(error?.description.hasPrefix(c.message) == true, "\(String(describing: error))")
  }
}
