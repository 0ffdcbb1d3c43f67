import ArazzoIR
import ArazzoJSON

/// The address of an IR instruction, as `instructionPointerReference`, `memoryReference` and
/// disassembly `address`: `0x` and the hex of (workflow index + 1) · 2³² + pc, so
/// `0x100000005` is instruction 5 of the program's first workflow. One instruction counts as
/// one byte: the byte `offset` and the `instructionOffset` of `disassemble` both move by
/// instructions.
struct InstructionAddress: Equatable {
  var workflow: Int
  /// May lie outside the workflow's instructions (a disassembly scrolled past either end), by
  /// less than 2³¹.
  var pc: Int

  static let stride = 1 << 32

  /// The address as an integer.
  var value: Int { (workflow + 1) * Self.stride + pc }

  var text: String { "0x" + String(value, radix: 16, uppercase: true) }

  init(workflow: Int, pc: Int) {
    self.workflow = workflow
    self.pc = pc
  }

  /// Reads an address this adapter gave out (hex with `0x`, or decimal); nil for any other.
  init?(parsing text: String) {
    let value: Int?
    if text.hasPrefix("0x") || text.hasPrefix("0X") {
      value = Int(text.dropFirst(2), radix: 16)
    } else {
      value = Int(text)
    }
    // Each workflow owns the addresses within 2³¹ of its base, so a filler's address before
    // the first instruction reads back as a negative pc of the same workflow.
    let half = Self.stride / 2
    guard let value, value >= half, value <= Int.max - half else { return nil }
    let workflow = (value + half) / Self.stride - 1
    self.init(workflow: workflow, pc: value - (workflow + 1) * Self.stride)
  }
}

extension Inspector {
  /// The most instructions one `disassemble` answers.
  static let maxInstructions = 10_000

  /// The workflow's IR around an address, one `DisassembledInstruction` per instruction (the
  /// printer of `arazzo lower` and `:ir`, on one line); places before the first instruction or
  /// after the last are `invalid` fillers, so exactly `instructionCount` come back.
  func disassemble(_ arguments: InspectionArguments) throws(DAPError) -> JSONValue {
    let reference = try arguments.requiredString("memoryReference")
    let program = engine.program
    guard let base = InstructionAddress(parsing: reference),
      program.workflows.indices.contains(base.workflow)
    else {
      throw DAPError(
        "'\(reference.prefix(40))' is no instruction address of this run "
          + "(they look like \(InstructionAddress(workflow: 0, pc: 0).text))")
    }
    let count = try arguments.requiredInt("instructionCount")
    guard count >= 0, count <= Self.maxInstructions else {
      throw DAPError("instructionCount must be 0…\(Self.maxInstructions), not \(count)")
    }
    // Offsets beyond any workflow's size are clamped: every instruction there is a filler.
    let limit = 1 << 30
    let offset = min(max(try arguments.int("offset") ?? 0, -limit), limit)
    let instructionOffset = min(max(try arguments.int("instructionOffset") ?? 0, -limit), limit)
    let code = program.workflows[base.workflow]
    let start = min(max(base.pc + offset + instructionOffset, -limit), limit)
    let printer = IRPrinter()
    var out: [JSONValue] = []
    out.reserveCapacity(count)
    for pc in start..<(start + count) {
      let address = InstructionAddress(workflow: base.workflow, pc: pc).text
      guard code.instructions.indices.contains(pc) else {
        out.append([
          "address": .string(address), "instruction": "", "presentationHint": "invalid",
        ])
        continue
      }
      var o = JSONObject()
      o["address"] = .string(address)
      let lines = printer.instruction(at: pc, of: code, in: program)
        .split(separator: "\n").map { $0.drop { $0 == " " } }
      o["instruction"] = .string(redactor.scrub(lines.joined(separator: "  ")))
      let stepId = code.stepId(at: pc)
      o["symbol"] = .string(redactor.scrub(code.workflowId + (stepId.map { " · \($0)" } ?? "")))
      let span = code.instructions[pc].span
      o.setIfPresent("location", documents.source(for: span.file))
      o["line"] = .integer(clientLine(span.start.line))
      o["column"] = .integer(clientColumn(span.start.column))
      o["presentationHint"] = "normal"
      out.append(.object(o))
    }
    return ["instructions": .array(out)]
  }
}
