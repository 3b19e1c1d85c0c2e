namespace RecSharp.Data.Schema;

/// <summary>How the embeddings of a sequence feature's elements are pooled into one vector.</summary>
public enum SequenceCombiner
{
    /// <summary>Average over the non-padding elements.</summary>
    Mean,

    /// <summary>Sum over the non-padding elements.</summary>
    Sum,

    /// <summary>Element-wise maximum over the non-padding elements.</summary>
    Max,
}
