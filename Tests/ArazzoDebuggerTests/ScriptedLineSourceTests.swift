import ArazzoDebugger
import XCTest

final class ScriptedLineSourceTests: XCTestCase {
  func testReadsLinesThenEnd() {
    let source = ScriptedLineSource(lines: [":step", "$inputs"])
    XCTAssertEqual(source.readLine(prompt: "> "), .line(":step"))
    XCTAssertEqual(source.readLine(prompt: "> "), .line("$inputs"))
    XCTAssertEqual(source.readLine(prompt: "> "), .end)
    XCTAssertFalse(source.isInteractive)
  }
}
