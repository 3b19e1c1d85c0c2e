using TorchSharp;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// <see cref="Scalar"/>s referenced until this object is disposed, then freed: those of one optimizer step, or an
/// optimizer's constants for the optimizer's lifetime, so that a step creates only the few that change. A
/// <see cref="Scalar"/> that only a native call's argument refers to can be collected, and its native value freed by
/// the finalizer thread, while libtorch still reads it: that fails the step ("Expected false to be true") or corrupts
/// it. Every number an optimizer passes to libtorch goes through <see cref="Of"/>, and only overloads that take every
/// scalar explicitly are called (TorchSharp's <c>add_(Scalar)</c> makes a temporary alpha of 1 itself).
/// </summary>
internal sealed class StepScalars : IDisposable
{
    private readonly List<Scalar> _held = [];

    /// <summary>A <see cref="Scalar"/> of <paramref name="value"/> that lives until this object is disposed.</summary>
    public Scalar Of(double value)
    {
        var scalar = value.ToScalar();
        _held.Add(scalar);
        return scalar;
    }

    /// <summary>Frees every scalar handed out.</summary>
    public void Dispose()
    {
        foreach (var scalar in _held) scalar.Dispose();
        _held.Clear();
    }
}
