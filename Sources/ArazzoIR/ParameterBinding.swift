import ArazzoExpressions
import ArazzoJSON
import ArazzoSyntax

/// Where a lowered parameter, action or input came from.
public enum Origin: Sendable, Equatable {
  /// Written on the step (or, for actions, in the step's list).
  case step
  /// Inherited from the workflow-level `parameters`, `successActions` or `failureActions`.
  case workflow
}

/// One effective parameter of a `request`, or one input of a `call` or workflow `goto`.
public final class ParameterBinding: Sendable {
  public let name: String
  /// `path`, `query`, `header`, `cookie`…; nil for workflow inputs.
  public let location: ParameterLocation?
  /// The value, compiled once (literal, expression or template).
  public let value: ValueTemplate
  public let origin: Origin
  /// The Reusable Object's reference (`$components.parameters.page`) when it was one.
  public let component: String?
  /// The operation's declaration of this parameter (style, explode), when it has one.
  public let declaration: OpenAPIParameter?
  /// Where the value is written (the Reusable Object's `value` when it overrides).
  public let span: SourceSpan

  public init(
    name: String, location: ParameterLocation?, value: ValueTemplate, origin: Origin,
    component: String? = nil, declaration: OpenAPIParameter? = nil, span: SourceSpan
  ) {
    self.name = name
    self.location = location
    self.value = value
    self.origin = origin
    self.component = component
    self.declaration = declaration
    self.span = span
  }
}

/// A request body: payload template, replacements and the content type to send.
public struct BodyTemplate: Sendable {
  /// Where the content type was decided.
  public enum ContentTypeSource: String, Sendable {
    /// Written in the step's `contentType`.
    case step
    /// Chosen from the operation's request body media types (docs/semantics.md#content-type).
    case operation
    /// Neither says: the runtime sends the payload as JSON when it is structured.
    case none
  }

  public var contentType: String?
  public var contentTypeSource: ContentTypeSource
  /// The payload, compiled once; nil when the body has only replacements.
  public var payload: ValueTemplate?
  /// Applied after the payload is evaluated, in order (§6.9).
  public var replacements: [PayloadEdit]
  public var span: SourceSpan

  public init(
    contentType: String?, contentTypeSource: ContentTypeSource, payload: ValueTemplate?,
    replacements: [PayloadEdit], span: SourceSpan
  ) {
    self.contentType = contentType
    self.contentTypeSource = contentTypeSource
    self.payload = payload
    self.replacements = replacements
    self.span = span
  }
}

/// One payload replacement: a target location in the body and the value written there.
public struct PayloadEdit: Sendable {
  /// A JSON Pointer (JSON bodies) or XPath (XML bodies), as written.
  public var target: String
  /// [1.1] The declared selector language of `target`.
  public var targetType: ExpressionType?
  public var value: ValueTemplate
  public var span: SourceSpan

  public init(
    target: String, targetType: ExpressionType? = nil, value: ValueTemplate, span: SourceSpan
  ) {
    self.target = target
    self.targetType = targetType
    self.value = value
    self.span = span
  }
}
