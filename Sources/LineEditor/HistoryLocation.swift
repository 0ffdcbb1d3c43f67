#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the debugger keeps the commands typed at its prompt across sessions (and, by the same
/// rules, arazzo's other state files: `stateFile`, the tour's progress).
///
/// The first of these that is set wins: the `historyPath` the caller passes (a command-line
/// option), the `ARAZZO_HISTORY` environment variable, `$XDG_STATE_HOME/arazzo/history`, and
/// `~/.local/state/arazzo/history`. An empty path, passed or in `ARAZZO_HISTORY`, means no file.
public struct HistoryLocation: Equatable, Sendable {
  /// The history file.
  public var path: String
  /// True for the XDG default, whose folder is created on the first save; a path the user named
  /// is used as given.
  public var isDefault: Bool

  public init(path: String, isDefault: Bool) {
    self.path = path
    self.isDefault = isDefault
  }

  /// The history file for `explicit` (nil: not given) and the environment, or nil for none.
  public static func resolve(
    explicit: String?, environment: (String) -> String? = HistoryLocation.processEnvironment
  ) -> HistoryLocation? {
    stateFile("history", variable: "ARAZZO_HISTORY", explicit: explicit, environment: environment)
  }

  /// One of arazzo's state files, `name` (`history`, `tour.json`): `explicit`, else the
  /// environment variable `variable`, else under `$XDG_STATE_HOME/arazzo` or
  /// `~/.local/state/arazzo`; nil for none (an empty path means none).
  public static func stateFile(
    _ name: String, variable: String, explicit: String?,
    environment: (String) -> String? = HistoryLocation.processEnvironment
  ) -> HistoryLocation? {
    if let explicit {
      return explicit.isEmpty ? nil : HistoryLocation(path: explicit, isDefault: false)
    }
    if let named = environment(variable) {
      return named.isEmpty ? nil : HistoryLocation(path: named, isDefault: false)
    }
    // The XDG base-directory spec: a relative XDG_STATE_HOME is invalid and ignored.
    if let state = environment("XDG_STATE_HOME"), state.hasPrefix("/") {
      return HistoryLocation(path: joined(state, "arazzo/" + name), isDefault: true)
    }
    if let home = environment("HOME"), !home.isEmpty {
      return HistoryLocation(
        path: joined(home, ".local/state/arazzo/" + name), isDefault: true)
    }
    return nil
  }

  /// Creates the file's folder when it is the XDG default (mode 0700); true when it exists.
  public func createDirectory() -> Bool {
    !isDefault || makeDirectories(directory)
  }

  /// The process's environment, as `resolve` reads it by default.
  public static func processEnvironment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// The folder holding the file.
  var directory: String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  private static func joined(_ base: String, _ rest: String) -> String {
    base.hasSuffix("/") ? base + rest : base + "/" + rest
  }
}

/// Creates `path` and any missing parents with mode 0700 (`mkdir -p`); true when it exists after.
func makeDirectories(_ path: String) -> Bool {
  var isDirectory = stat()
  if stat(path, &isDirectory) == 0 { return (isDirectory.st_mode & S_IFMT) == S_IFDIR }
  if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
    guard makeDirectories(String(path[..<slash])) else { return false }
  }
  return mkdir(path, 0o700) == 0 || errno == EEXIST
}

/// True when something exists at `path`.
func fileExists(_ path: String) -> Bool {
  access(path, F_OK) == 0
}
