namespace RecSharp.Training.Metrics;

/// <summary>What a metric requires of each label that takes part.</summary>
internal enum LabelRule
{
    /// <summary>Any finite number (regression metrics).</summary>
    Finite,

    /// <summary>A number in [0, 1], soft labels included (log loss).</summary>
    Probability,

    /// <summary>Exactly 0 or 1 (AUC, GAUC, accuracy).</summary>
    Binary,
}
