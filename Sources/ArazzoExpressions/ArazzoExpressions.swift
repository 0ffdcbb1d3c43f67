/// Runtime expressions, conditions and criteria (filled in by the language core).
public enum ArazzoExpressions {}
