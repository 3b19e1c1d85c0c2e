using RecSharp.Data.Configuration;
using RecSharp.Data.Schema;
using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Runtime;
using RecSharp.Training;
using TorchSharp;

namespace RecSharp.Application.Experiments;

/// <summary>Builds the configured model: its type, its hyper-parameters (defaults where unset) and its tasks.</summary>
internal static class ModelFactory
{
    /// <summary>
    /// Creates the model of <paramref name="config"/> (its options record, from the registry) over
    /// <paramref name="columns"/> for <paramref name="tasks"/>.
    /// </summary>
    public static MultiTaskModel Create(
        ModelConfig config, IReadOnlyList<FeatureColumn> columns, IReadOnlyList<TaskDescription> tasks)
    {
        var options = config.Options;
        return ModelRegistry.Create(columns, options with
        {
            TaskNames = tasks.Select(t => t.Name).ToArray(),
            TaskTypes = tasks.Select(t => t.Type.Name()).ToArray(),
            Device = DeviceFor(options.Device),
        });
    }

    /// <summary>
    /// The device of <c>model.device</c>: <c>auto</c> is the GPU when this process's libtorch has CUDA, else the CPU.
    /// Asking for CUDA where there is none fails saying what a user of the command line can do: the recsharp tool
    /// runs on libtorch's CPU build (TorchSharp-cpu).
    /// </summary>
    internal static string DeviceFor(string configured)
    {
        if (configured == "cpu") return configured;
        TorchRuntime.EnsureLoaded();
        bool cuda = torch.cuda.is_available();
        if (configured == "auto") return cuda ? "cuda" : "cpu";
        if (!cuda)
        {
            throw new ArgumentException(
                $"model.device is {configured}, but recsharp runs on libtorch's CPU build (TorchSharp-cpu), which " +
                "has no CUDA: set model.device to cpu or auto to train on this machine's CPU; to train on a GPU, use " +
                "RecSharp from a C# application that references a CUDA backend package (TorchSharp-cuda-linux or " +
                "TorchSharp-cuda-windows, see the README's Install section)");
        }
        return configured;
    }

    /// <summary>
    /// Compiles <paramref name="model"/> as <paramref name="training"/> says: optimizer, losses, loss weights, learning
    /// rate, and the metrics (a list applied by task type, or each task's own, by default auc and logloss for binary
    /// tasks and mse for regression tasks) with the GAUC grouping.
    /// </summary>
    public static void Compile(MultiTaskModel model, TrainingConfig training)
    {
        var tasks = model.Tasks.Select(t => (t.Name, t.Type));
        model.Compile(training.Optimizer, loss: training.Losses?.Select(l => (TaskLoss)l).ToArray(),
            metrics: training.Metrics, lossWeights: training.LossWeights, learningRate: training.LearningRate,
            taskMetrics: training.MetricsOfTask(tasks), groupBy: training.GroupBy);
    }
}
