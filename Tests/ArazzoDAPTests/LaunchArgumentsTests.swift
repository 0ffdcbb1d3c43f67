import ArazzoDAP
import ArazzoJSON
import ArazzoRuntime
import Foundation
import Testing

/// `launch`'s arguments read into a `RunRequest`; a wrong one is an error naming it.
@Suite struct LaunchArgumentsTests {
  private func launch(_ text: String) throws -> LaunchArguments {
    guard case .object(let arguments) = try JSONParser.parse(text) else {
      throw DAPError("not an object")
    }
    return try LaunchArguments(arguments)
  }

  @Test func contractChecksAreOffUnlessAsked() throws {
    let plain = try launch(#"{"program": "a.arazzo.yaml"}"#)
    #expect(plain.request.checks.isOff)
    let all = try launch(#"{"program": "a.arazzo.yaml", "checks": "error"}"#)
    #expect(all.request.checks == ContractChecks(.error))
    let some = try launch(
      #"{"program": "a.arazzo.yaml", "checks": {"all": "error", "content-type": "warn"}}"#)
    var expected = ContractChecks(.error)
    expected[.contentType] = .warn
    #expect(some.request.checks == expected)
  }

  @Test(arguments: [
    (#"{"program": "a.arazzo.yaml", "checks": "loud"}"#, "the level must be error, warn or off"),
    (#"{"program": "a.arazzo.yaml", "checks": {"colour": "off"}}"#, "is not NAME=LEVEL"),
    (#"{"program": "a.arazzo.yaml", "checks": {"all": 1}}"#, #""checks".all must be"#),
    (#"{"program": "a.arazzo.yaml", "checks": [1]}"#, #""checks" must be a level"#),
    (#"{"program": "a.arazzo.yaml", "maxSteps": 0}"#, #""maxSteps" must be a whole number"#),
    (#"{"program": "a.arazzo.yaml", "timeout": "soon"}"#, #""timeout" must be a duration"#),
    (#"{"workflowId": "x"}"#, #"launch needs "program""#),
    // Never a hang on a device, never more than the bound.
    (#"{"program": "a.arazzo.yaml", "inputsFile": "/dev/zero"}"#, "not a regular file"),
    (#"{"program": "a.arazzo.yaml", "inputsFile": "/tmp"}"#, "it is a directory"),
    (#"{"program": "a.arazzo.yaml", "timeout": 1e300}"#, "longer than 24h"),
    (#"{"program": "a.arazzo.yaml", "loopDelay": -1}"#, #""loopDelay" must be a duration"#),
    (#"{"program": "a.arazzo.yaml", "timeout": "nan"}"#, #""timeout" must be a duration"#),
  ])
  func aWrongArgumentSaysWhich(text: String, message: String) throws {
    do {
      _ = try launch(text)
      Issue.record("expected an error for \(text)")
    } catch let error as DAPError {
      #expect(error.message.contains(message), "\(error.message)")
    }
  }

  /// A file that is not JSON (here the process's environment) is refused without quoting it:
  /// nothing of it reaches the message the editor shows.
  @Test func anInputsFileThatIsNotJSONIsNotQuoted() throws {
    let secret = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
    do {
      _ = try launch(#"{"program": "a.arazzo.yaml", "inputsFile": "/proc/self/environ"}"#)
      Issue.record("expected an error")
    } catch let error as DAPError {
      #expect(error.message.contains("is not JSON"), "\(error.message)")
      #expect(!error.message.contains(secret), "\(error.message)")
    }
  }
}
