namespace RecSharp.Training.Streaming;

/// <summary>
/// Consecutive training rows as <c>Fit</c>'s array overload takes them: inputs by name (see
/// <see cref="Inputs.InputConverter"/>), labels <c>(rows, tasks)</c> and an optional mask of the labels that apply.
/// </summary>
/// <param name="X">Inputs by name, each with <see cref="Rows"/> rows.</param>
/// <param name="Y">Labels, rows × tasks.</param>
/// <param name="Mask">False where a task's label does not apply; null when all apply.</param>
public sealed record TrainingChunk(IReadOnlyDictionary<string, Array> X, double[,] Y, bool[,]? Mask = null)
{
    /// <summary>Number of rows.</summary>
    public int Rows => Y.GetLength(0);
}
