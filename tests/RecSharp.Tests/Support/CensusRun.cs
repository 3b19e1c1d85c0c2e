using RecSharp.Models;
using RecSharp.Training;

namespace RecSharp.Tests.Support;

/// <summary>A model trained on the census experiment, and its history (the test rows' metrics per epoch).</summary>
/// <param name="Model">The trained model, owned by the <see cref="CensusFixture"/>.</param>
/// <param name="History">The fit's history: <c>val_&lt;task&gt;_auc</c> holds each epoch's test AUC.</param>
public sealed record CensusRun(MultiTaskModel Model, History History)
{
    /// <summary>Each task's test AUC after <paramref name="epoch"/> epochs (from 1), in the model's task
    /// order.</summary>
    public double[] TestAucs(int epoch) =>
        Model.Tasks.Select(t => History[$"val_{t.Name}_auc"][epoch - 1]).ToArray();
}
