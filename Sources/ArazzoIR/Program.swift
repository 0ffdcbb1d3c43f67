import ArazzoJSON

/// A lowered document: every workflow the entry document can run, each a flat instruction array.
///
/// `workflows` holds the entry document's workflows first, in document order, then the
/// workflows of Arazzo sources that something references (calls, gotos, retries, dependsOn).
public struct Program: Sendable {
  /// The canonical path of the entry document.
  public var entry: String
  public var workflows: [WorkflowCode]
  /// Each lowered document's `components` object as written, by canonical path, for
  /// expressions that read `$components.<kind>.<key>` directly (Reusable Objects are already
  /// inlined). A document without components has no entry.
  public var components: [String: JSONObject]

  public init(entry: String, workflows: [WorkflowCode], components: [String: JSONObject] = [:]) {
    self.entry = entry
    self.workflows = workflows
    self.components = components
  }

  /// The workflow with this program name (for the entry document: its workflowId).
  public func workflow(named name: String) -> WorkflowCode? {
    workflows.first { $0.name == name }
  }

  /// The `components` of the document workflow `index` is written in (empty when it has none).
  public func components(ofWorkflow index: Int) -> JSONObject {
    guard workflows.indices.contains(index) else { return JSONObject() }
    return components[workflows[index].document] ?? JSONObject()
  }

  /// The index of the workflow with this program name.
  public func index(ofWorkflow name: String) -> Int? {
    workflows.firstIndex { $0.name == name }
  }
}

/// One workflow's code: its instructions, step table and metadata.
public struct WorkflowCode: Sendable {
  /// Unique in the program: the workflowId for the entry document, `<source>.<workflowId>` for
  /// workflows of other documents.
  public var name: String
  public var workflowId: String
  /// The canonical path of the document the workflow is written in.
  public var document: String
  /// The `workflowId` value's span.
  public var span: SourceSpan
  public var summary: String?
  /// The inputs JSON Schema with `$ref`s into the document resolved; nil when none is declared.
  public var inputs: JSONValue?
  /// Workflows that must have completed first, in order.
  public var dependsOn: [WorkflowRef]
  public var instructions: [Instruction]
  /// Each step's id and the pc of its `step` instruction, in document order.
  public var steps: [(id: String, pc: Int)]
  /// The pc of `return` (finish succeeded).
  public var returnPC: Int
  /// The pc of `fail` (finish failed).
  public var failPC: Int

  public init(
    name: String, workflowId: String, document: String, span: SourceSpan, summary: String? = nil,
    inputs: JSONValue?, dependsOn: [WorkflowRef], instructions: [Instruction],
    steps: [(id: String, pc: Int)], returnPC: Int, failPC: Int
  ) {
    self.name = name
    self.workflowId = workflowId
    self.document = document
    self.span = span
    self.summary = summary
    self.inputs = inputs
    self.dependsOn = dependsOn
    self.instructions = instructions
    self.steps = steps
    self.returnPC = returnPC
    self.failPC = failPC
  }

  /// The pc of step `id`'s `step` instruction.
  public func pc(ofStep id: String) -> Int? { steps.first { $0.id == id }?.pc }

  /// The step whose instructions include `pc` (nil for `return`/`fail`).
  public func stepId(at pc: Int) -> String? {
    instructions.indices.contains(pc) ? instructions[pc].stepId : nil
  }
}

/// A reference from one workflow to another: as written, and where it resolved.
public struct WorkflowRef: Sendable, Equatable {
  /// The `workflowId`/`dependsOn` value as written (`$sourceDescriptions.other.wf` or `wf`).
  public var reference: String
  /// The index into `Program.workflows`; nil when it could not be resolved (source not loaded).
  public var index: Int?

  public init(reference: String, index: Int?) {
    self.reference = reference
    self.index = index
  }
}
