using static TorchSharp.torch;

namespace RecSharp.Models;

/// <summary>
/// Who may use a model at once. Any number of inferences (predict, evaluate, gate weights, save) run together, all in
/// eval mode and without gradients: the first to start puts the model in eval mode, the last to end restores the mode
/// it found, and the mode changes only under a lock, so no inference ever runs in training mode (dropout off, BatchNorm
/// reads its running statistics and never updates them). A model that computes the same in both modes (no dropout, no
/// BatchNorm, a plain activation) keeps its mode: switching every module twice would cost a small batch more than its
/// forward. Whatever changes weights or the mode (a fit, loading a state
/// dict) runs alone: it waits for running inferences and holds new ones off until it ends. The same thread may nest
/// them, as a fit's validation predicts inside it.
/// </summary>
internal sealed class ModelAccess : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.SupportsRecursion);
    private readonly object _modeLock = new();
    private int _inferences;
    private bool _restoreTraining;

    /// <summary>Runs <paramref name="work"/> with <paramref name="module"/> in eval mode, without gradients; when
    /// <paramref name="modeMatters"/> is false (the module computes the same in either mode), in the mode it is
    /// in.</summary>
    public T Infer<T>(nn.Module module, Func<T> work, bool modeMatters = true) => Shared(() =>
    {
        if (!modeMatters)
        {
            using var noGradOnly = no_grad();
            return work();
        }
        lock (_modeLock)
        {
            if (_inferences++ == 0)
            {
                _restoreTraining = module.training;
                if (_restoreTraining) module.eval();
            }
        }
        try
        {
            using var noGrad = no_grad();
            return work();
        }
        finally
        {
            lock (_modeLock)
            {
                if (--_inferences == 0 && _restoreTraining) module.train();
            }
        }
    });

    /// <summary>Runs <paramref name="work"/>, which only reads the model's state, beside inferences.</summary>
    public T Shared<T>(Func<T> work) => Holding(_lock.EnterReadLock, _lock.ExitReadLock, work);

    /// <summary>Runs <paramref name="work"/>, which may change weights or the mode, alone.</summary>
    public T Exclusive<T>(Func<T> work) => Holding(_lock.EnterWriteLock, _lock.ExitWriteLock, work);

    /// <summary>Runs <paramref name="work"/>, which may change weights or the mode, alone.</summary>
    public void Exclusive(Action work) => Exclusive(() =>
    {
        work();
        return true;
    });

    public void Dispose() => _lock.Dispose();

    private static T Holding<T>(Action enter, Action exit, Func<T> work)
    {
        enter();
        try
        {
            return work();
        }
        finally
        {
            exit();
        }
    }
}
