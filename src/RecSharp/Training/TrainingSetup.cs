using RecSharp.Training.Metrics;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>What <c>Compile</c> fixed: the optimizer, each task's loss and weight, and the metrics.</summary>
internal sealed class TrainingSetup
{
    internal TrainingSetup(optim.Optimizer optimizer, IReadOnlyList<TaskLoss> losses, IReadOnlyList<double> lossWeights,
        IReadOnlyList<Metric> metrics, IReadOnlyList<IReadOnlyList<Metric>> taskMetrics, string? groupBy,
        Parameter? uncertaintyLogVariances)
    {
        Optimizer = optimizer;
        Losses = losses;
        LossWeights = lossWeights;
        Metrics = metrics;
        TaskMetrics = taskMetrics;
        GroupBy = groupBy;
        UncertaintyLogVariances = uncertaintyLogVariances;
        Scalars = new LossScalars(lossWeights);
    }

    /// <summary>The optimizer.</summary>
    public optim.Optimizer Optimizer { get; }

    /// <summary>Each task's loss.</summary>
    public IReadOnlyList<TaskLoss> Losses { get; }

    /// <summary>Each task's loss weight (1 unless given).</summary>
    public IReadOnlyList<double> LossWeights { get; }

    /// <summary>The metrics list given to <c>Compile</c> (each computed on the tasks of the type it suits).</summary>
    public IReadOnlyList<Metric> Metrics { get; }

    /// <summary>The metrics of each task, in task order, logged as <c>&lt;task&gt;_&lt;metric&gt;</c>.</summary>
    public IReadOnlyList<IReadOnlyList<Metric>> TaskMetrics { get; }

    /// <summary>The names of every task's metrics, each once, in the order they first appear.</summary>
    public IReadOnlyList<string> MetricNames => TaskMetrics.SelectMany(m => m).Select(m => m.Name).Distinct().ToArray();

    /// <summary>The sparse input whose values group the rows for GAUC (a user id, say), or null.</summary>
    public string? GroupBy { get; }

    /// <summary>
    /// With uncertainty weighting (Kendall et al., CVPR 2018), the learned log-variance <c>s_t</c> of each task,
    /// <c>(tasks)</c>; the loss is <c>Σ_t exp(−s_t)·w_t·L_t + rows·s_t</c>, where <c>L_t</c> is summed over rows. Null
    /// otherwise.
    /// </summary>
    public Parameter? UncertaintyLogVariances { get; }

    /// <summary>The loss's constant scalars.</summary>
    internal LossScalars Scalars { get; }
}
