using System.Globalization;
using System.Text.RegularExpressions;
using RecSharp.Persistence;
using RecSharp.Persistence.SafeTensors;
using RecSharp.Training.Checkpoints;

namespace RecSharp.Training.Callbacks;

/// <summary>
/// Saves the model after epochs (and optionally every few batches), atomically (temporary file, then rename), so an
/// interrupted save never damages an earlier checkpoint. By default a checkpoint also holds the training state, so
/// <c>Fit(..., resumeFrom: path)</c> continues exactly where it was written (see <see cref="TrainingCheckpoint"/>);
/// it stays loadable with <c>ModelPersistence.Load</c>. The path pattern may hold <c>{epoch}</c> (one-based),
/// <c>{batch}</c> (batches done in the epoch; 0 at an epoch's end) and any logged quantity such as
/// <c>{val_ctr_auc}</c>, each with an optional format: <c>{epoch:02d}</c>, <c>{val_loss:.4f}</c>. Weights that hold
/// NaN or infinite values are never written: the save throws <see cref="TrainingDivergedException"/> instead, which
/// stops training with the last checkpoint intact.
/// </summary>
public sealed partial class ModelCheckpoint : Callback
{
    private readonly MonitoredBest _monitored;
    private int _sinceSave;
    private int _epoch;
    private int _lastBatch;

    /// <summary>Creates the callback.</summary>
    /// <param name="filePathPattern">Where to save, with placeholders.</param>
    /// <param name="monitor">The quantity deciding the best model (with <paramref name="saveBestOnly"/>).</param>
    /// <param name="saveBestOnly">Save only when <paramref name="monitor"/> improves.</param>
    /// <param name="saveWeightsOnly">Save only the state dict (reference keys), without the model description.</param>
    /// <param name="mode"><c>min</c>, <c>max</c> or <c>auto</c>.</param>
    /// <param name="period">Epochs between checks.</param>
    /// <param name="saveTrainingState">Also save the optimizer, generator and position, to resume from (not with
    /// <paramref name="saveWeightsOnly"/>).</param>
    /// <param name="everyBatches">Also save every this many batches within an epoch (0: only after epochs); needs the
    /// training state.</param>
    /// <param name="keepLast">Keep only the last this many files this callback wrote (0: keep all).</param>
    public ModelCheckpoint(string filePathPattern, string monitor = "val_loss", bool saveBestOnly = false,
        bool saveWeightsOnly = false,
        string mode = "auto", int period = 1, bool saveTrainingState = true, int everyBatches = 0, int keepLast = 0)
    {
        if (string.IsNullOrWhiteSpace(filePathPattern))
            throw new ArgumentException("filePathPattern must not be empty", nameof(filePathPattern));
        if (period < 1) throw new ArgumentException($"period must be at least 1, got {period}", nameof(period));
        if (everyBatches < 0)
            throw new ArgumentException($"everyBatches must be 0 or more, got {everyBatches}", nameof(everyBatches));
        if (keepLast < 0) throw new ArgumentException($"keepLast must be 0 or more, got {keepLast}", nameof(keepLast));
        if (everyBatches > 0 && (saveWeightsOnly || !saveTrainingState || saveBestOnly))
        {
            throw new ArgumentException("everyBatches saves resumable checkpoints: it needs saveTrainingState, and " +
                "neither saveWeightsOnly nor saveBestOnly", nameof(everyBatches));
        }
        FilePathPattern = filePathPattern;
        SaveBestOnly = saveBestOnly;
        SaveWeightsOnly = saveWeightsOnly;
        Period = period;
        SaveTrainingState = saveTrainingState && !saveWeightsOnly;
        EveryBatches = everyBatches;
        KeepLast = keepLast;
        _monitored = new MonitoredBest(nameof(ModelCheckpoint), monitor, mode);
    }

    /// <summary>The path pattern.</summary>
    public string FilePathPattern { get; }

    /// <summary>The monitored quantity.</summary>
    public string Monitor => _monitored.Monitor;

    /// <summary>Whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>Whether only weights are saved.</summary>
    public bool SaveWeightsOnly { get; }

    /// <summary>Epochs between checks.</summary>
    public int Period { get; }

    /// <summary>Whether checkpoints hold the training state.</summary>
    public bool SaveTrainingState { get; }

    /// <summary>Batches between saves within an epoch (0: none).</summary>
    public int EveryBatches { get; }

    /// <summary>How many of the latest files are kept (0: all).</summary>
    public int KeepLast { get; }

    /// <summary>The paths written, in order (including any later removed by <see cref="KeepLast"/>).</summary>
    public List<string> SavedPaths { get; } = [];

    /// <inheritdoc />
    public override void OnTrainBegin()
    {
        _monitored.Reset();
        _sinceSave = 0;
    }

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch) => _epoch = epoch;

    /// <inheritdoc />
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        _lastBatch = batch;
        if (EveryBatches == 0 || (batch + 1) % EveryBatches != 0) return;
        SaveTo(FormatPath(_epoch, logs, batch + 1));
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (++_sinceSave < Period) return;
        _sinceSave = 0;
        if (SaveBestOnly && !_monitored.Improves(logs)) return;
        SaveTo(FormatPath(epoch, logs));
    }

    // Non-finite weights are never written: the file the path names keeps its last good content, and training stops.
    // In a data-parallel fit every rank takes part in gathering the position, and rank 0 alone writes.
    private void SaveTo(string path)
    {
        var model = Model!;
        FiniteWeights.Require(model, _epoch, _lastBatch);
        if (Context is { Rank: not 0 } others)
        {
            if (SaveTrainingState) others.SaveCheckpoint(path);
            return;
        }
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        if (SaveWeightsOnly)
            SafeTensorsFormat.Write(path, ModelArtifact.WeightEntries(model));
        else if (SaveTrainingState && Context is { } context)
            context.SaveCheckpoint(path);
        else
            model.Save(path);
        SavedPaths.Add(path);
        RemoveBeyondKeepLast(path);
    }

    // Deletes this callback's older files beyond the last KeepLast distinct paths (a path written again counts once).
    private void RemoveBeyondKeepLast(string latest)
    {
        if (KeepLast == 0) return;
        var kept = SavedPaths.AsEnumerable().Reverse().Distinct(StringComparer.Ordinal).Take(KeepLast)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var old in SavedPaths.Distinct(StringComparer.Ordinal).Where(p => !kept.Contains(p) && p != latest)
            .ToArray())
        {
            if (File.Exists(old)) File.Delete(old);
        }
    }

    /// <summary>The path for an epoch (zero-based), its logs and the batches done in it (0 at its end).</summary>
    public string FormatPath(int epoch, IReadOnlyDictionary<string, double> logs, int batch = 0) =>
        Placeholder().Replace(FilePathPattern, match =>
        {
            string name = match.Groups["name"].Value;
            string format = match.Groups["format"].Success ? match.Groups["format"].Value : "";
            if (name == "epoch") return FormatNumber(epoch + 1, format);
            if (name == "batch") return FormatNumber(batch, format);
            if (logs.TryGetValue(name, out double value)) return FormatNumber(value, format);
            throw new InvalidOperationException($"the checkpoint pattern names \"{name}\", which is not logged; " +
                $"logged: epoch, batch, {string.Join(", ", logs.Keys)}");
        });

    // Python-style specs: "02d" → two-digit integer, ".4f" → four decimals; anything else is a .NET format string.
    private static string FormatNumber(double value, string format)
    {
        var digits = PythonFormat().Match(format);
        if (digits.Success && format.EndsWith('d'))
        {
            return ((long)value).ToString("D" + digits.Groups["width"].Value.TrimStart('0').PadLeft(1, '1'),
                CultureInfo.InvariantCulture);
        }
        if (digits.Success && format.EndsWith('f'))
        {
            return value.ToString("F" + (digits.Groups["precision"].Success ? digits.Groups["precision"].Value : "6"),
                CultureInfo.InvariantCulture);
        }
        return format.Length == 0 ? value.ToString(CultureInfo.InvariantCulture)
            : value.ToString(format, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?<format>[^}]*))?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(?<width>0?\d*)(?:\.(?<precision>\d+))?[df]$")]
    private static partial Regex PythonFormat();
}
