namespace RecSharp.Data.Streaming;

/// <summary>What a row of an experiment's data is used for.</summary>
public enum DataRole
{
    /// <summary>Trained on (and the preprocessing fitted on).</summary>
    Train,

    /// <summary>Scored after each epoch.</summary>
    Validation,

    /// <summary>Scored once, after training.</summary>
    Test,
}
