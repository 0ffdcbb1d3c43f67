import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime
import ArazzoTestServer
import Foundation
import Testing

/// The runtime's smaller pieces against the loopback server: `$components` read directly,
/// [1.1] step `timeout` and `dependsOn`, XPath selectors, AsyncAPI steps and the warnings of
/// retried attempts. (Secrets learned at run time: `LearnedSecretsTests`.)
@Suite struct LivePiecesTests {
  static let pieces = fixturePath("pieces.arazzo.yaml")

  // MARK: $components

  @Test func componentsAreReadAsJSON() async throws {
    let program = try lowered(Self.pieces)
    #expect(program.components.count == 1)
    try await withTestServer { server in
      server.route("GET /text", respond: .text("ok"))
      let result = try await runLive(
        Self.pieces, workflow: "read-components", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(server.requests.first?.header("X-Page-Size") == "25")
      #expect(result.outputs["size"] == 25)
      #expect(result.outputs["parameter"] == .parse(#"{"name":"limit","in":"query","value":25}"#))
      #expect(result.outputs["schema"]?["properties"]?["page"]?["default"] == 1)
      #expect(result.outputs["action"] == .parse(#"{"name":"done","type":"end"}"#))
      #expect(result.outputs["missing"] == .null)
      #expect(
        result.warnings.contains { $0.message.contains("no component parameters.nope") },
        "\(result.warnings)")
    }
  }

  // MARK: [1.1] timeout and dependsOn

  @Test func stepTimeoutIsThatStepsRequestTimeout() async throws {
    try await withTestServer { server in
      server.route("/slow", respond: .never)
      let clock = ContinuousClock()
      let started = clock.now
      // --timeout is long; the step's own timeout (200 ms) is what cuts the request short.
      let result = try await runLive(
        Self.pieces, workflow: "step-timeout", servers: ["api": server.baseURL],
        options: { $0.timeout = .seconds(30) })
      // The reason below proves which timeout applied; the time only guards against a hang
      // (with the suite's blocking tests on two cores, a run can wait long for a thread).
      #expect(clock.now - started < .seconds(120), "the step timeout did not apply")
      #expect(result.status == .failed)
      let step = try #require(result.steps.first)
      #expect(step.reasons.joined().contains("within 200 ms"), "\(step.reasons)")
    }
  }

  @Test func dependsOnAStepThatRanFirstIsMet() async throws {
    try await withTestServer { server in
      server.route("GET /status", respond: .json("{}"))
      server.route("GET /text", respond: .text("ok"))
      let result = try await runLive(
        Self.pieces, workflow: "ordered", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(server.requests.map(\.path) == ["/status", "/text"])
    }
  }

  @Test func dependsOnAStepThatHasNotRunFailsWithoutARequest() async throws {
    try await withTestServer { server in
      server.route("GET /status", respond: .json("{}"))
      server.route("GET /text", respond: .text("ok"))
      let result = try await runLive(
        Self.pieces, workflow: "out-of-order", servers: ["api": server.baseURL])
      #expect(result.status == .failed)
      #expect(server.requests.isEmpty)
      let step = try #require(result.steps.first)
      #expect(step.stepId == "early")
      #expect(step.method == nil)
      #expect(
        step.reasons == ["step 'early' depends on 'late': step 'late' has not run"],
        "\(step.reasons)")
      #expect(step.failure?.code == .dependencyUnmet)
    }
  }

  @Test func dependsOnAnotherWorkflowsStepNeedsThatStepToHaveRunThere() async throws {
    try await withTestServer { server in
      server.route("GET /status", respond: .json("{}"))
      server.route("GET /text", respond: .text("ok"))
      let alone = try await runLive(
        Self.pieces, workflow: "across", servers: ["api": server.baseURL])
      #expect(alone.status == .failed)
      #expect(
        alone.steps.first?.reasons.first?.contains("workflow 'ordered' has not completed") == true,
        "\(alone.steps)")
      let after = try await runLive(
        Self.pieces, workflow: "across-after-dependency", servers: ["api": server.baseURL])
      #expect(after.status == .succeeded, "\(after.error?.message ?? "")")
      // The other workflow completed, but the step named did not run in it (a goto skipped it).
      let skipped = try await runLive(
        Self.pieces, workflow: "across-skipped-step", servers: ["api": server.baseURL])
      #expect(skipped.status == .failed)
      #expect(
        skipped.steps.last?.reasons
          == [
            "step 'after' depends on '$workflows.skips.steps.middle': step 'middle' did not run in workflow 'skips'"
          ],
        "\(skipped.steps.map(\.reasons))")
    }
  }

  // MARK: XPath selectors

  @Test func xpathSelectorsReadTheXMLBody() async throws {
    let program = try lowered(Self.pieces)
    let code = try #require(program.workflow(named: "xml-selectors"))
    try await withTestServer { server in
      server.route(
        "GET /text",
        respond: .text(
          #"<?xml version="1.0"?><pets><pet id="7">Salem</pet><pet id="8">Tom</pet></pets>"#,
          contentType: "application/xml"))
      let log = EventLog()
      let result = try await runLive(
        Self.pieces, workflow: code.name, servers: ["api": server.baseURL], observer: log)
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(result.outputs["first"] == "Salem")
      #expect(result.outputs["names"] == ["Salem", "Tom"])
      #expect(result.outputs["count"] == 2)
      #expect(result.outputs["firstId"] == "7")
      // One warning: `//dog` selects nothing.
      #expect(result.warnings.count == 1, "\(result.warnings)")
      #expect(result.warnings.first?.message.contains("output 'none'") == true)
      #expect(
        result.warnings.first?.message.contains("selects no nodes") == true, "\(result.warnings)")
    }
  }

  @Test func xpathSelectorValues() throws {
    let xml = #"<pets><pet id="7">Salem</pet><pet id="8">Tom</pet></pets>"#
    func select(_ text: String) throws -> JSONValue? {
      let selector = try XPathSelector.compile(text).get()
      return try? selector.select(in: xml).get()
    }
    #expect(try select("/pets/pet[1]") == "Salem")
    #expect(try select("//pet") == ["Salem", "Tom"])
    #expect(try select("count(//pet)") == 2)
    #expect(try select("/pets/pet[2]/@id") == "8")
    #expect(try select("count(//pet) > 1") == true)
    #expect(try select("string(/pets/pet[2])") == "Tom")
    #expect(try select("//dog") == nil)
    #expect((try? XPathSelector.compile("//pet[").get()) == nil)
  }

  // MARK: AsyncAPI steps

  @Test func asyncAPIStepFailsWithAClearMessage() async throws {
    let (program, diagnostics) = Lowering.lower(path: fixturePath("async.arazzo.yaml"))
    _ = try #require(program)
    #expect(diagnostics.contains { $0.code == .asyncStep && $0.message.contains("'publish'") })
    try await withTestServer { server in
      server.route("GET /status", respond: .json("{}"))
      let result = try await runLive(
        fixturePath("async.arazzo.yaml"), servers: ["api": server.baseURL])
      #expect(result.status == .failed)
      #expect(server.requests.map(\.path) == ["/status"])
      let step = try #require(result.steps.last)
      #expect(step.stepId == "publish")
      #expect(step.reasons.joined().contains("AsyncAPI steps are not run"), "\(step.reasons)")
      #expect(step.failure?.code == .unresolvedOperation)
    }
  }

  // MARK: Retried attempts

  @Test func retriedAttemptsDoNotWarn() async throws {
    try await withTestServer { server in
      server.route("GET /flaky") { request in
        request.hit < 3 ? .json("{}", status: 503) : .json(#"{"id":1}"#)
      }
      let result = try await runLive(
        Self.pieces, workflow: "quiet-retries", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(server.requests.count == 3)
      #expect(result.warnings == [], "the retried attempts' null outputs warned")
    }
  }

  @Test func theAttemptThatEndsTheStepWarnsOnce() async throws {
    try await withTestServer { server in
      server.route("GET /flaky", respond: .json("{}", status: 503))
      let result = try await runLive(
        Self.pieces, workflow: "quiet-retries", servers: ["api": server.baseURL])
      #expect(result.status == .failed)
      #expect(server.requests.count == 4)
      #expect(result.warnings.count == 1, "\(result.warnings)")
      #expect(
        result.warnings.first?.message.contains("output 'id' of step 'fetch' is null") == true)
      #expect(result.warnings.first?.code == .outputNull)
      // Located at the step's outputs in the document.
      #expect(result.warnings.first?.span?.file.path.isEmpty == false)
    }
  }
}
