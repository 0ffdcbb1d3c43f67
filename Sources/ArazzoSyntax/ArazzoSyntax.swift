import ArazzoJSON
import ArazzoExpressions

/// Loading, the document model and validation (filled in by the language core).
public enum ArazzoSyntax {}
