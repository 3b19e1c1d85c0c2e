using System.Text.Json;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Serving.Inference;
using RecSharp.Serving.Loading;
using RecSharp.Serving.Rows;

namespace RecSharp.Serving;

/// <summary>
/// A trained model ready to score, for applications that embed it: rows as they appear in the training data go
/// through the run's fitted preprocessing (vocabularies, hashing, scalers: the path of <c>recsharp predict</c>, so the
/// scores are the same) into the model, on libtorch or ONNX Runtime. Any number of threads may call
/// <see cref="Predict(IReadOnlyList{IReadOnlyDictionary{string, object}})"/> and
/// <see cref="Predict(IReadOnlyDictionary{string, Array})"/> at once; dispose it only when no call is running.
/// </summary>
public sealed class Predictor : IDisposable
{
    private readonly LoadedModel _model;
    private readonly RowSchema? _schema;
    private readonly int _batchSize;

    private Predictor(LoadedModel model, int batchSize)
    {
        _model = model;
        _schema = model.Pipeline is null ? null : new RowSchema(model.Pipeline, model.Reading);
        _batchSize = batchSize;
    }

    /// <summary>
    /// Loads a run folder written by <c>recsharp train</c>, or an ONNX file written by <c>recsharp export</c> (with its
    /// <c>preprocessing.json</c> beside it for raw rows).
    /// </summary>
    /// <param name="path">The run folder or the ONNX file.</param>
    /// <param name="options">The backend, batch size and threads; null for the defaults.</param>
    /// <exception cref="FileNotFoundException">When there is no model at <paramref name="path"/>.</exception>
    /// <exception cref="Persistence.ModelArtifactException">When the model files cannot be used; the message names
    /// them.</exception>
    public static Predictor Load(string path, PredictorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new PredictorOptions();
        if (options.BatchSize < 1)
            throw new ArgumentException($"the batch size must be at least 1, got {options.BatchSize}", nameof(options));
        if (options.Threads is < 1)
            throw new ArgumentException($"threads must be at least 1, got {options.Threads}", nameof(options));
        return new Predictor(ModelLoader.Load(path, options), options.BatchSize);
    }

    /// <summary>What the predictor serves: model type, tasks, inputs, hash, backend.</summary>
    public ModelInfo Info => _model.Info;

    /// <summary>Whether raw rows can be scored: the model came with its fitted preprocessing.</summary>
    public bool AcceptsRawRows => _schema is not null;

    /// <summary>
    /// Scores raw rows: each a dictionary from field (a column of the training data) to its value as it appears there —
    /// a string, a number, or null for a missing value. Every field a feature reads must be present; others (labels,
    /// say) are ignored. Unseen categories take the out-of-vocabulary id, as in <c>recsharp predict</c>.
    /// </summary>
    /// <returns>Rows × tasks, in the order of <see cref="ModelInfo.Tasks"/>.</returns>
    /// <exception cref="InvalidRowException">When a row cannot be scored; the message names the row and the
    /// field.</exception>
    public double[,] Predict(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Score(Prepare(DictionaryRows.Read(rows, RequireSchema())));
    }

    /// <summary>
    /// Scores model inputs, typed as <c>MultiTaskModel.Predict</c> takes them (a dictionary from input name to array:
    /// ids, dense values, sequences) and validated the same way.
    /// </summary>
    /// <returns>Rows × tasks, in the order of <see cref="ModelInfo.Tasks"/>.</returns>
    /// <exception cref="Inputs.InputValidationException">When an input is missing or a value is out of
    /// range.</exception>
    public double[,] Predict(IReadOnlyDictionary<string, Array> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return _model.Backend.Predict(inputs, _batchSize);
    }

    /// <summary>Encodes the rows of a JSON array of objects.</summary>
    /// <exception cref="InvalidRowException">When a row cannot be scored.</exception>
    internal PreparedRows Prepare(JsonElement rows) => Prepare(JsonRows.Read(rows, RequireSchema()));

    /// <summary>Scores encoded rows: rows × tasks.</summary>
    internal double[,] Score(PreparedRows rows) =>
        rows.Rows == 0 ? new double[0, Info.Tasks.Count] : _model.Backend.Predict(rows.Inputs, _batchSize);

    private PreparedRows Prepare(RowTableBuilder rows)
    {
        var table = rows.Build();
        var statistics = new TransformStatistics();
        try
        {
            var encoded = _model.Pipeline!.Transform(table, statistics);
            return new PreparedRows(encoded.RowCount, encoded.ToInputDictionary(), statistics.UnseenValues);
        }
        catch (DataFormatException e)
        {
            string problem = e.Value is null ? e.Problem : $"{e.Problem} (value {e.Value})";
            throw new InvalidRowException(e.LineNumber, e.Column, problem);
        }
    }

    private RowSchema RequireSchema() => _schema ?? throw new InvalidOperationException(
        $"{Info.Source} holds no fitted preprocessing (the model was saved without one), "
        + "so only model inputs can be scored");

    /// <inheritdoc />
    public void Dispose() => _model.Backend.Dispose();
}
