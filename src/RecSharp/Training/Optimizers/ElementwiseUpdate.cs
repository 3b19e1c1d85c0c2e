using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// An optimizer's element-wise update of <paramref name="values"/> (a parameter, or a flat group's buffer) from
/// <paramref name="gradients"/> and the optimizer's <paramref name="states"/> (one tensor per <see cref="StateSlot"/>,
/// aligned with the values), at step <paramref name="step"/> (already counted; 0 for optimizers that count none).
/// </summary>
internal delegate void ElementwiseUpdate(Tensor values, Tensor gradients, IReadOnlyList<Tensor> states, long step);
