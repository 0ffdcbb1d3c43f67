import ArazzoJSON
import Foundation

/// Which local files a document may make arazzo read: source descriptions named by `url` and
/// files named by `$ref` (README, "Files a document may read").
///
/// A document is hostile until the user says otherwise, so a path it names is read only when,
/// with symlinks resolved, it lies inside the document's tree, names no hidden file or folder
/// there, and is a regular file of at most `maxFileSize` bytes; never anything under `/proc`,
/// `/sys` or `/dev`. The tree is `--root` when given; else the repository the entry document is
/// in (the nearest folder at or above it holding `.git`); else, outside any repository, the
/// current directory when the document lies inside it (`cd project && arazzo validate
/// arazzo/x.arazzo.yaml` reads `openapi/`), else the entry document's own folder. Arazzo sources of Arazzo
/// sources share their entry document's tree; a file given with `--source NAME=FILE` is the
/// user's choice: it is read wherever it is (if it is a regular file), and the files it names
/// are read inside its own tree.
public struct FileAccess: Sendable, Hashable {
  /// The largest file read (64 MiB): more is refused rather than loaded.
  public static let maxFileSize = RegularFile.defaultLimit

  /// The real path of the folder tree files must lie in.
  public let tree: String
  /// The real path of the entry document's folder (hidden folders on its own path are allowed).
  public let documentFolder: String

  /// The access of the document at `path`: its repository's tree, or `root` when given.
  public init(documentAt path: String, root: String? = nil) {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let real = Self.realPath(folder) ?? SourceSet.canonicalPath(folder)
    documentFolder = real
    tree =
      root.map { Self.realPath($0) ?? SourceSet.canonicalPath($0) }
      ?? Self.defaultTree(of: real, currentDirectory: Self.realPath("."))
  }

  /// The tree of a document in real folder `folder` when no root is given: its repository, else
  /// `currentDirectory` when the folder is inside it, else the folder itself.
  static func defaultTree(of folder: String, currentDirectory: String?) -> String {
    if let repository = repository(of: folder) { return repository }
    if let cwd = currentDirectory, cwd == "/" || folder == cwd || folder.hasPrefix(cwd + "/") {
      return cwd
    }
    return folder
  }

  /// What may be done with a path.
  public enum Verdict: Sendable, Equatable {
    /// Read it.
    case readable
    /// It does not exist (inside the tree: outside it, the answer is always `refused`).
    case missing
    /// Do not read it, for this reason (a sentence fragment: "it is outside …").
    case refused(String)
  }

  /// Whether the document may read `path` (absolute, standardized); `explicit` for a path the
  /// user gave (`--source`), which only has to be a readable kind of file.
  public func verdict(for path: String, explicit: Bool = false) -> Verdict {
    guard let real = Self.realPath(path) else {
      // Say "missing" only inside the tree, so a document cannot probe which files exist.
      return explicit || isInside(SourceSet.canonicalPath(path)) ? .missing : .refused(outside)
    }
    if !explicit {
      guard isInside(real) else { return .refused(outside) }
      if let hidden = hiddenComponent(of: real) {
        return .refused("'\(hidden)' is hidden (hidden files and folders are never read)")
      }
    }
    return Self.kindProblem(real).map(Verdict.refused) ?? .readable
  }

  /// Wraps a loader so that it reads only what `verdict(for:)` allows; a refusal is an
  /// `AZ1008` diagnostic without location (the caller says where the path was named).
  public func guarding(
    _ load: @escaping @Sendable (String) -> (document: LoadedDocument?, diagnostics: [Diagnostic])
  ) -> @Sendable (String) -> (document: LoadedDocument?, diagnostics: [Diagnostic]) {
    let access = self
    return { path in
      if case .refused(let why) = access.verdict(for: path) {
        return (nil, [Diagnostic(.refusedFile, "'\(path)' was not read: \(why)", at: nil)])
      }
      return load(path)
    }
  }

  private var outside: String {
    "it is outside the document's tree \(tree) (--root DIR widens the tree)"
  }

  private func isInside(_ path: String) -> Bool {
    tree == "/" || path == tree || path.hasPrefix(tree + "/")
  }

  /// The first hidden component of `real` below the tree that is not on the path to the
  /// entry document's own folder.
  private func hiddenComponent(of real: String) -> String? {
    let below = Self.components(real, under: tree)
    let shared = Self.components(documentFolder, under: tree)
    var i = 0
    while i < below.count, i < shared.count, below[i] == shared[i] { i += 1 }
    return below[i...].first { $0.hasPrefix(".") }.map(String.init)
  }

  private static func components(_ path: String, under tree: String) -> [Substring] {
    guard path.count > tree.count, path.hasPrefix(tree) else { return [] }
    return path.dropFirst(tree.count).split(separator: "/")
  }

  /// Why the file at real path `real` is not one to read: a special file system, not a
  /// regular file, or too large; nil when it is fine.
  public static func kindProblem(_ real: String) -> String? {
    for special in ["/proc", "/sys", "/dev"] where real == special || real.hasPrefix(special + "/")
    {
      return "files under \(special) are never read"
    }
    var info = stat()
    guard stat(real, &info) == 0 else { return "it cannot be examined" }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: return "it is a directory"
    default: return "it is not a regular file (a device, FIFO or socket)"
    }
    if info.st_size > maxFileSize {
      return "it is larger than \(maxFileSize >> 20) MiB"
    }
    return nil
  }

  /// `path` with every symlink resolved; nil when it does not exist (or cannot be resolved).
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The nearest folder at or above `folder` (a real path) holding `.git`; nil when none does.
  static func repository(of folder: String) -> String? {
    var candidate = URL(fileURLWithPath: folder)
    // A real path has a bounded number of components; the bound only guards the loop.
    for _ in 0..<256 {
      var info = stat()
      if lstat(candidate.appendingPathComponent(".git").path, &info) == 0 {
        return candidate.path
      }
      let parent = candidate.deletingLastPathComponent()
      if parent.path == candidate.path { break }
      candidate = parent
    }
    return nil
  }
}
