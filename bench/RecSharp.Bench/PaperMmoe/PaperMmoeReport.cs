using RecSharp.Catalog;
using RecSharp.Bench.Reporting;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>A finished grid: the settings, every run, the models' sizes, the time taken and the machine.</summary>
/// <param name="Options">The settings the grid ran with.</param>
/// <param name="Runs">Every trained model, in the order trained.</param>
/// <param name="ParameterCounts">Trainable values per model type.</param>
/// <param name="Seconds">Wall time of the whole grid.</param>
/// <param name="Machine">The machine, the versions and the load average at the end.</param>
internal sealed record PaperMmoeReport(
    PaperMmoeOptions Options,
    IReadOnlyList<PaperMmoeRun> Runs,
    IReadOnlyDictionary<ModelDefinition, long> ParameterCounts,
    double Seconds,
    MachineInfo Machine)
{
    /// <summary>Mean and spread of the final test MSE per model, correlation and task, in the grid's order.</summary>
    public IReadOnlyList<PaperMmoeCell> Cells() =>
        [.. from model in Options.Models
            from p in Options.Correlations
            from task in Enumerable.Range(0, PaperMmoeModels.TaskNames.Length)
            let values = Losses(model, p, task)
            select new PaperMmoeCell(model.Name, p, task, values.Average(), SampleStd(values), values.Length)];

    /// <summary>
    /// The final test MSE of <paramref name="task"/> in every run of <paramref name="model"/> at correlation
    /// <paramref name="p"/>.
    /// </summary>
    public double[] Losses(ModelDefinition model, double p, int task) =>
        [.. Runs.Where(r => r.Model == model && r.Correlation.Equals(p)).Select(r => r.TaskMse[task])];

    /// <summary>The correlation the change table starts from: the grid's highest.</summary>
    public double ReferenceCorrelation => Options.Correlations.Max();

    /// <summary>
    /// Per seed, the change of the mean test MSE of both tasks from <see cref="ReferenceCorrelation"/> to
    /// <paramref name="p"/>. A seed draws the same inputs, noise, first task and sine terms at every correlation (only
    /// the second task's weights turn), so the difference isolates what the lower correlation costs.
    /// </summary>
    public double[] ChangeFromReference(ModelDefinition model, double p)
    {
        var reference = Runs.Where(r => r.Model == model && r.Correlation.Equals(ReferenceCorrelation))
            .ToDictionary(r => r.Seed, r => r.TaskMse.Average());
        return [.. Runs.Where(r => r.Model == model && r.Correlation.Equals(p) && reference.ContainsKey(r.Seed))
            .Select(r => r.TaskMse.Average() - reference[r.Seed])];
    }

    /// <summary>The standard deviation with n − 1 in the denominator; 0 for fewer than two values.</summary>
    public static double SampleStd(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2) return 0;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
