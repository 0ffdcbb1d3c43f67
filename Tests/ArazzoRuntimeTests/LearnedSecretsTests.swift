import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime
import ArazzoTestServer
import Foundation
import Testing

/// Tokens that arrive in a response body are secrets from the moment they are sent in a secret
/// header or land in a secret-named output: a real run against the loopback server, recorded.
@Suite struct LearnedSecretsTests {
  static let token = "tok-from-body-123"
  static let grant = "grant-xyz-789"

  static func script(_ server: TestServer) {
    server.route("POST /login") { _ in
      .json(#"{"token":"\#(token)","grant":"\#(grant)"}"#)
    }
    server.route("GET /items/7") { request in
      .json(#"{"seen":"\#(request.header("Authorization") ?? "")","again":"\#(grant)"}"#)
    }
  }

  /// Runs `login-token` as `arazzo run --record` does: set up by a `RunPlan`, whose redactor
  /// (the recorder's and the report's) shares the store of learned secrets with the machine;
  /// that store is returned (nil with `showSecrets`).
  static func recordedRun(
    showSecrets: Bool = false, server: TestServer
  ) async throws -> (
    RunResult, HARLog, String, LearnedSecrets?
  ) {
    var request = RunRequest(document: LivePiecesTests.pieces, workflow: "login-token")
    request.servers = ["api": server.baseURL]
    request.showSecrets = showSecrets
    let plan = try RunPlan(request)
    var configuration = LiveTransport.Configuration()
    configuration.proxy = .none
    configuration.timeout = .seconds(10)
    let recorder = RecordingTransport(
      LiveTransport(configuration: configuration), path: nil, redactor: plan.redactor)
    let transport = RedirectingTransport(recorder, maxRedirects: 5)
    var printed = ""
    let reporter = TextReporter(redactor: plan.redactor) { printed += $0 }
    let result = await plan.machine(transport: transport, observer: reporter).run(
      workflow: plan.workflow.name, inputs: plan.inputs)
    printed += reporter.summary(result)
    await transport.shutdown()
    return (result, recorder.log, printed, plan.options.secrets)
  }

  @Test func tokensFromResponsesAreScrubbedFromTheRecordingAndTheReport() async throws {
    try await withTestServer { server in
      Self.script(server)
      let (result, log, printed, store) = try await Self.recordedRun(server: server)
      let learned = try #require(store)
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      // The real values went over the wire.
      #expect(server.requests.last?.header("Authorization") == "Bearer \(Self.grant)")
      // `token` by its output's name, `grant` once it was sent as Authorization.
      #expect(learned.secrets == [Self.token, Self.grant])
      let har = JSONPrinter.pretty(log.json)
      #expect(!har.contains(Self.token), "the login response still shows the token")
      #expect(!har.contains(Self.grant), "the recording still shows the grant")
      #expect(har.contains(#"\"token\":\"REDACTED\""#))
      #expect(!printed.contains(Self.grant) && !printed.contains(Self.token), "\(printed)")
      #expect(printed.contains("echoed  \"Bearer REDACTED\""), "\(printed)")
      // The machine's own values are untouched: redaction is for what is shown.
      #expect(result.outputs["echoed"] == .string("Bearer \(Self.grant)"))
    }
  }

  @Test func showSecretsLearnsNothing() async throws {
    try await withTestServer { server in
      Self.script(server)
      let (result, log, printed, learned) = try await Self.recordedRun(
        showSecrets: true, server: server)
      #expect(learned == nil)
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(JSONPrinter.pretty(log.json).contains(Self.token))
      #expect(printed.contains(Self.grant))
    }
  }

  @Test func learnedSecretsSkipShortValuesAndThePlaceholder() {
    let learned = LearnedSecrets()
    #expect(!learned.learn("ab"))
    #expect(!learned.learn("REDACTED"))
    #expect(learned.learn("a b/c"))
    #expect(!learned.learn("a b/c"))
    let redactor = Redactor(learned: learned)
    #expect(redactor.scrub("x=a%20b%2Fc&y=a+b%2Fc z=a b/c") == "x=REDACTED&y=REDACTED z=REDACTED")
    // A learned secret containing a given one is replaced whole.
    let both = Redactor(secrets: ["b/c"], learned: learned)
    #expect(both.scrub("[a b/c]") == "[REDACTED]")
  }
}
