import Foundation

/// The stack the depth-limit tests run on: an eighth of what the threads `arazzo` parses and
/// evaluates on have (the main thread, and Swift concurrency's threads for `run` and `debug`:
/// 8 MB each on Linux, measured), so input nested just under a limit is shown to fit in a debug
/// build with room to spare.
public let smallStackSize = 1024 * 1024

/// Runs `body` on a new thread whose stack is `bytes` long and returns its result (nil only if
/// the thread could not report one). Input that overflows that stack crashes the test process:
/// the failure a depth limit must prevent.
public func onSmallStack<T: Sendable>(
  bytes: Int = smallStackSize, _ body: @escaping @Sendable () -> T
) -> T? {
  let box = ResultBox<T>()
  let done = DispatchSemaphore(value: 0)
  let thread = Thread {
    box.value = body()
    done.signal()
  }
  thread.stackSize = bytes
  thread.start()
  done.wait()
  return box.value
}

/// Carries a result from the thread that computed it to the one waiting for it.
private final class ResultBox<T>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: T?
  var value: T? {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}
