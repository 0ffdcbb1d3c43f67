import Testing

@testable import LineEditor

/// What Tab does, decided from the provider's candidates (applied to libedit by EditLineReader;
/// the real-terminal side is in ArazzoCLITests' LineEditorTerminalTests).
@Suite struct TabCompletionTests {
  @Test(
    arguments: [
      // One candidate: the rest of it and a space, unless it ends a prefix to go on from.
      (":co", [":continue"], TabCompletion.insert("ntinue ")),
      (":eval $ste", ["$steps."], .insert("ps.")),
      (":eval $response.bo", ["$response.body#/"], .insert("dy#/")),
      (":eval $response.body#/da", ["$response.body#/data/"], .insert("ta/")),
      (":eval $steps", ["$steps["], .insert("[")),
      (":step", [":step"], .insert(" ")),
      // Several: their common prefix, else the list.
      (":st", [":step", ":stepi"], .insert("ep")),
      (":step", [":step", ":stepi"], .list([":step", ":stepi"])),
      (":eval $st", ["$statusCode", "$steps."], .list(["$statusCode", "$steps."])),
      ("", [":break", ":continue"], .insert(":")),
      ("", ["$statusCode", ":break"], .list(["$statusCode", ":break"])),
      // Duplicates count once.
      (":q", [":quit", ":quit"], .insert("uit ")),
      // None.
      (":zz", [], .beep),
      (":eval $steps.", ["$steps."], .beep),
      // A candidate that does not extend the word replaces it.
      (":STE", [":step"], .replace(count: 4, with: ":step ")),
      ("é", ["épée", "épi"], .insert("p")),
      ("x é", ["ÉTÉ"], .replace(count: 1, with: "ÉTÉ ")),
    ] as [(String, [String], TabCompletion)])
  func decides(_ text: String, _ candidates: [String], _ expected: TabCompletion) {
    #expect(TabCompletion.decide(textLeftOfCursor: text, candidates: candidates) == expected)
  }

  @Test func theLastWordFollowsTheLastSpaceOrTab() {
    #expect(TabCompletion.lastWord(of: ":eval $st") == "$st")
    #expect(TabCompletion.lastWord(of: ":eval\t$st") == "$st")
    #expect(TabCompletion.lastWord(of: ":break ") == "")
    #expect(TabCompletion.lastWord(of: ":br") == ":br")
  }

  @Test func candidatesAreListedInColumnsDownThenAcross() {
    let words = [":break", ":continue", ":help", ":next", ":quit", ":step", ":stepi"]
    #expect(
      candidateColumns(words, width: 40) == """
        :break     :next      :stepi
        :continue  :quit
        :help      :step
        """)
    #expect(candidateColumns(words, width: 5) == words.joined(separator: "\n"))
    #expect(candidateColumns(["$statusCode", "$steps."], width: 100) == "$statusCode  $steps.")
    #expect(candidateColumns([], width: 80) == "")
  }
}

/// Where the history file goes, from the caller's path and the environment.
@Suite struct HistoryLocationTests {
  func resolve(_ explicit: String?, _ environment: [String: String]) -> HistoryLocation? {
    HistoryLocation.resolve(explicit: explicit, environment: { environment[$0] })
  }

  @Test func theCallersPathWinsAndEmptyMeansNone() {
    let environment = ["ARAZZO_HISTORY": "/env/h", "XDG_STATE_HOME": "/state", "HOME": "/home/u"]
    #expect(resolve("/given", environment) == HistoryLocation(path: "/given", isDefault: false))
    #expect(resolve("", environment) == nil)
  }

  @Test func thenTheEnvironmentVariable() {
    let environment = ["ARAZZO_HISTORY": "/env/h", "XDG_STATE_HOME": "/state", "HOME": "/home/u"]
    #expect(resolve(nil, environment) == HistoryLocation(path: "/env/h", isDefault: false))
    #expect(resolve(nil, ["ARAZZO_HISTORY": "", "HOME": "/home/u"]) == nil)
  }

  @Test func thenTheXDGStateFolderThenHome() {
    #expect(
      resolve(nil, ["XDG_STATE_HOME": "/state/", "HOME": "/home/u"])
        == HistoryLocation(path: "/state/arazzo/history", isDefault: true))
    #expect(
      resolve(nil, ["HOME": "/home/u"])
        == HistoryLocation(path: "/home/u/.local/state/arazzo/history", isDefault: true))
    // Empty or relative XDG_STATE_HOME is ignored, as the XDG spec says.
    #expect(
      resolve(nil, ["XDG_STATE_HOME": "", "HOME": "/h"])?.path == "/h/.local/state/arazzo/history")
    #expect(
      resolve(nil, ["XDG_STATE_HOME": "state", "HOME": "/h"])?.path
        == "/h/.local/state/arazzo/history")
    #expect(resolve(nil, [:]) == nil)
  }

  /// The tour's progress file follows the same rules, with its own name and variable.
  @Test func otherStateFilesAreFoundTheSameWay() {
    func tour(_ environment: [String: String]) -> HistoryLocation? {
      HistoryLocation.stateFile(
        "tour.json", variable: "ARAZZO_TOUR_PROGRESS", explicit: nil,
        environment: { environment[$0] })
    }
    #expect(
      tour(["ARAZZO_TOUR_PROGRESS": "/p.json", "ARAZZO_HISTORY": "/h"])
        == HistoryLocation(path: "/p.json", isDefault: false))
    #expect(
      tour(["ARAZZO_HISTORY": "/h", "XDG_STATE_HOME": "/state"])
        == HistoryLocation(path: "/state/arazzo/tour.json", isDefault: true))
    #expect(tour(["HOME": "/h"])?.path == "/h/.local/state/arazzo/tour.json")
    #expect(tour(["ARAZZO_TOUR_PROGRESS": "", "HOME": "/h"]) == nil)
  }

  @Test func theFolderOfTheFile() {
    #expect(HistoryLocation(path: "/a/b/history", isDefault: true).directory == "/a/b")
    #expect(HistoryLocation(path: "/history", isDefault: true).directory == "/")
    #expect(HistoryLocation(path: "history", isDefault: false).directory == ".")
  }
}

/// Colour in a prompt is marked so libedit counts no columns for it.
@Suite struct PromptMarkupTests {
  @Test func escapeSequencesAreEnclosed() {
    #expect(PromptMarkup.marked("(arazzo) ") == "(arazzo) ")
    #expect(
      PromptMarkup.marked("\u{1B}[1;34m(pollRun)\u{1B}[0m ")
        == "\u{1}\u{1B}[1;34m\u{1}(pollRun)\u{1}\u{1B}[0m\u{1} ")
    #expect(PromptMarkup.marked("end\u{1B}") == "end\u{1}\u{1B}\u{1}")
  }
}
