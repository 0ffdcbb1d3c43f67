import ArazzoTestSupport
import Foundation
import Testing

/// What a document may make arazzo read, end to end: a source `url` naming the environment,
/// system files, files outside the document's tree (directly or by symlink), a FIFO, a hidden
/// file, or a file that is not a well-formed source never gets its text (or a secret input)
/// into `validate`, `run` (text and JSON) or `debug` output. `--source` still reads anywhere.
@Suite struct FileAccessCommandTests {
  /// The secret every command runs with (as CI would pass a token).
  static let secret = "sekret-value"
  static let environment = ["ARAZZO_INPUT_TOKEN": secret]

  /// A folder holding `outside.yaml` and `doc/wf.arazzo.yaml`, whose source `api` has `url`.
  final class Layout {
    let folder: TemporaryFolder
    var document: String { folder.appending("doc/wf.arazzo.yaml").path }
    var doc: URL { folder.appending("doc") }

    init(url: String, operationId: String = "getThing") throws {
      folder = try TemporaryFolder(prefix: "arazzo-files")
      try FileManager.default.createDirectory(at: doc, withIntermediateDirectories: true)
      try """
      arazzo: 1.0.1
      info: {title: t, version: '1'}
      sourceDescriptions:
        - name: api
          url: \(url)
          type: openapi
      workflows:
        - workflowId: w
          inputs:
            type: object
            properties:
              token: {type: string}
          steps:
            - stepId: s
              operationId: \(operationId)
      """.write(to: URL(fileURLWithPath: document), atomically: true, encoding: .utf8)
      try "outside-contents-42: {password: outside-contents-42}\n"
        .write(to: folder.appending("outside.yaml"), atomically: true, encoding: .utf8)
    }

    func write(_ text: String, to path: String) throws {
      try text.write(to: folder.appending(path), atomically: true, encoding: .utf8)
    }
  }

  /// The output of `validate` (text and JSON), `run` (text and JSON) and a scripted `debug`,
  /// each with its exit status; every run is bounded in time.
  static func everyCommand(
    _ document: String, extra: [String] = []
  ) throws -> [(String, BoundedResult)] {
    [
      ("validate", try bounded(["validate", document] + extra)),
      ("validate json", try bounded(["validate", "--format", "json", document] + extra)),
      ("run", try bounded(["run", document] + extra)),
      ("run json", try bounded(["run", "--format", "json", document] + extra)),
      ("debug", try bounded(["debug", document] + extra, input: ":print $inputs\n:quit\n")),
    ]
  }

  /// Runs every command and checks none hung, none printed any of `forbidden`, and each
  /// refused the document (exit 2) unless `refuses` is false (a warning).
  static func expectNothingLeaks(
    _ layout: Layout, forbidden: [String], code: String = "AZ1008", refuses: Bool = true
  ) throws {
    for (name, result) in try everyCommand(layout.document) {
      #expect(!result.timedOut, "\(name) hung")
      let output = result.stdout + result.stderr
      for text in forbidden + [secret] {
        #expect(!output.contains(text), "\(name) printed '\(text)':\n\(output)")
      }
      #expect(output.contains(code), "\(name):\n\(output)")
      if refuses {
        #expect(result.status == 2, "\(name): exit \(result.status)\n\(output)")
      }
    }
  }

  @Test func theEnvironmentIsNeverRead() throws {
    let layout = try Layout(url: "/proc/self/environ")
    try Self.expectNothingLeaks(layout, forbidden: ["ARAZZO_INPUT_TOKEN=", "PATH="])
  }

  @Test func systemFilesAreNeverRead() throws {
    let layout = try Layout(url: "/etc/passwd")
    try Self.expectNothingLeaks(layout, forbidden: ["root:x:0:0", "/bin/"])
  }

  @Test func filesOutsideTheTreeAreNotRead() throws {
    let layout = try Layout(url: "../outside.yaml")
    try Self.expectNothingLeaks(layout, forbidden: ["outside-contents-42"])
  }

  @Test func aSymlinkOutOfTheTreeIsNotFollowed() throws {
    let layout = try Layout(url: "./link.yaml")
    try FileManager.default.createSymbolicLink(
      atPath: layout.doc.appendingPathComponent("link.yaml").path,
      withDestinationPath: layout.folder.appending("outside.yaml").path)
    try Self.expectNothingLeaks(layout, forbidden: ["outside-contents-42"])
  }

  @Test func aFIFOIsNeverOpened() throws {
    let layout = try Layout(url: "pipe.yaml")
    #expect(mkfifo(layout.doc.appendingPathComponent("pipe.yaml").path, 0o600) == 0)
    try Self.expectNothingLeaks(layout, forbidden: [])
  }

  @Test func hiddenFilesInTheTreeAreNotRead() throws {
    let layout = try Layout(url: ".env")
    try layout.write("TOKEN: hidden-contents-42\n", to: "doc/.env")
    try Self.expectNothingLeaks(layout, forbidden: ["hidden-contents-42"])
  }

  /// A file in the tree that is not a well-formed source (broken YAML; YAML with no `openapi`
  /// field though `type: openapi` says so) is reported at the `url`, never quoted.
  @Test func aFileThatIsNotAWellFormedSourceIsNeverQuoted() throws {
    let broken = try Layout(url: "creds.txt")
    try broken.write("password: [unclosed-contents-42\n", to: "doc/creds.txt")
    try Self.expectNothingLeaks(
      broken, forbidden: ["unclosed-contents-42"], code: "AZ2014", refuses: false)
    let foreign = try Layout(url: "creds.yaml")
    try foreign.write("password: foreign-contents-42\n", to: "doc/creds.yaml")
    try Self.expectNothingLeaks(foreign, forbidden: ["foreign-contents-42"], code: "AZ2015")
  }

  /// Secret inputs are scrubbed from diagnostics however they got there (here the document
  /// names the secret itself).
  @Test func secretInputsAreScrubbedFromDiagnostics() throws {
    let layout = try Layout(url: "api.yaml", operationId: Self.secret)
    try layout.write(Self.openAPI, to: "doc/api.yaml")
    try Self.expectNothingLeaks(layout, forbidden: [], code: "REDACTED")
  }

  /// A file given with `--source` is the user's choice: read wherever it is.
  @Test func sourceOverridesReadAnywhere() throws {
    let layout = try Layout(url: "../elsewhere/api.yaml")
    let elsewhere = try TemporaryFolder(prefix: "arazzo-elsewhere")
    try Self.openAPI.write(to: elsewhere.appending("api.yaml"), atomically: true, encoding: .utf8)
    let refused = try bounded(["validate", layout.document])
    #expect(refused.status == 2)
    #expect(
      refused.stdout.contains("error[AZ1008]: source 'api' (../elsewhere/api.yaml) was not read"))
    let result = try bounded([
      "validate", layout.document, "--source", "api=\(elsewhere.appending("api.yaml").path)",
    ])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("valid (0 errors, 0 warnings)"))
  }

  /// The usual layout `arazzo/x.arazzo.yaml` naming `../openapi.yaml`, outside any repository:
  /// refused when run from elsewhere (the tree is the document's folder), read with `--root`
  /// naming the project, or when run from the project folder (the tree is the current directory).
  @Test func rootAndTheCurrentDirectoryWidenTheTree() throws {
    let layout = try Layout(url: "../openapi.yaml")
    try layout.write(Self.openAPI, to: "openapi.yaml")
    let refused = try bounded(["validate", layout.document])
    #expect(refused.status == 2)
    #expect(
      refused.stdout.contains(
        "error[AZ1008]: source 'api' (../openapi.yaml) was not read: it is outside the document's tree"
      ))
    #expect(refused.stdout.contains("(--root DIR widens the tree)"))
    for (arguments, directory) in [
      (["validate", layout.document, "--root", layout.folder.url.path], CLI.root),
      (["validate", "doc/wf.arazzo.yaml"], layout.folder.url),
      (["lower", layout.document, "--root", layout.folder.url.path], CLI.root),
    ] {
      let result = try bounded(arguments, directory: directory)
      #expect(result.status == 0, "\(arguments): \(result.stdout)\(result.stderr)")
      #expect(!(result.stdout + result.stderr).contains("AZ1008"))
    }
    // Run from the document's own folder, the project above it is not the tree.
    let inside = try bounded(["validate", "wf.arazzo.yaml"], directory: layout.doc)
    #expect(inside.status == 2)
    #expect(inside.stdout.contains("AZ1008"))
  }

  static let openAPI = """
    openapi: 3.1.0
    info: {title: api, version: '1'}
    servers: [{url: 'http://127.0.0.1:9'}]
    paths:
      /thing:
        get:
          operationId: getThing
          responses: {'200': {description: ok}}
    """
}

/// What a bounded run of the binary printed.
struct BoundedResult {
  var stdout: String
  var stderr: String
  var status: Int32
  var timedOut: Bool
}

/// Runs `arazzo ARGS` like `CLI.run` (in `directory`), with `FileAccessCommandTests.environment`,
/// but kills it after `seconds` (a test of "never hangs" must not hang itself).
func bounded(
  _ arguments: [String], input: String = "", seconds: Double = 30, directory: URL = CLI.root
) throws -> BoundedResult {
  let process = Process()
  process.executableURL = CLI.binary
  process.arguments = arguments
  process.currentDirectoryURL = directory
  var environment = ProcessInfo.processInfo.environment
  environment["NO_COLOR"] = "1"
  for (k, v) in FileAccessCommandTests.environment { environment[k] = v }
  process.environment = environment
  let out = Pipe()
  let err = Pipe()
  let inp = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = inp
  try process.run()
  inp.fileHandleForWriting.write(Data(input.utf8))
  try inp.fileHandleForWriting.close()
  let outData = LockedData()
  let errData = LockedData()
  let group = DispatchGroup()
  for (pipe, data) in [(out, outData), (err, errData)] {
    group.enter()
    DispatchQueue.global().async {
      data.set(pipe.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
  }
  var timedOut = false
  if group.wait(timeout: .now() + seconds) == .timedOut {
    timedOut = true
    process.terminate()
    _ = group.wait(timeout: .now() + 5)
  }
  process.waitUntilExit()
  return BoundedResult(
    stdout: String(decoding: outData.get(), as: UTF8.self),
    stderr: String(decoding: errData.get(), as: UTF8.self),
    status: process.terminationStatus, timedOut: timedOut)
}
