/// Lines from a script first (`--commands FILE`), then from another source (the terminal or
/// stdin), as gdb's `-x` does: a script that should end the session ends with `:quit`.
public final class ChainedLineSource: LineSource {
  private let script: ScriptedLineSource
  private let then: any LineSource
  private var scriptDone = false

  public init(script: [String], then: any LineSource) {
    self.script = ScriptedLineSource(lines: script)
    self.then = then
  }

  public func readLine(prompt: String) -> LineRead {
    if !scriptDone {
      let read = script.readLine(prompt: prompt)
      if read != .end { return read }
      scriptDone = true
    }
    return then.readLine(prompt: prompt)
  }

  public func addHistory(_ line: String) {
    if scriptDone { then.addHistory(line) }
  }

  public func takeInterrupt() -> Bool { then.takeInterrupt() }

  public var isInteractive: Bool { then.isInteractive }
}
