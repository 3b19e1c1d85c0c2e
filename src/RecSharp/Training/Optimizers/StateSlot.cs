using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// One per-parameter state tensor of an optimizer (Adam's <c>exp_avg</c>, Adagrad's <c>sum</c>, …): how to read it
/// from a parameter's state and how to replace it there.
/// </summary>
internal sealed record StateSlot(Func<Parameter, Tensor> Get, Action<Parameter, Tensor> Set);
