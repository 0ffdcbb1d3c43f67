import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A program running in a real terminal, for tests of what a person at a keyboard sees: a
/// detached tmux session on a tmux server of its own, driven with `type` and `press` and read
/// back with `screen`.
///
/// The program starts with an empty environment plus `HOME`, `XDG_STATE_HOME`
/// (`HOME/.local/state`), `TERM=screen` and a minimal `PATH`, then `environment` on top, so a
/// developer's `~/.editrc`, history or `ARAZZO_HISTORY` cannot change what a test sees. The screen
/// stays readable after the program exits (`exitStatus`). The tmux server is killed on
/// `close()` or deinit. Without tmux every call fails with a message saying how to install it.
public final class TerminalSession {
  /// The home folder the program sees (kept alive as long as the session).
  public let home: TemporaryFolder
  private let tmux: URL
  private let socket: URL
  /// A folder of our own: the server's socket, its configuration and the last command's output.
  private let scratch: URL
  private let configuration: URL
  /// Where the exit status is written when the program ends.
  private let statusFile: URL
  private var isClosed = false

  /// Starts `command` (an executable path and its arguments) in a `width`×`height` terminal.
  public init(
    _ command: [String], home: TemporaryFolder, environment: [String: String] = [:],
    directory: URL? = nil, width: Int = 100, height: Int = 30
  ) throws {
    guard let tmux = Self.findTmux() else { throw TerminalSessionError.tmuxMissing }
    self.tmux = tmux
    self.home = home
    self.scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("arazzo-tmux-\(getpid())-\(UUID().uuidString.prefix(8))")
    self.socket = scratch.appendingPathComponent("socket")
    self.configuration = scratch.appendingPathComponent("tmux.conf")
    self.statusFile = scratch.appendingPathComponent("status")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    try "set -g default-terminal screen\nset -g history-limit 0\n"
      .write(to: configuration, atomically: true, encoding: .utf8)
    var variables = [
      "HOME": home.url.path, "XDG_STATE_HOME": home.appending(".local/state").path,
      "TERM": "screen", "PATH": "/usr/local/bin:/usr/bin:/bin",
    ]
    variables.merge(environment) { $1 }
    let assignments = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    var arguments = ["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)"]
    if let directory { arguments += ["-c", directory.path] }
    // A shell records the exit status and keeps the pane open after the program ends (tmux's
    // own remain-on-exit was seen to miss a pane's exit now and then). It ignores Ctrl-C for
    // itself only: a trapped signal is reset to the default in the program it starts.
    let keeper = "status=$1; shift; trap : INT; \"$@\"; echo $? > \"$status\"; exec sleep 86400"
    try run(
      arguments + ["--", "/bin/sh", "-c", keeper, "sh", statusFile.path, "/usr/bin/env", "-i"]
        + assignments + command)
  }

  deinit { close() }

  /// Types `literal` as text (tmux send-keys -l: `Up` is two letters, not the arrow key).
  public func type(_ literal: String) throws {
    try run(["send-keys", "-t", "main", "-l", literal])
  }

  /// Presses keys by tmux's names: `Tab`, `Enter`, `Up`, `Down`, `C-c`, `C-d`, `C-u`, `BSpace`.
  public func press(_ keys: String...) throws {
    try run(["send-keys", "-t", "main"] + keys)
  }

  /// The visible screen: trailing spaces and trailing empty lines removed.
  public func screen() throws -> String {
    let raw = try run(["capture-pane", "-p", "-t", "main"])
    var lines = raw.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.reversed().drop(while: { $0 == " " }).reversed())
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines.joined(separator: "\n")
  }

  /// The screen's lines, as `screen()` trims them.
  public func lines() throws -> [String] {
    try screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// Waits until the screen contains `text`, and returns the screen.
  ///
  /// `timeout` is a hang guard (the wait ends as soon as the text shows), not a measurement.
  @discardableResult
  public func waitFor(_ text: String, timeout: Double = 15) throws -> String {
    try waitUntil("the screen to show \(String(reflecting: text))", timeout: timeout) {
      $0.contains(text)
    }
  }

  /// Waits until `condition` holds for the screen, and returns the screen.
  @discardableResult
  public func waitUntil(
    _ what: String, timeout: Double = 15, _ condition: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let now = try screen()
      if condition(now) { return now }
      guard Date() < deadline else {
        throw TerminalSessionError.timedOut(waitingFor: what, screen: now)
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
  }

  /// The program's exit status once it has exited, waiting up to `timeout` (a hang guard).
  public func exitStatus(timeout: Double = 15) throws -> Int32 {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      if let text = try? String(contentsOf: statusFile, encoding: .utf8),
        let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return status
      }
      guard Date() < deadline else {
        throw TerminalSessionError.timedOut(waitingFor: "the program to exit", screen: try screen())
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
  }

  /// Kills the program and its tmux server.
  public func close() {
    guard !isClosed else { return }
    isClosed = true
    _ = try? run(["kill-server"])
    try? FileManager.default.removeItem(at: scratch)
  }

  /// Runs one tmux command against this session's server and returns its standard output.
  ///
  /// Through posix_spawn and waitpid, with the output in files: the first command forks the
  /// tmux server, and Foundation's `Process` was seen never to notice that client's exit (the
  /// blocked signals below are the likely reason).
  @discardableResult
  private func run(_ arguments: [String]) throws -> String {
    let output = scratch.appendingPathComponent("stdout").path
    let errors = scratch.appendingPathComponent("stderr").path
    let argv = [tmux.path, "-S", socket.path, "-f", configuration.path] + arguments
    let status = try Self.spawnAndWait(argv, stdout: output, stderr: errors)
    let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    guard status == 0 else {
      throw TerminalSessionError.tmuxFailed(
        arguments: arguments, status: status,
        message: (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
    }
    return printed
  }

  /// Runs `argv` with standard input from /dev/null and its output into two files; its status.
  private static func spawnAndWait(_ argv: [String], stdout: String, stderr: String) throws -> Int32
  {
    #if canImport(Glibc)
      var actions = posix_spawn_file_actions_t()
    #else
      var actions: posix_spawn_file_actions_t?
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    // The test runner's worker threads block signals, and a child would inherit that mask: the
    // tmux server would never see its pane exit, nor the program a Ctrl-C. Start clean.
    #if canImport(Glibc)
      var attributes = posix_spawnattr_t()
    #else
      var attributes: posix_spawnattr_t?
    #endif
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU] {
      sigaddset(&defaults, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    var cArguments = argv.map { strdup($0) } + [nil]
    var cEnvironment = environment.map { strdup($0) } + [nil]
    defer {
      cArguments.forEach { free($0) }
      cEnvironment.forEach { free($0) }
    }
    var pid = pid_t()
    let failure = posix_spawn(&pid, argv[0], &actions, &attributes, &cArguments, &cEnvironment)
    guard failure == 0 else {
      throw TerminalSessionError.tmuxFailed(
        arguments: argv, status: -1, message: String(cString: strerror(failure)))
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { return -1 }
    }
    // WIFEXITED/WEXITSTATUS are macros Swift cannot see: exited normally when the low 7 bits are 0.
    return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  }

  private static func findTmux() -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
    for folder in folders {
      let candidate = URL(fileURLWithPath: folder).appendingPathComponent("tmux")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }
}

/// Why a `TerminalSession` could not do what a test asked.
public enum TerminalSessionError: Error, CustomStringConvertible {
  case tmuxMissing
  case tmuxFailed(arguments: [String], status: Int32, message: String)
  case timedOut(waitingFor: String, screen: String)

  public var description: String {
    switch self {
    case .tmuxMissing:
      return "tmux is not installed, and the real-terminal tests need it: apt-get install tmux"
        + " (.ci/run installs it), or brew install tmux"
    case .tmuxFailed(let arguments, let status, let message):
      return "tmux \(arguments.joined(separator: " ")) failed (exit \(status)): \(message)"
    case .timedOut(let what, let screen):
      return "timed out waiting for \(what); the screen was:\n\(screen)"
    }
  }
}
