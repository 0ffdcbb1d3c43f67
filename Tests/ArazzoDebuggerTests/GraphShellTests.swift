import ArazzoTestSupport
import Foundation
import Testing

/// `:graph` in the shell: the text form with the path taken, and the picture with the same
/// marks written to a file (the transcripts in ArazzoCLITests' `graph*.session` show more).
@Suite struct GraphShellTests {
  @Test func theTextFormMarksTheCurrentStepAndThePathTaken() async throws {
    let (out, _) = try await ShellTests.session([
      ":break pollRun", ":continue", ":continue", ":graph",
    ])
    #expect(out.contains("\n    triggerRun [1]  next -> pollRun ×1 · failure -> fail\n"))
    #expect(out.contains("\n  ▶ pollRun [2]     runSucceeded -> listArtifacts · "))
    #expect(out.contains(" · keepPolling -> pollRun ×1 · "))
  }

  @Test func aFileGetsThePictureWithTheSameMarks() async throws {
    let folder = try TemporaryFolder(prefix: "arazzo-graph-shell")
    let svg = folder.appending("run.svg").path
    let (out, _) = try await ShellTests.session([
      ":break pollRun", ":continue", ":continue", ":graph \(svg)", ":graph \(folder.url.path)/x",
    ])
    #expect(out.contains("wrote the graph of trigger-run-and-poll to \(svg)\n"))
    let text = try String(contentsOfFile: svg, encoding: .utf8)
    #expect(text.contains("<svg"))
    #expect(text.contains("▶ pollRun"))
    #expect(text.contains("visits: 2"))
    #expect(text.contains("keepPolling ×1"))
    #expect(out.contains("error: :graph writes .mmd, .dot, .gv, .svg, .png files"))
  }
}
