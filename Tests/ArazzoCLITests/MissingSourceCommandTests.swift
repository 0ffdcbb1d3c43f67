import ArazzoTestSupport
import Foundation
import Testing

/// A local source description that does not exist: a warning for `validate`, an error under
/// `--strict`, and `run`/`debug` refuse before any request with one message naming the `url`,
/// the path it resolved to and `--source`.
@Suite struct MissingSourceCommandTests {
  @Test func validateWarnsAndStrictRefuses() throws {
    let folder = try TemporaryFolder()
    let path = try folder.writeMissingSourceDocument()
    let lenient = try CLI.run(["validate", path, "--root", folder.url.path])
    #expect(lenient.status == 0)
    #expect(
      lenient.stdout.contains(
        "warning[AZ2014]: source 'api' (./missing-openapi.yaml) was not found; checks that need it were skipped"
      ))
    let strict = try CLI.run(["validate", "--strict", path, "--root", folder.url.path])
    #expect(strict.status == 2)
    #expect(
      strict.stdout.contains("error[AZ2014]: source 'api' (./missing-openapi.yaml) was not found\n")
    )
    #expect(
      strict.stdout.contains(
        "= note: resolved to \(folder.url.resolvingSymlinksInPath().path)/missing-openapi.yaml"))
    #expect(strict.stdout.contains("= hint: fix 'url', or pass --source api=FILE"))
  }

  /// `run` and `debug` say it once, before any request (no step line, no trace), and exit 2.
  @Test func runAndDebugRefuseBeforeAnyRequest() throws {
    let folder = try TemporaryFolder()
    let path = try folder.writeMissingSourceDocument()
    for arguments in [["run", path], ["run", "--format", "json", path], ["debug", path]] {
      let result = try CLI.run(
        arguments + ["--root", folder.url.path], input: ":continue\n:quit\n")
      #expect(result.status == 2, "\(arguments): \(result.stdout)\(result.stderr)")
      let said =
        result.stderr.components(separatedBy: "source 'api' (./missing-openapi.yaml) was not found")
        .count - 1
      #expect(said == 1, "\(arguments):\n\(result.stderr)")
      #expect(result.stderr.contains("--source api=FILE"))
      #expect(!result.stderr.contains("getThing"), "\(result.stderr)")
      #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
    }
  }
}
