#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Set by the SIGINT handler, read and cleared by the line editor.
///
/// A signal handler may only store to a `volatile sig_atomic_t`; a plain 32-bit store is what
/// that means here.
nonisolated(unsafe) private var interruptPending: sig_atomic_t = 0

/// The thread blocked in libedit's `read` of the terminal, while `readerWaiting` is 1.
nonisolated(unsafe) private var readerThread: pthread_t?
nonisolated(unsafe) private var readerWaiting: sig_atomic_t = 0

/// The SIGINT handler: note the Ctrl-C, and make sure the thread reading the terminal sees it.
///
/// The kernel gives a signal sent to the process to any thread that does not block it, so when
/// the prompt is read on another thread than the one the signal lands on (`arazzo debug` reads
/// on a Swift concurrency thread while the main thread waits in the dispatch loop), that
/// thread's `read` goes on waiting and the line stays on the screen. The signal is sent on to
/// the reader (`pthread_kill` and `pthread_self` are async-signal-safe).
private func noteInterrupt(_ signal: Int32) {
  interruptPending = 1
  if readerWaiting != 0, let reader = readerThread, pthread_equal(pthread_self(), reader) == 0 {
    pthread_kill(reader, SIGINT)
  }
}

/// Ctrl-C as a flag instead of death: a SIGINT handler that only sets `interruptPending`.
///
/// It is installed without `SA_RESTART`, so Ctrl-C at the prompt makes libedit's blocked `read`
/// fail with `EINTR` and `el_gets` return; while the debugger runs, the engine polls the flag
/// between instructions (`LineSource.takeInterrupt()`) to pause a `:continue`.
enum InterruptFlag {
  /// Installs the handler and returns the disposition it replaced, for `restore(_:)`.
  static func install() -> sigaction {
    var action = sigaction()
    #if canImport(Glibc)
      action.__sigaction_handler.sa_handler = noteInterrupt
    #else
      action.__sigaction_u.__sa_handler = noteInterrupt
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    var previous = sigaction()
    sigaction(SIGINT, &action, &previous)
    return previous
  }

  /// Puts back the disposition `install()` replaced.
  static func restore(_ previous: sigaction) {
    var previous = previous
    sigaction(SIGINT, &previous, nil)
  }

  /// Whether Ctrl-C was pressed since the last call; clears the flag.
  static func take() -> Bool {
    let pending = interruptPending != 0
    interruptPending = 0
    return pending
  }

  /// Marks the calling thread as the one about to block reading the terminal, until
  /// `endReading(restoring:)`, and forgets any earlier Ctrl-C; returns the thread's signal mask.
  ///
  /// The thread may block SIGINT (the dispatch worker threads under Swift concurrency do), and a
  /// blocked signal interrupts nothing: it is unblocked here for the read, and a Ctrl-C landing
  /// on another thread is passed on to this one.
  static func beginReading() -> sigset_t {
    var interrupt = sigset_t()
    sigemptyset(&interrupt)
    sigaddset(&interrupt, SIGINT)
    var previous = sigset_t()
    pthread_sigmask(SIG_UNBLOCK, &interrupt, &previous)
    readerThread = pthread_self()
    readerWaiting = 1
    // After unblocking: a Ctrl-C left pending for this thread has just been delivered.
    interruptPending = 0
    return previous
  }

  /// The terminal is no longer being read: puts back the mask `beginReading()` returned.
  static func endReading(restoring mask: sigset_t) {
    readerWaiting = 0
    var mask = mask
    pthread_sigmask(SIG_SETMASK, &mask, nil)
  }
}
