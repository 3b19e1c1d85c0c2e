using RecSharp.Catalog;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>One trained model of the grid: its final test MSE per task.</summary>
/// <param name="Model">The model type.</param>
/// <param name="Correlation">The task correlation p of its data.</param>
/// <param name="Seed">The seed of its data draw and initialisation.</param>
/// <param name="TaskMse">The test MSE of each task after the last epoch, in task order.</param>
/// <param name="Seconds">Wall time of its fit and evaluation, re-runs included.</param>
/// <param name="Reruns">
/// How often the fit failed in libtorch and was run again from its seed (see <see cref="PaperMmoeRunner"/>).
/// </param>
internal sealed record PaperMmoeRun(
    ModelDefinition Model, double Correlation, int Seed, IReadOnlyList<double> TaskMse, double Seconds, int Reruns);
