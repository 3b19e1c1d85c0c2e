namespace RecSharp.Training.Callbacks;

/// <summary>State shared between a running fit and its callbacks.</summary>
public sealed class TrainingControl
{
    /// <summary>Set to end training after the current epoch.</summary>
    public bool StopRequested { get; set; }
}
