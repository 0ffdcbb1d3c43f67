import ArazzoGraph
import ArazzoTestSupport
import Foundation
import Testing

/// A hostile document (`Fixtures/hostile.arazzo.yaml`: step ids, action names and a path full of
/// quotes, brackets, pipes, entities, HTML, backslashes, line breaks and invisible characters)
/// stays well-formed Mermaid and DOT, with its names shown as text; and Graphviz draws it
/// (CI installs Graphviz: `.ci/deps test`).
@Suite struct GraphEscapingTests {
  static let hostile = "Tests/ArazzoGraphTests/Fixtures/hostile.arazzo.yaml"

  /// Every line of the Mermaid form is one of the forms the renderer writes; labels hold no
  /// character Mermaid reads specially except in an entity code.
  @Test func mermaidLinesKeepTheirShape() throws {
    let graph = try lowerGraph(Self.hostile)
    let text = MermaidRenderer.render(graph)
    let label = #""(?:[^"<>\\`|;#]|#[a-z0-9]+;|<br>)*""#
    let id = #"(?:w\d+_(?:start|s\d+|return|fail)|u\d+)"#
    let forms = try [
      #"^flowchart TD$"#, #"^  subgraph wf\d+ \["# + label + #"\]$"#, #"^    direction TB$"#,
      #"^  end$"#,
      "^    \(id)(?:\\[\(label)\\]|\\(\\[\(label)\\]\\)|\\{\\{\(label)\\}\\}|\\[\\[\(label)\\]\\])$",
      "^  \(id) (?:-->|==>|-\\.->)(?:\\|(?:\(label))\\|)? \(id)$",
      #"^  classDef [a-z]+ [a-z0-9:#,\- ]+$"#, "^  class \(id)(?:,\(id))* [a-z]+$",
      #"^  linkStyle [0-9,]+ [a-z0-9:#,\-]+$"#,
    ].map { try Regex($0) }
    var nodes = 0
    var edges = 0
    for line in text.split(separator: "\n") {
      #expect(forms.contains { line.wholeMatch(of: $0) != nil }, "unexpected line: \(line)")
      if line.hasPrefix("    w") { nodes += 1 }
      if line.contains("-->") || line.contains("==>") || line.contains("-.->") { edges += 1 }
    }
    #expect(nodes == graph.nodes.count)
    #expect(edges == graph.edges.count)
    // The names are there, escaped: Mermaid's `end` is only label text.
    #expect(
      text.contains(
        "w0_s0[\"x#quot;] --#gt; y[#quot;pwned<br>GET /a#quot;]#59;x--#gt;y[#quot;#amp;amp#59;#lt;b#gt;#35;quot#59;#124;#96;#59;#92;n\"]"
      ))
    #expect(text.contains("w0_s1[\"end<br>"))
    // A line break, a tab and the invisible characters are shown escaped; so is a backslash.
    #expect(text.contains("line#92;nbreak#92;n#92;ttab #92;u202eevil#92;u200b }#92;N {<br>"))
    #expect(
      text.contains(
        "w0_s0 -->|\"a#124;b#quot; --#gt; c#59; classDef x fill:red#59; and the name goes on past…\"| w0_s1"
      ))
  }

  /// The DOT form's strings escape `"` and `\`; the names arrive in the picture intact.
  @Test func dotStringsAreEscaped() throws {
    let graph = try lowerGraph(Self.hostile)
    let text = DOTRenderer.render(graph)
    #expect(
      text.contains(
        #""w0_s0" [label="x\"] --> y[\"pwned\nGET /a\"];x-->y[\"&amp;amp;<b>#quot;|`;\\n"];"#))
    #expect(text.contains(#"[label="line\\nbreak\\n\\ttab \\u202eevil\\u200b }\\N {\nGET"#))
    let svg = String(decoding: try GraphFormat.svg.render(graph), as: UTF8.self)
    #expect(svg.contains("<svg"))
    // One node per graph node: no label leaked out to make another.
    #expect(svg.components(separatedBy: "class=\"node\"").count - 1 == graph.nodes.count)
    #expect(svg.components(separatedBy: "class=\"edge\"").count - 1 == graph.edges.count)
    #expect(svg.contains("x&quot;] &#45;&#45;&gt; y[&quot;pwned"))
    #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; #quot;"))
  }

  /// A long name is cut in the label, but the run's marks still find its edge by the full name.
  @Test func marksFindAnEdgeWhoseLabelIsCut() throws {
    let graph = try lowerGraph(Self.hostile)
    let name = "a|b\" --> c; classDef x fill:red; and the name goes on past sixty characters"
    let step = try #require(graph.node("w0_s0")?.stepId)
    let marks = GraphMarks(
      on: graph, workflow: 0,
      attempts: [.init(stepId: step, visit: 1, succeeded: true, action: name)], current: nil)
    let taken = try #require(marks.taken.keys.first { graph.edges[$0].kind == .success })
    #expect(graph.edges[taken].action == name)
    #expect(graph.edges[taken].label?.hasSuffix("goes on past…") == true)
  }

  @Test func graphvizIsLookedUpOnPathOnly() {
    #expect(Graphviz.locate(path: "/nonexistent-arazzo-dir") == nil)
    #expect(Graphviz.locate(path: "") == nil)
    #expect(Graphviz.missingMessage.contains("'graphviz'"))
  }
}
