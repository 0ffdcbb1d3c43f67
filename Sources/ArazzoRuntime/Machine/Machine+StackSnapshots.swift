/// Snapshots of every frame on the stack, for a debugger that shows each one (a DAP client's
/// call stack: a caller's `$inputs` and `$steps` while its sub-workflow runs).
extension Machine {
  /// The invocations of `stack` (the entry first), each with its frame exactly as it is. The
  /// top frame is better read through `snapshot()`, which shows a step about to start as
  /// entered.
  public var stackSnapshots: [(position: FramePosition, snapshot: MachineSnapshot)] {
    frames.compactMap { frame in position(of: frame).map { ($0, snapshot(of: frame)) } }
  }
}
