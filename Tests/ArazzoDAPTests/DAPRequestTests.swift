import ArazzoDAP
import ArazzoJSON
import Testing

@Suite struct DAPRequestTests {
  private func message(_ text: String) throws -> JSONValue {
    try JSONParser.parse(text)
  }

  @Test func aWellFormedRequestIsRead() throws {
    let request = try DAPRequest(
      message: message(#"{"seq":3,"type":"request","command":"next","arguments":{"threadId":1}}"#))
    #expect(request.seq == 3)
    #expect(request.command == "next")
    #expect(request.arguments["threadId"]?.intValue == 1)
    let bare = try DAPRequest(message: message(#"{"seq":1,"type":"request","command":"threads"}"#))
    #expect(bare.arguments.isEmpty)
  }

  @Test(arguments: [
    (#"[1]"#, "a message must be a JSON object, not array"),
    (#"{"seq":1,"type":"event","event":"x"}"#, #"only requests are accepted ("type": "request")"#),
    (#"{"seq":"1","type":"request","command":"x"}"#, #"a request needs an integer "seq""#),
    (#"{"seq":1,"type":"request"}"#, #"a request needs a "command" string"#),
    (
      #"{"seq":1,"type":"request","command":"launch","arguments":[]}"#,
      #""arguments" of 'launch' must be an object, not array"#
    ),
  ])
  func aMalformedRequestSaysWhatIsWrong(text: String, error: String) throws {
    let value = try message(text)
    #expect(throws: DAPError(error)) { try DAPRequest(message: value) }
  }
}
