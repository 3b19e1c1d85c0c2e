using RecSharp.Catalog;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>
/// Optimizers by name with the reference's defaults, which are torch's: <c>sgd</c> (lr 0.01), <c>adam</c> (1e-3,
/// β 0.9 and 0.999, ε 1e-8), <c>adamw</c> (as adam, with decoupled weight decay 1e-2), <c>adagrad</c> (0.01,
/// ε 1e-10), <c>rmsprop</c> (0.01, α 0.99, ε 1e-8). They are
/// TorchSharp's optimizers with a step that keeps its scalars alive while libtorch reads them (see
/// <see cref="Optimizers.StepScalars"/>).
/// </summary>
internal static class OptimizerFactory
{
    /// <summary>The names understood.</summary>
    public static readonly IReadOnlyList<string> KnownNames = TrainingNames.Optimizers;

    /// <summary>Creates the named optimizer over <paramref name="parameters"/>, with <paramref name="learningRate"/> or
    /// the default.</summary>
    public static optim.Optimizer Create(string name, IEnumerable<Parameter> parameters, double? learningRate = null)
    {
        if (learningRate is { } lr && !(lr > 0 && double.IsFinite(lr)))
            throw new ArgumentException($"learningRate must be a positive number, got {lr}", nameof(learningRate));
        return name?.ToLowerInvariant() switch
        {
            "sgd" => new Optimizers.SGD(parameters, learningRate ?? 0.01),
            "adam" => new Optimizers.Adam(parameters, learningRate ?? 1e-3),
            "adamw" => new Optimizers.AdamW(parameters, learningRate ?? 1e-3),
            "adagrad" => new Optimizers.Adagrad(parameters, learningRate ?? 0.01),
            "rmsprop" => new Optimizers.RMSProp(parameters, learningRate ?? 0.01),
            _ => throw new ArgumentException(
                $"optimizer \"{name}\" is not one of {string.Join(", ", KnownNames)} (or pass a TorchSharp optimizer)",
                nameof(name)),
        };
    }
}
