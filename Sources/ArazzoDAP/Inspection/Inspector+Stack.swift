import ArazzoDebugger
import ArazzoIR
import ArazzoJSON
import Foundation

/// `stackTrace`, `source`, `gotoTargets` and `goto`: where the run stands in the documents.
extension Inspector {
  /// The workflow call stack, innermost first: each frame `workflowId · stepId` at the YAML of
  /// its pause point (what `:where` prints), with the address of its IR instruction.
  func stackTrace(_ arguments: InspectionArguments) throws(DAPError) -> JSONValue {
    let frames = engine.inspectedFrames
    // Clamped before any sum: a client's numbers can be anything, Int.max included.
    let start = min(max(0, try arguments.int("startFrame") ?? 0), frames.count)
    let levels = min(max(0, try arguments.int("levels") ?? 0), frames.count)
    let end = levels == 0 ? frames.count : min(frames.count, start + levels)
    var out: [JSONValue] = []
    if start < end {
      for index in start..<end {
        out.append(stackFrame(frames[index], id: frameId(at: index)))
      }
    }
    return ["stackFrames": .array(out), "totalFrames": .integer(frames.count)]
  }

  private func stackFrame(_ frame: InspectedFrame, id: Int) -> JSONValue {
    var name = "\(frame.workflowId) · \(frame.stepId ?? frame.note ?? "end")"
    if frame.stepId != nil, let note = frame.note { name += " (\(note))" }
    var o = JSONObject()
    o["id"] = .integer(id)
    o["name"] = .string(redactor.scrub(name))
    o.setIfPresent("source", documents.source(for: frame.span.file))
    o["line"] = .integer(clientLine(frame.span.start.line))
    o["column"] = .integer(clientColumn(frame.span.start.column))
    o["instructionPointerReference"] = .string(
      InstructionAddress(workflow: frame.workflowIndex, pc: frame.pc).text)
    if frame.note != nil { o["presentationHint"] = "label" }
    return .object(o)
  }

  /// The text of a document of the program, by `sourceReference` or `path`. Only the
  /// program's own documents are served: nothing else on disk is read.
  func source(_ arguments: InspectionArguments) throws(DAPError) -> JSONValue {
    let source = try arguments.objectArgument("source")
    let topLevel = try arguments.int("sourceReference")
    let reference = source?["sourceReference"]?.intValue ?? topLevel
    let file: SourceFile
    if let reference, reference > 0 {
      guard let found = documents.file(reference: reference) else {
        throw DAPError(
          "no source \(reference): the run's documents are numbered 1…\(documents.count)")
      }
      file = found
    } else if let path = source?["path"]?.stringValue {
      guard let found = documents.file(path: path) else {
        throw DAPError("'\(path)' is not a document of this run")
      }
      file = found
    } else {
      throw DAPError("'source' needs \"source.path\" or \"sourceReference\"")
    }
    var o = JSONObject()
    o["content"] = .string(file.text)
    o["mimeType"] = .string(file.text.first == "{" ? "application/json" : "application/yaml")
    return .object(o)
  }

  // MARK: Goto

  /// The step of the current workflow whose YAML holds `line` in `source`, as a goto target.
  func gotoTargetsResponse(_ arguments: InspectionArguments) throws(DAPError) -> JSONValue {
    guard let position = engine.position else {
      throw DAPError("the run has finished: there is no step to go to")
    }
    let line = documentLine(try arguments.requiredInt("line"))
    guard let source = try arguments.objectArgument("source") else {
      throw DAPError("'gotoTargets' needs \"source\"")
    }
    let file: SourceFile?
    if let reference = source["sourceReference"]?.intValue, reference > 0 {
      file = documents.file(reference: reference)
    } else {
      file = source["path"]?.stringValue.flatMap(documents.file(path:))
    }
    let code = engine.program.workflows[position.workflowIndex]
    guard let file, let step = StepLines.step(of: code, in: file, at: line) else {
      throw DAPError(
        "line \(line) is not in a step of workflow '\(code.workflowId)', where the run is: "
          + "a goto target is a step of the current workflow")
    }
    let id = number()
    gotoTargets[id] = StepTarget(workflowIndex: position.workflowIndex, stepId: step.id)
    let span = code.instructions[step.pc].span
    var target = JSONObject()
    target["id"] = .integer(id)
    target["label"] = .string(redactor.scrub("step \(step.id)"))
    target["line"] = .integer(clientLine(span.start.line))
    target["column"] = .integer(clientColumn(span.start.column))
    target["instructionPointerReference"] = .string(
      InstructionAddress(workflow: position.workflowIndex, pc: step.pc).text)
    return ["targets": .array([.object(target)])]
  }

  /// Continues the current workflow at the start of the target's step (`:goto STEP`).
  func goto(_ arguments: InspectionArguments) throws(DAPError) -> JSONValue {
    let id = try arguments.requiredInt("targetId")
    guard let target = gotoTargets[id] else {
      throw unknown("goto target", id, since: "'gotoTargets'")
    }
    guard engine.position?.workflowIndex == target.workflowIndex else {
      throw DAPError("the run is no longer in the workflow of step '\(target.stepId)'")
    }
    do {
      try engine.goto(stepId: target.stepId)
    } catch {
      throw DAPError(error.message)
    }
    runMoved()
    return .null
  }
}

/// A goto target handed out: a step of a workflow.
struct StepTarget {
  var workflowIndex: Int
  var stepId: String
}

/// Which lines of a document each step of a workflow covers: from its `stepId` line to the
/// last line any of its instructions comes from, or on to the line before the next step.
enum StepLines {
  static func step(
    of code: WorkflowCode, in file: SourceFile, at line: Int
  ) -> (id: String, pc: Int)? {
    let steps = code.steps.sorted { $0.pc < $1.pc }
    for (i, step) in steps.enumerated() {
      guard code.instructions.indices.contains(step.pc) else { continue }
      let start = code.instructions[step.pc].span.start
      guard start.file === file else { continue }
      let endPC = i + 1 < steps.count ? steps[i + 1].pc : code.instructions.count
      var last = start.line
      for pc in step.pc..<max(step.pc, min(endPC, code.instructions.count)) {
        let span = code.instructions[pc].span
        if span.file === file { last = max(last, span.start.line) }
      }
      if i + 1 < steps.count, code.instructions.indices.contains(steps[i + 1].pc) {
        let next = code.instructions[steps[i + 1].pc].span.start
        if next.file === file && next.line > start.line { last = max(last, next.line - 1) }
      }
      if line >= start.line && line <= last { return (step.id, step.pc) }
    }
    return nil
  }
}

/// The program's documents: each a DAP `Source`, by path when it is a local file, else by a
/// `sourceReference` that `source` answers.
struct InspectedDocuments {
  private var files: [SourceFile] = []
  /// Absolute path → index in `files`, for local files.
  private var local: [String: Int] = [:]

  init(program: Program) {
    var seen = Set<ObjectIdentifier>()
    func add(_ file: SourceFile) {
      guard seen.insert(ObjectIdentifier(file)).inserted else { return }
      if let path = Self.absoluteLocalPath(file.path) { local[path] = files.count }
      files.append(file)
    }
    for code in program.workflows {
      add(code.span.file)
      for instruction in code.instructions { add(instruction.span.file) }
    }
  }

  var count: Int { files.count }

  /// The absolute path of `path` when it names a regular file on disk, else nil (a document
  /// read from standard input or fetched from a URL).
  static func absoluteLocalPath(_ path: String) -> String? {
    guard !path.isEmpty, !path.contains("://"), !path.hasPrefix("<") else { return nil }
    let absolute =
      path.hasPrefix("/")
      ? path : FileManager.default.currentDirectoryPath + "/" + path
    let standard = (absolute as NSString).standardizingPath
    var directory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: standard, isDirectory: &directory),
      !directory.boolValue
    else { return nil }
    return standard
  }

  /// The `Source` object of `file`: `{name, path}` or `{name, sourceReference}`.
  func source(for file: SourceFile) -> JSONValue? {
    guard let index = files.firstIndex(where: { $0 === file }) else { return nil }
    let name = String(file.path.split(separator: "/").last ?? Substring(file.path))
    var o = JSONObject()
    o["name"] = .string(name)
    if let path = local.first(where: { $0.value == index })?.key {
      o["path"] = .string(path)
    } else {
      o["sourceReference"] = .integer(index + 1)
    }
    return .object(o)
  }

  func file(reference: Int) -> SourceFile? {
    files.indices.contains(reference - 1) ? files[reference - 1] : nil
  }

  /// The document at `path`, as the client names it (absolute) or as the run loaded it.
  func file(path: String) -> SourceFile? {
    if let index = Self.absoluteLocalPath(path).flatMap({ local[$0] }) { return files[index] }
    return files.first { $0.path == path }
  }
}
