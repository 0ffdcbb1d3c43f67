import Dispatch
import Foundation

/// Ctrl-C (SIGINT) and SIGTERM while `arazzo run` runs: the first cancels the run, which stops
/// at once (a request in flight is cancelled, a wait ends) so that the report and the `--record`
/// file are still written; a second one exits straight away.
final class RunInterrupts: @unchecked Sendable {
  private let lock = NSLock()
  private var received: Int32?
  private var sources: [DispatchSourceSignal] = []
  private static let signals = [SIGINT, SIGTERM]

  /// The signal that interrupted the run, if one did.
  var signal: Int32? { lock.withLock { received } }

  /// Takes the signals over until `remove()`; `interrupt` is called on the first.
  init(interrupt: @escaping @Sendable () -> Void) {
    for number in Self.signals {
      Foundation.signal(number, SIG_IGN)  // else the default action kills before the source sees it
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { [self] in
        let first = lock.withLock {
          if received != nil { return false }
          received = number
          return true
        }
        if first { interrupt() } else { exit(128 + number) }
      }
      source.resume()
      sources.append(source)
    }
  }

  /// Gives the signals their default action back.
  func remove() {
    for source in sources { source.cancel() }
    for number in Self.signals { Foundation.signal(number, SIG_DFL) }
  }
}
