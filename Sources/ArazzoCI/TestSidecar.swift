import ArazzoJSON
import Foundation

/// The file beside a document that says how `arazzo test` runs its workflows:
/// `<stem>.arazzo-test.json` next to `<stem>.arazzo.yaml` (README "arazzo test (CI)"):
///
/// ```json
/// {
///   "servers": { "<source>": "http://127.0.0.1:8080" },
///   "workflows": {
///     "<workflowId>": {
///       "inputs": { "<name>": "value" },
///       "servers": { "<source>": "http://127.0.0.1:8081" }
///     }
///   }
/// }
/// ```
///
/// `servers` at the top applies to every workflow of the document, a workflow's `servers` over
/// it; the command line's `--server`, `--input`, `ARAZZO_INPUT_*` and `--inputs` win over both.
public struct TestSidecar: Sendable {
  /// Server URLs by source description name, for every workflow.
  public var servers: [String: String] = [:]
  /// Each workflow's inputs and servers, by workflowId.
  public var workflows: [String: Workflow] = [:]

  public struct Workflow: Sendable {
    public var inputs = JSONObject()
    public var servers: [String: String] = [:]
  }

  public init() {}

  /// The sidecar's path for `document`.
  public static func path(for document: String) -> String {
    let folder = (document as NSString).deletingLastPathComponent
    let name = TestDiscovery.stem(of: document) + ".arazzo-test.json"
    return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
  }

  /// The sidecar of `document`: empty when there is none; one that does not parse, or has a
  /// member this format does not know, is an error naming the file and the member.
  public static func load(for document: String) throws(TestSetupError) -> TestSidecar {
    let path = path(for: document)
    guard FileManager.default.fileExists(atPath: path) else { return TestSidecar() }
    let data: [UInt8]
    switch RegularFile.read(path) {
    case .success(let bytes): data = bytes
    case .failure(let failure): throw TestSetupError(RegularFile.message(failure, path: path))
    }
    let value: JSONValue
    do {
      value = try JSONParser.parse(bytes: data)
    } catch {
      throw TestSetupError("\(path): not JSON: \(error)")
    }
    return try parse(value, path: path)
  }

  static func parse(_ value: JSONValue, path: String) throws(TestSetupError) -> TestSidecar {
    guard let root = value.objectValue else {
      throw TestSetupError("\(path): expected an object with 'servers' and 'workflows'")
    }
    var sidecar = TestSidecar()
    for (key, member) in root.members {
      switch key {
      case "servers": sidecar.servers = try servers(member, at: "\(path): servers")
      case "workflows":
        guard let workflows = member.objectValue else {
          throw TestSetupError("\(path): 'workflows' must be an object keyed by workflowId")
        }
        for (id, entry) in workflows.members {
          guard let object = entry.objectValue else {
            throw TestSetupError("\(path): workflows.\(id) must be an object")
          }
          var workflow = Workflow()
          for (field, fieldValue) in object.members {
            switch field {
            case "inputs":
              guard let inputs = fieldValue.objectValue else {
                throw TestSetupError("\(path): workflows.\(id).inputs must be an object")
              }
              workflow.inputs = inputs
            case "servers":
              workflow.servers = try servers(fieldValue, at: "\(path): workflows.\(id).servers")
            default:
              throw TestSetupError(
                "\(path): workflows.\(id): unknown member '\(field)' (expected inputs, servers)")
            }
          }
          sidecar.workflows[id] = workflow
        }
      default:
        throw TestSetupError("\(path): unknown member '\(key)' (expected servers, workflows)")
      }
    }
    return sidecar
  }

  static func servers(
    _ value: JSONValue, at place: String
  ) throws(TestSetupError) -> [String:
    String]
  {
    guard let object = value.objectValue else {
      throw TestSetupError("\(place) must be an object of source name to URL")
    }
    var servers: [String: String] = [:]
    for (name, url) in object.members {
      guard let text = url.stringValue else {
        throw TestSetupError("\(place).\(name) must be a URL string")
      }
      servers[name] = text
    }
    return servers
  }
}
