import ArazzoHTTP
import ArazzoJSON

/// Waiting within the run's deadline: every pause the machine makes (a retry's delay, a
/// `Retry-After`, `--loop-delay`) goes through `wait`, so none sleeps past `--deadline`.
extension Machine {
  /// The run's error when it was interrupted (its task cancelled: Ctrl-C).
  static let interrupted = "the run was interrupted"

  /// Waits `delay`, but not past the deadline: a wait the deadline cuts ends at the deadline
  /// and the run fails, saying what was waiting (`what`, e.g. "step 'poll' waited 2 s to
  /// retry"). False when the run stopped (deadline or interrupt) instead of waiting it out.
  /// A wait for `stepId` is reported when it begins (`.waiting`), so a terminal can count it
  /// down.
  func wait(
    _ delay: Duration, for stepId: String? = nil, while what: @autoclosure () -> String
  )
    async -> Bool
  {
    if let deadline {
      let remaining = ContinuousClock.now.duration(to: deadline)
      if delay >= remaining {
        if remaining > .zero { await sleep(remaining) }
        if !Task.isCancelled {
          abort(.runDeadline, "the run's deadline (--deadline) passed while \(what())")
          return false
        }
      }
    }
    if delay > .zero, !Task.isCancelled {
      if let stepId { emit(.waiting(stepId: stepId, delay: delay)) }
      await sleep(delay)
    }
    if Task.isCancelled {
      abort(.interrupted, Self.interrupted)
      return false
    }
    return true
  }

  /// A wait a pause cut short: what is left of it, and what to do after.
  enum PendingWait {
    /// A `request`'s loop delay: the rest, then the request.
    case loopDelay(Duration)
    /// A retry's delay: the retry, its `delay` the rest.
    case retry(PendingRetry)
  }

  /// How a pausable wait ended: waited out, the run stopped (deadline, interrupt), or a pause
  /// cut it short with this much left.
  enum PausableWait {
    case waited, stopped
    case paused(remaining: Duration)
  }

  /// Waits `delay` as `wait` does (announced as `stepId`'s), in slices of at most 50 ms when a
  /// debugger may pause (`pauseRequested`), so a pause need not wait for the delay to end.
  func pausableWait(
    _ delay: Duration, stepId: String, while what: @autoclosure () -> String
  ) async -> PausableWait {
    guard let pauseRequested else {
      return await wait(delay, for: stepId, while: what()) ? .waited : .stopped
    }
    var remaining = delay
    if remaining > .zero, !Task.isCancelled { emit(.waiting(stepId: stepId, delay: remaining)) }
    while remaining > .zero {
      if pauseRequested() { return .paused(remaining: remaining) }
      let slice = min(remaining, .milliseconds(50))
      guard await wait(slice, while: what()) else { return .stopped }
      remaining -= slice
    }
    return .waited
  }

  /// Ends the run when `error` says a request met the deadline or was cancelled by an interrupt:
  /// nothing the step's failure actions could do (a retry, a goto) would get further.
  /// True when the run ended.
  func endRun(after error: any Error, stepId: String) -> Bool {
    if Task.isCancelled {
      abort(.interrupted, Self.interrupted)
      return true
    }
    guard let transportError = error as? TransportError, case .deadlineExceeded = transportError
    else { return false }
    abort(.deadlineExceeded, "step '\(stepId)': \(transportError.description)")
    return true
  }
}
