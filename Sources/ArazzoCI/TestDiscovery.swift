import Foundation

/// Finds the Arazzo documents `arazzo test` runs: each path is a document, or a folder searched
/// recursively for `*.arazzo.yaml`, `*.arazzo.yml` and `*.arazzo.json`.
public enum TestDiscovery {
  /// The suffixes of the documents a folder search finds.
  public static let suffixes = [".arazzo.yaml", ".arazzo.yml", ".arazzo.json"]
  /// Folders nested deeper than this are not searched.
  public static let maxDepth = 32
  /// A search stops with an error after this many documents.
  public static let maxDocuments = 10_000

  /// The documents under `paths`, in order: each path's documents sorted by path, a document
  /// found twice listed once. Hidden folders (`.git`, `.build`) are not searched. A path that
  /// does not exist, or a search that finds too many documents, is an error.
  public static func documents(in paths: [String]) throws(TestSetupError) -> [String] {
    var found: [String] = []
    var seen = Set<String>()
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw TestSetupError("no such file or folder: '\(path)'")
      }
      var here: [String] = []
      if isDirectory.boolValue {
        search(path, depth: 0, into: &here)
        if here.isEmpty {
          throw TestSetupError(
            "no Arazzo documents (*.arazzo.yaml, *.arazzo.yml, *.arazzo.json) under '\(path)'")
        }
      } else {
        here = [path]
      }
      for document in here.sorted() where seen.insert(canonical(document)).inserted {
        found.append(document)
        if found.count > maxDocuments {
          throw TestSetupError("more than \(maxDocuments) documents; name fewer paths")
        }
      }
    }
    return found
  }

  /// Appends the documents in `folder` and below (at most `maxDepth` levels, at most
  /// `maxDocuments + 1` of them) to `found`.
  static func search(_ folder: String, depth: Int, into found: inout [String]) {
    guard depth <= maxDepth, found.count <= maxDocuments,
      let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
    else { return }
    for name in names.sorted() where !name.hasPrefix(".") {
      let path =
        folder == "." ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        continue
      }
      if isDirectory.boolValue {
        // Symbolic links to folders are not followed (no cycles).
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if attributes?[.type] as? FileAttributeType == .typeSymbolicLink { continue }
        search(path, depth: depth + 1, into: &found)
      } else if suffixes.contains(where: { name.hasSuffix($0) }) {
        found.append(path)
      }
    }
  }

  /// The document's name without its `.arazzo.yaml` (or other) suffix: `petshop` for
  /// `examples/petshop/arazzo/petshop.arazzo.yaml`; recordings and sidecars are named after it.
  public static func stem(of path: String) -> String {
    let name = (path as NSString).lastPathComponent
    for suffix in suffixes + [".yaml", ".yml", ".json"] where name.hasSuffix(suffix) {
      return String(name.dropLast(suffix.count))
    }
    return name
  }

  static func canonical(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }
}

/// Why `arazzo test` cannot start (a usage error: exit 2).
public struct TestSetupError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
