import Foundation

/// Reads whole regular files, bounded, without ever blocking: the file is opened non-blocking
/// (opening a FIFO waits for a writer otherwise) and checked on the open descriptor, so a path
/// swapped for a FIFO or a device after it was examined is still refused. Every file a user or
/// an editor names (documents, inputs, sidecars, recordings, command scripts) is read by it, so
/// `/dev/zero`, a FIFO or a huge file is an error, never a hang or an exhausted memory.
public enum RegularFile {
  public enum Failure: Error, Sendable {
    case missing, directory, notRegular, tooLarge, unreadable
  }

  /// The default bound: 64 MiB.
  public static let defaultLimit = 64 << 20

  /// Why `path` could not be read, in words (`cannot read 'x': it is a directory`).
  public static func message(
    _ failure: Failure, path: String, limit: Int = defaultLimit
  )
    -> String
  {
    switch failure {
    case .missing: return "cannot read '\(path)': no such file"
    case .directory: return "cannot read '\(path)': it is a directory"
    case .notRegular:
      return "cannot read '\(path)': it is not a regular file (a device, FIFO or socket)"
    case .tooLarge: return "cannot read '\(path)': it is larger than \(limit >> 20) MiB"
    case .unreadable: return "cannot read '\(path)': permission denied or I/O error"
    }
  }

  /// The bytes of the regular file at `path`, when it holds at most `limit` bytes.
  public static func read(_ path: String, limit: Int = defaultLimit) -> Result<[UInt8], Failure> {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else {
      return .failure(errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable)
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failure(.unreadable) }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: return .failure(.directory)
    default: return .failure(.notRegular)
    }
    guard info.st_size <= limit else { return .failure(.tooLarge) }
    // Read to the end, but never more than `limit` (a file may grow, or report size 0).
    var bytes = [UInt8]()
    bytes.reserveCapacity(Int(info.st_size))
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
      if n == 0 { break }
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(.unreadable)
      }
      guard bytes.count + n <= limit else { return .failure(.tooLarge) }
      bytes.append(contentsOf: chunk[0..<n])
    }
    return .success(bytes)
  }
}
