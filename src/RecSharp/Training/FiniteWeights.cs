using RecSharp.Models;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>Finds NaN or infinite values among a model's floating-point parameters and buffers.</summary>
internal static class FiniteWeights
{
    /// <summary>
    /// The first state tensor holding a NaN or infinite value, with what it holds (<c>NaN</c> or <c>infinite</c>),
    /// or null when every value is finite. One synchronisation with the device when all are finite.
    /// </summary>
    public static (string Key, string Value)? FirstNonFinite(MultiTaskModel model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var state = model.state_dict().Where(kv => kv.Value.is_floating_point()).ToArray();
        if (state.Length == 0) return null;
        var finite = stack(state.Select(kv => kv.Value.isfinite().all()).ToArray());   // (tensors)
        if (finite.all().item<bool>()) return null;
        int first = Array.IndexOf(finite.cpu().data<bool>().ToArray(), false);
        var (key, value) = state[first];
        return (key, value.isnan().any().item<bool>() ? "NaN" : "infinite");
    }

    /// <summary>Throws <see cref="TrainingDivergedException"/> when a weight is NaN or infinite after a step.</summary>
    public static void Require(MultiTaskModel model, int epoch, int step)
    {
        if (FirstNonFinite(model) is { } bad)
            throw TrainingDivergedException.NonFiniteWeights(epoch, step, bad.Key, bad.Value);
    }
}
