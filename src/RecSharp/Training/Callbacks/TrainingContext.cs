using RecSharp.Models;
using RecSharp.Training.Checkpoints;

namespace RecSharp.Training.Callbacks;

/// <summary>
/// What a running fit shares with its callbacks: the model, this process's rank, the request to stop, and the writing
/// of a resumable checkpoint of the point the fit has reached.
/// </summary>
public sealed class TrainingContext
{
    private readonly TrainingSetup _setup;
    private readonly Func<TrainingPosition> _position;
    private bool _ended;

    internal TrainingContext(MultiTaskModel model, TrainingSetup setup, int rank, Func<TrainingPosition> position) =>
        (Model, _setup, Rank, _position) = (model, setup, rank, position);

    /// <summary>The model being trained.</summary>
    public MultiTaskModel Model { get; }

    /// <summary>
    /// This process's rank in a data-parallel fit (0 otherwise). Every rank runs the same callbacks; only rank 0
    /// writes files (<see cref="ModelCheckpoint"/> writes there alone).
    /// </summary>
    public int Rank { get; }

    /// <summary>Set to end training after the current epoch.</summary>
    public bool StopRequested { get; set; }

    /// <summary>
    /// Writes a checkpoint of the fit as it stands now (between two steps, or at the end of an epoch) to
    /// <paramref name="path"/>: the model with its optimizer state, epoch, batch, generator state and row order, from
    /// which <c>Fit(resumeFrom:)</c> continues exactly. In a data-parallel fit every rank calls it, since the position
    /// is gathered from all of them, and rank 0 alone writes.
    /// </summary>
    public void SaveCheckpoint(string path)
    {
        if (_ended) throw new InvalidOperationException("the fit has ended: a checkpoint is written while it runs");
        var position = _position();
        if (Rank == 0) TrainingCheckpoint.Save(path, Model, _setup, position);
    }

    /// <summary>Marks the fit as ended: its position is gone.</summary>
    internal void End() => _ended = true;
}
