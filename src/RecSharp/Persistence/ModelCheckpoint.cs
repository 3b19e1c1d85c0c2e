using System.Globalization;
using System.Text.RegularExpressions;
using RecSharp.Persistence.SafeTensors;
using RecSharp.Training.Callbacks;

namespace RecSharp.Persistence;

/// <summary>
/// Saves the model after epochs, atomically (temporary file, then rename), so an interrupted save never damages an
/// earlier checkpoint. The path pattern may hold <c>{epoch}</c> (one-based) and any logged quantity such as
/// <c>{val_ctr_auc}</c>, each with an optional format: <c>{epoch:02d}</c>, <c>{val_loss:.4f}</c>.
/// </summary>
public sealed partial class ModelCheckpoint : Callback
{
    private readonly bool _higherIsBetter;
    private double _best;
    private int _sinceSave;

    /// <summary>Creates the callback.</summary>
    /// <param name="filePathPattern">Where to save, with placeholders.</param>
    /// <param name="monitor">The quantity deciding the best model (with <paramref name="saveBestOnly"/>).</param>
    /// <param name="saveBestOnly">Save only when <paramref name="monitor"/> improves.</param>
    /// <param name="saveWeightsOnly">Save only the state dict (reference keys), without the model description.</param>
    /// <param name="mode"><c>min</c>, <c>max</c> or <c>auto</c>.</param>
    /// <param name="period">Epochs between checks.</param>
    public ModelCheckpoint(string filePathPattern, string monitor = "val_loss", bool saveBestOnly = false, bool saveWeightsOnly = false,
        string mode = "auto", int period = 1)
    {
        if (string.IsNullOrWhiteSpace(filePathPattern)) throw new ArgumentException("filePathPattern must not be empty", nameof(filePathPattern));
        if (period < 1) throw new ArgumentException($"period must be at least 1, got {period}", nameof(period));
        FilePathPattern = filePathPattern;
        Monitor = monitor;
        SaveBestOnly = saveBestOnly;
        SaveWeightsOnly = saveWeightsOnly;
        Period = period;
        _higherIsBetter = MonitorMode.HigherIsBetter(monitor, mode);
    }

    /// <summary>The path pattern.</summary>
    public string FilePathPattern { get; }

    /// <summary>The monitored quantity.</summary>
    public string Monitor { get; }

    /// <summary>Whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>Whether only weights are saved.</summary>
    public bool SaveWeightsOnly { get; }

    /// <summary>Epochs between checks.</summary>
    public int Period { get; }

    /// <summary>The paths written, in order.</summary>
    public List<string> SavedPaths { get; } = [];

    /// <inheritdoc />
    public override void OnTrainBegin()
    {
        _best = _higherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;
        _sinceSave = 0;
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (++_sinceSave < Period) return;
        _sinceSave = 0;
        if (SaveBestOnly)
        {
            if (!logs.TryGetValue(Monitor, out double current))
                throw new InvalidOperationException($"ModelCheckpoint monitors \"{Monitor}\", which is not logged; logged: {string.Join(", ", logs.Keys)}");
            bool improved = MonitorMode.IsImprovement(current, _best, _higherIsBetter);
            if (!improved) return;
            _best = current;
        }
        string path = FormatPath(epoch, logs);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        if (SaveWeightsOnly)
            SafeTensorsFormat.Write(path, Model!.state_dict().Select(kv => TensorEntries.FromTensor(kv.Key, kv.Value)).ToArray());
        else
            Model!.Save(path);
        SavedPaths.Add(path);
    }

    /// <summary>The path for an epoch (zero-based) and its logs.</summary>
    public string FormatPath(int epoch, IReadOnlyDictionary<string, double> logs) =>
        Placeholder().Replace(FilePathPattern, match =>
        {
            string name = match.Groups["name"].Value;
            string format = match.Groups["format"].Success ? match.Groups["format"].Value : "";
            if (name == "epoch") return FormatNumber(epoch + 1, format);
            if (logs.TryGetValue(name, out double value)) return FormatNumber(value, format);
            throw new InvalidOperationException($"the checkpoint pattern names \"{name}\", which is not logged; logged: epoch, {string.Join(", ", logs.Keys)}");
        });

    // Python-style specs: "02d" → two-digit integer, ".4f" → four decimals; anything else is a .NET format string.
    private static string FormatNumber(double value, string format)
    {
        var digits = PythonFormat().Match(format);
        if (digits.Success && format.EndsWith('d'))
            return ((long)value).ToString("D" + digits.Groups["width"].Value.TrimStart('0').PadLeft(1, '1'), CultureInfo.InvariantCulture);
        if (digits.Success && format.EndsWith('f'))
            return value.ToString("F" + (digits.Groups["precision"].Success ? digits.Groups["precision"].Value : "6"), CultureInfo.InvariantCulture);
        return format.Length == 0 ? value.ToString(CultureInfo.InvariantCulture) : value.ToString(format, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?<format>[^}]*))?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(?<width>0?\d*)(?:\.(?<precision>\d+))?[df]$")]
    private static partial Regex PythonFormat();
}
