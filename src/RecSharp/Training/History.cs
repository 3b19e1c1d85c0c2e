using RecSharp.Training.Callbacks;

namespace RecSharp.Training;

/// <summary>The loss and every metric of each epoch of a fit (the reference's <c>History</c>); always
/// recorded.</summary>
public sealed class History : Callback
{
    private readonly Dictionary<string, List<double>> _values = new(StringComparer.Ordinal);
    private readonly List<int> _epochs = [];
    private readonly List<string> _warnings = [];

    /// <summary>The epochs recorded, zero-based.</summary>
    public IReadOnlyList<int> Epochs => _epochs;

    /// <summary>Each logged quantity (<c>loss</c>, <c>&lt;task&gt;_&lt;metric&gt;</c>, <c>val_…</c>) by
    /// epoch.</summary>
    public IReadOnlyDictionary<string, List<double>> Values => _values;

    /// <summary>What the fit found suspicious but did not stop for (a loss that grew tenfold), one line each.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The series of one quantity, or an error naming those recorded.</summary>
    public IReadOnlyList<double> this[string name] => _values.TryGetValue(name, out var series)
        ? series
        : throw new KeyNotFoundException($"history has no \"{name}\"; it holds {string.Join(", ", _values.Keys)}");

    internal void AddWarning(string warning) => _warnings.Add(warning);

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        _epochs.Add(epoch);
        foreach (var (name, value) in logs)
        {
            if (!_values.TryGetValue(name, out var series)) _values[name] = series = [];
            series.Add(value);
        }
    }
}
