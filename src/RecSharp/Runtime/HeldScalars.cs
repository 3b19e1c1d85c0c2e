using TorchSharp;

namespace RecSharp.Runtime;

/// <summary>
/// Scalars held for the life of the process. TorchSharp turns a number given where a <see cref="Scalar"/> is expected
/// (<c>t + u</c>'s alpha, <c>t * 0.5</c>, <c>1 - t</c>) into a temporary whose finalizer may free it while libtorch
/// still reads it, when another thread's allocations start a collection during the call; code on the training and
/// inference paths passes these instead.
/// </summary>
internal static class HeldScalars
{
    /// <summary>The number 1 (the alpha of a plain sum).</summary>
    public static readonly Scalar One = 1.0.ToScalar();
}
