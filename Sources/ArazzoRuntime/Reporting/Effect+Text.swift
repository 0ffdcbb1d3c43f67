/// An effect in words, as the text and JSON reports and the debugger show it: `next`,
/// `next (end of workflow)`, `goto pollRun`, `goto workflow cleanup`, `retry`, `end`, `fail`.
extension Effect: CustomStringConvertible {
  public var description: String {
    switch self {
    case .next: return "next"
    case .return: return "next (end of workflow)"
    case .goto(let step): return "goto \(step)"
    case .gotoWorkflow(let workflow): return "goto workflow \(workflow)"
    case .retry: return "retry"
    case .end: return "end"
    case .fail: return "fail"
    }
  }
}
