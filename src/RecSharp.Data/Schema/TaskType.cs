namespace RecSharp.Data.Schema;

/// <summary>The kind of prediction a task makes.</summary>
public enum TaskType
{
    /// <summary>A probability of a 0/1 label (sigmoid output, log loss).</summary>
    Binary,

    /// <summary>A real-valued prediction (identity output, squared error).</summary>
    Regression,
}
