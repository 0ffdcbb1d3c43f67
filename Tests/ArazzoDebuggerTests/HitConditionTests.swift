import ArazzoDebugger
import Testing

/// A breakpoint's hit condition (`arazzo dap`'s `hitCondition`): which hits stop the run.
@Suite struct HitConditionTests {
  /// The hits among 1…6 that stop the run.
  private func stops(_ text: String) -> [Int]? {
    HitCondition(text).map { condition in (1...6).filter { condition.stops(atHit: $0) } }
  }

  @Test func eachFormStopsAtItsHits() {
    #expect(stops("3") == [3])
    #expect(stops("==3") == [3])
    #expect(stops(" >= 3 ") == [3, 4, 5, 6])
    #expect(stops(">3") == [4, 5, 6])
    #expect(stops("%2") == [2, 4, 6])
  }

  @Test(arguments: ["", "0", "%0", ">=-1", "three", "<3", "3.5", "== 99999999999999999999"])
  func anythingElseIsRefused(_ text: String) {
    #expect(HitCondition(text) == nil)
  }
}
