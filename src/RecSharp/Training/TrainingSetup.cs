using RecSharp.Training.Metrics;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>What <c>Compile</c> fixed: the optimizer, each task's loss and weight, and the metrics.</summary>
/// <param name="Optimizer">The optimizer.</param>
/// <param name="Losses">Each task's loss.</param>
/// <param name="LossWeights">Each task's loss weight (1 unless given).</param>
/// <param name="Metrics">The metrics list given to <c>Compile</c> (each computed on the tasks of the type it suits).
/// </param>
/// <param name="TaskMetrics">The metrics of each task, in task order, logged as <c>&lt;task&gt;_&lt;metric&gt;</c>.
/// </param>
/// <param name="GroupBy">The sparse input whose values group the rows for GAUC (a user id, say), or null.</param>
/// <param name="UncertaintyLogVariances">
/// With uncertainty weighting (Kendall et al., CVPR 2018), the learned log-variance <c>s_t</c> of each task,
/// <c>(tasks)</c>; the loss is <c>Σ_t exp(−s_t)·w_t·L_t + rows·s_t</c>, where <c>L_t</c> is summed over rows. Null
/// otherwise.
/// </param>
internal sealed record TrainingSetup(
    optim.Optimizer Optimizer,
    IReadOnlyList<TaskLoss> Losses,
    IReadOnlyList<double> LossWeights,
    IReadOnlyList<Metric> Metrics,
    IReadOnlyList<IReadOnlyList<Metric>> TaskMetrics,
    string? GroupBy,
    Parameter? UncertaintyLogVariances)
{
    /// <summary>The names of every task's metrics, each once, in the order they first appear.</summary>
    public IReadOnlyList<string> MetricNames => TaskMetrics.SelectMany(m => m).Select(m => m.Name).Distinct().ToArray();

    /// <summary>The loss's constant scalars.</summary>
    internal LossScalars Scalars { get; } = new(LossWeights);

    /// <summary>
    /// Whether every task has the same named loss, weighted 1, without uncertainty weights: then a step's loss over
    /// its rows and tasks is that loss's one sum over the <c>(rows, tasks)</c> outputs (the same terms and gradients).
    /// </summary>
    internal bool OneLossForAllTasks { get; } = UncertaintyLogVariances is null
        && Losses.All(l => l.IsNamed && l.Name == Losses[0].Name) && LossWeights.All(w => w == 1);
}
