import ArazzoDebugger
import ArazzoHTTP
import ArazzoJSON
import Testing

/// `:step` into, `:next` over and `:finish` out of a sub-workflow, on the petshop example
/// (its `buyPet` step calls `place-order`; `adopt-a-pet` depends on `shop-is-open`).
@Suite struct SubWorkflowTests {
  static func engine() throws -> DebugEngine {
    try makeEngine(
      document: repoPath("examples/petshop/arazzo/petshop.arazzo.yaml"), workflow: "adopt-a-pet",
      inputs: #"{"username":"alice","password":"wonderland"}"#,
      transport: { try ReplayTransport(path: repoPath("examples/petshop/recordings/adopt.har")) })
  }

  /// Paused before `buyPet`, the step that calls `place-order`.
  static func atBuyPet() async throws -> DebugEngine {
    let engine = try engine()
    _ = try engine.breakpoints.add("buyPet", temporary: true, program: engine.program, current: nil)
    #expect(await engine.resume(.continue) == .breakpoint(1))
    #expect(engine.at == "buyPet/beforeStep")
    return engine
  }

  @Test func dependenciesRunFirst() throws {
    let engine = try Self.engine()
    #expect(engine.position?.workflowId == "shop-is-open")
    #expect(engine.at == "status/beforeStep")
  }

  @Test func stepGoesIntoTheSubWorkflow() async throws {
    let engine = try await Self.atBuyPet()
    #expect(await engine.resume(.step) == .stepped)
    #expect(engine.position?.workflowId == "place-order")
    #expect(engine.machine.stackDepth == 2)
    #expect(engine.at == "placeOrder/beforeStep")
    #expect(engine.machine.stack.map(\.workflowId) == ["adopt-a-pet", "place-order"])
  }

  @Test func nextStepsOverTheSubWorkflow() async throws {
    let engine = try await Self.atBuyPet()
    #expect(await engine.resume(.next) == .stepped)
    #expect(engine.position?.workflowId == "adopt-a-pet")
    #expect(engine.at == "buyPet/afterResponse")
    #expect(engine.history.contains { $0.workflowId == "place-order" })
  }

  @Test func aWorkflowQualifiedBreakpointStopsInThatWorkflowOnly() async throws {
    let engine = try Self.engine()
    let b = try engine.breakpoints.add(
      "place-order.placeOrder", temporary: false, program: engine.program, current: nil)
    #expect(b.resolved == "step place-order.placeOrder")
    #expect(await engine.resume(.continue) == .breakpoint(1))
    #expect(engine.position?.workflowId == "place-order")
    #expect(engine.at == "placeOrder/beforeStep")
    for (text, message) in [
      ("place-ordr.placeOrder", "no workflow 'place-ordr'; did you mean 'place-order'?"),
      (
        "place-order.placeOrdr",
        "workflow 'place-order' has no step 'placeOrdr'; did you mean 'placeOrder'?"
      ),
    ] {
      do {
        _ = try engine.breakpoints.add(
          text, temporary: false, program: engine.program, current: nil)
        Issue.record("'\(text)' was accepted")
      } catch {
        #expect(error.message.hasPrefix(message), "\(error.message)")
      }
    }
  }

  @Test func finishReturnsToTheCaller() async throws {
    let engine = try await Self.atBuyPet()
    _ = await engine.resume(.step)
    #expect(engine.machine.stackDepth == 2)
    #expect(await engine.resume(.finish) == .stepped)
    #expect(engine.machine.stackDepth == 1)
    #expect(engine.at == "buyPet/afterResponse")
    #expect(await engine.resume(.continue) == .finished)
    #expect(engine.result?.status == .succeeded)
  }
}
