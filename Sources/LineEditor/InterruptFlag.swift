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
      action.__sigaction_handler.sa_handler = { _ in interruptPending = 1 }
    #else
      action.__sigaction_u.__sa_handler = { _ in interruptPending = 1 }
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

  /// Forgets a Ctrl-C nobody took (pressed after a run had already stopped).
  static func clear() { interruptPending = 0 }
}
