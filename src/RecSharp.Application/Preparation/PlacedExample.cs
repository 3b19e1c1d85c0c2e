using RecSharp.Data.Configuration;

namespace RecSharp.Application.Preparation;

/// <summary>
/// The built-in example's rows written where a fit reads them (see <see cref="BuiltInExample.Place"/>), with the
/// experiment that reads them; disposing it removes the scratch folder it may have written them into.
/// </summary>
internal sealed class PlacedExample : IDisposable
{
    private readonly string? _scratch;

    internal PlacedExample(ExperimentConfig config, string? scratch)
    {
        Config = config;
        _scratch = scratch;
    }

    /// <summary>The example's experiment, its data path the written rows.</summary>
    public ExperimentConfig Config { get; }

    /// <summary>Removes the scratch folder, if the rows went into one.</summary>
    public void Dispose()
    {
        if (_scratch is not null && Directory.Exists(_scratch)) Directory.Delete(_scratch, recursive: true);
    }
}
