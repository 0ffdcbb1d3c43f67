import ArazzoJSON
import Testing

/// `validate --format github|sarif`'s pieces: escaping as GitHub's toolkit does, paths made
/// relative, URIs percent-encoded.
@Suite struct CIFormatTests {
  static let file = SourceFile(path: "/work/repo/docs/a,b:c.yaml", text: "x: 100%\ny: 2\n")

  @Test func githubEscapesPropertiesAndMessage() {
    let span = SourceSpan(start: SourceLocation(file: Self.file, line: 1, column: 4), length: 4)
    let d = Diagnostic(
      .invalidValue, .warning, "100% wrong\nsecond line, with: colon", at: span,
      notes: [DiagnosticNote("see here", at: span)], hint: "use 50%")
    let line = DiagnosticRenderer.githubCommand(d, relativeTo: "/work/repo")
    #expect(
      line
        == "::warning file=docs/a%2Cb%3Ac.yaml,line=1,col=4,endColumn=8,title=AZ1013::"
        + #"100%25 wrong\nsecond line, with: colon%0Ahint: use 50%25%0Anote: see here "#
        + "(/work/repo/docs/a,b:c.yaml:1:4)")
    #expect(!line.contains("\n"))
  }

  @Test func githubNotesAndUnlocatedDiagnostics() {
    let d = Diagnostic(.sourceUnavailable, .note, "just so", at: nil)
    #expect(
      DiagnosticRenderer.githubCommand(d, relativeTo: "/") == "::notice title=AZ2014::just so")
  }

  @Test func sarifURIsAreRelativeAndEncoded() throws {
    let span = SourceSpan(start: SourceLocation(file: Self.file, line: 2, column: 1), length: 1)
    let log = DiagnosticRenderer.sarif(
      [Diagnostic(.invalidValue, "bad", at: span)], toolVersion: "1", relativeTo: "/work/repo/")
    let location = log["runs"]?[0]?["results"]?[0]?["locations"]?[0]?["physicalLocation"]
    #expect(location?["artifactLocation"]?["uri"] == "docs/a%2Cb%3Ac.yaml")
    let outside = DiagnosticRenderer.sarif(
      [Diagnostic(.invalidValue, "bad", at: span)], toolVersion: "1", relativeTo: "/elsewhere")
    #expect(
      outside["runs"]?[0]?["results"]?[0]?["locations"]?[0]?["physicalLocation"]?[
        "artifactLocation"]?["uri"] == "file:///work/repo/docs/a%2Cb%3Ac.yaml")
  }
}
