// # ArazzoExpressions
//
// The expression language of Arazzo, with no knowledge of the document model: everything is
// parsed from a string plus the `SourceLocation` where that string's first character sits
// (nil → a synthetic `<expr>` file), and every error is a located `Diagnostic`.
//
// Parse once (lowering), evaluate many times (runtime, debugger):
//
// | text | parse | evaluate |
// |---|---|---|
// | runtime expression | `RuntimeExpression.parse(_:origin:)` | `evaluate(in:) -> Resolution` |
// | value / payload | `ValueTemplate.compile(string:origin:options:diagnostics:)`, `ValueTemplate.compile(_:options:locate:diagnostics:)` | `evaluate(in:)` |
// | simple condition | `Condition.parse(_:origin:)` | `evaluate(in:) -> ConditionOutcome`, `explain(in:) -> ConditionTrace` |
// | criterion | `CompiledCriterion.compile(_:options:diagnostics:)` | `evaluate(in:)`, `explain(in:) -> CriterionResult` |
// | REPL / `arazzo eval` input | `Evaluable.parse(_:origin:)` | `evaluate(in:)`, `explain(in:)` |
//
// The runtime supplies values through `ExpressionContext`; `JSONContext` implements it over
// one JSON object. A value that is not there is `Resolution.missing(reason)`, never a crash.
//
// Grammars: `grammar/runtime-expression.abnf` (with our boundary rules) and
// `grammar/condition.ebnf`. Semantics decisions: `ConditionSemantics` (comparisons, case
// folding), `Embedding` (values in strings), `CompiledCriterion.match` (regex dialect; matched by
// ArazzoJSON's `BoundedRegex`, bounded and deadline-aware), `XPathProgram`
// (XPath 1.0 via libxml2), `CompiledCriterion.compile` (jsonpath logical-expression reading).
