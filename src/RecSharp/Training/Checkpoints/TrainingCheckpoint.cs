using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Persistence.SafeTensors;
using static TorchSharp.torch;

namespace RecSharp.Training.Checkpoints;

/// <summary>
/// A training checkpoint: a model artifact (see <see cref="ModelArtifact"/>, so <see cref="ModelPersistence.Load"/>
/// reads it) that also holds what resuming the fit needs — the optimizer's state, the epoch and the batches done in
/// it, the state of libtorch's CPU generator, the epoch's row order and what the epoch has accumulated. The extra
/// tensors are named <c>__training__.*</c> and the extra metadata <c>recsharp.training</c>. Resuming from it with
/// the same data and settings continues the fit exactly as if it had never stopped (on the CPU).
/// </summary>
internal static class TrainingCheckpoint
{
    /// <summary>The name prefix of the checkpoint's own tensors.</summary>
    public const string KeyPrefix = ModelArtifact.TrainingStatePrefix;

    /// <summary>The metadata key of the training state's JSON.</summary>
    public const string StateKey = "recsharp.training";

    /// <summary>The version of the training state this library writes and the newest it reads.</summary>
    public const int StateVersion = 1;

    private const string OptimizerPrefix = KeyPrefix + "optimizer.";
    private const string OrderKey = KeyPrefix + "row_order";
    private const string PredictionsKey = KeyPrefix + "predictions";
    private const string RandomStateKey = KeyPrefix + "random_state";
    private const string RankRandomStatesKey = KeyPrefix + "rank_random_states";
    private const string LogVariancesKey = KeyPrefix + "uncertainty_log_variances";

    /// <summary>Whether the safetensors file at <paramref name="path"/> holds a training state to resume
    /// from.</summary>
    public static bool HasTrainingState(string path) => SafeTensorsFormat.Read(path).Metadata.ContainsKey(StateKey);

    /// <summary>Writes the checkpoint atomically.</summary>
    internal static void Save(string path, MultiTaskModel model, TrainingSetup setup, TrainingPosition position)
    {
        var entries = new List<SafeTensorEntry>(ModelArtifact.WeightEntries(model));
        entries.AddRange(OptimizerStateEntries.Capture(setup.Optimizer, OptimizerPrefix));
        entries.Add(new SafeTensorEntry(RandomStateKey, SafeTensorDType.U8, [position.RandomState.Length],
            position.RandomState));
        if (position.RankRandomStates is { } states)
        {
            entries.Add(new SafeTensorEntry(RankRandomStatesKey, SafeTensorDType.U8, [states.Length, states[0].Length],
                states.SelectMany(s => s).ToArray()));
        }
        if (position.Order is not null && position.Stream is null)
            entries.Add(SafeTensorValues.FromInt64s(OrderKey, [position.Order.Length], position.Order));
        if (position.Predictions is { } predictions)
        {
            var flat = new double[predictions.Length];
            Buffer.BlockCopy(predictions, 0, flat, 0, flat.Length * sizeof(double));
            entries.Add(SafeTensorValues.FromDoubles(PredictionsKey,
                [predictions.GetLength(0), predictions.GetLength(1)], flat));
        }
        if (setup.UncertaintyLogVariances is { } logVariances)
            entries.Add(TensorEntries.FromTensor(LogVariancesKey, logVariances));
        var state = new JsonObject
        {
            ["state_version"] = StateVersion,
            ["epoch"] = position.Epoch,
            ["step"] = position.Step,
            ["seed"] = position.Seed,
            ["shuffle"] = position.Shuffle,
            ["batch_size"] = position.BatchSize,
            ["rows"] = position.Rows,
            ["label_fingerprint"] = position.LabelFingerprint.ToString("x16", CultureInfo.InvariantCulture),
            ["loss_sum"] = position.LossSum,
            ["optimizer"] = setup.Optimizer.GetType().Name,
            ["learning_rates"] = new JsonArray(
                OptimizerStateEntries.LearningRates(setup.Optimizer).Select(r => (JsonNode?)r).ToArray()),
        };
        if (position.WorldSize > 1) state["world_size"] = position.WorldSize;
        if (position.Stream is { } stream)
        {
            state["stream"] = new JsonObject
            {
                ["kept_rows"] = stream.KeptRows,
                ["parts"] = stream.Parts is null
                    ? null
                    : new JsonArray(stream.Parts.Select(p => (JsonNode?)p).ToArray()),
            };
        }
        var metadata = new Dictionary<string, string>(
            ModelArtifact.Metadata(model, null)) { [StateKey] = state.ToJsonString() };
        SafeTensorsFormat.Write(path, entries, metadata);
    }

    /// <summary>
    /// Reads the checkpoint at <paramref name="path"/> and checks it against <paramref name="model"/> and its compiled
    /// optimizer; returns where the fit stood and the action that loads the weights and the optimizer's state (which
    /// checks the weights' keys and shapes before it copies anything).
    /// </summary>
    internal static (TrainingPosition Position, Action Restore) Prepare(string path, MultiTaskModel model,
        TrainingSetup setup)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no checkpoint at {path}", path);
        var document = SafeTensorsFormat.Read(path);
        if (!document.Metadata.TryGetValue(StateKey, out var stateText))
        {
            throw new ModelArtifactException($"{path} holds no training state (it is a model, not a checkpoint " +
                "written with the training state); load it with ModelPersistence.Load");
        }
        CheckModelType(path, document, model);
        var state = ParseState(path, stateText);
        string optimizerType = setup.Optimizer.GetType().Name;
        if (state.Optimizer != optimizerType)
        {
            throw new ModelArtifactException(
                $"{path} was written with optimizer {state.Optimizer}, but the model is compiled with {optimizerType}");
        }
        var position = ReadPosition(path, document, state, model.Tasks.Count);
        var optimizerEntries = document.Entries.Where(e => e.Name.StartsWith(OptimizerPrefix, StringComparison.Ordinal))
            .ToDictionary(e => e.Name, StringComparer.Ordinal);
        var applyOptimizer = OptimizerStateEntries.Prepare(setup.Optimizer, optimizerEntries, OptimizerPrefix,
            state.LearningRates, model.Device, path);
        var applyLogVariances = PrepareLogVariances(path, document, setup);
        return (position, () =>
        {
            var weights = ModelArtifact.WeightsOf(document);
            try
            {
                model.LoadStateDict(weights);
            }
            finally
            {
                foreach (var t in weights.Values) t.Dispose();
            }
            applyOptimizer();
            applyLogVariances();
        });
    }

    private static void CheckModelType(string path, SafeTensorsDocument document, MultiTaskModel model)
    {
        string expected = ModelOptionsJson.TypeName(model);
        string? written = null;
        if (document.Metadata.TryGetValue(ModelArtifact.DescriptionKey, out var text))
        {
            try { written = JsonNode.Parse(text)?["model_type"]?.GetValue<string>(); }
            catch (Exception e) when (e is JsonException or InvalidOperationException) { written = null; }
        }
        if (written != expected)
        {
            throw new ModelArtifactException($"{path} holds a {written ?? "model of unknown type"} checkpoint, but " +
                $"the model being trained is a {expected}");
        }
    }

    private static CheckpointState ParseState(string path, string text)
    {
        try
        {
            var state = JsonSerializer.Deserialize<CheckpointState>(text)
                ?? throw new ModelArtifactException($"{path} holds an empty training state");
            if (state.StateVersion > StateVersion)
            {
                throw new ModelArtifactException($"{path} was written by a newer RecSharp (training state version " +
                    $"{state.StateVersion}); this library reads up to {StateVersion}");
            }
            if (state.Epoch < 0 || state.Step < 0 || state.BatchSize < 1 || state.Rows < 1 || state.WorldSize < 1
                || state.Stream is { KeptRows: < 0 }
                || !double.IsFinite(state.LossSum)
                || state.LearningRates.Any(r => !(r > 0 && double.IsFinite(r))))
            {
                throw new ModelArtifactException($"{path} holds an inconsistent training state: {text}");
            }
            return state;
        }
        catch (JsonException e)
        {
            throw new ModelArtifactException($"{path} holds a malformed training state: {e.Message}", e);
        }
    }

    private static TrainingPosition ReadPosition(string path, SafeTensorsDocument document, CheckpointState state,
        int tasks)
    {
        if (!document.TryGetEntry(RandomStateKey, out var random) || random.DType != SafeTensorDType.U8
            || random.Shape.Length != 1)
        {
            throw new ModelArtifactException(
                $"{path} lacks the generator state \"{RandomStateKey}\" (a one-dimensional uint8 tensor)");
        }
        long[]? order = null;
        if (document.TryGetEntry(OrderKey, out var orderEntry))
        {
            if (orderEntry.DType != SafeTensorDType.I64 || !orderEntry.Shape.SequenceEqual([state.Rows]))
            {
                throw new ModelArtifactException($"{path}: \"{OrderKey}\" must be int64 of shape [{state.Rows}], got " +
                    $"{orderEntry.DType} {orderEntry.FormatShape()}");
            }
            order = SafeTensorValues.ToInt64s(orderEntry);
            if (!IsPermutation(order))
            {
                throw new ModelArtifactException(
                    $"{path}: \"{OrderKey}\" is not an order of the {state.Rows} training rows");
            }
        }
        double[,]? predictions = null;
        long kept = state.Stream?.KeptRows ?? state.Rows;
        if (document.TryGetEntry(PredictionsKey, out var predictionEntry))
        {
            if (predictionEntry.DType != SafeTensorDType.F64
                || !predictionEntry.Shape.SequenceEqual([kept, (long)tasks]))
            {
                throw new ModelArtifactException($"{path}: \"{PredictionsKey}\" must be float64 of shape " +
                    $"[{kept}, {tasks}], got {predictionEntry.DType} {predictionEntry.FormatShape()}");
            }
            var flat = SafeTensorValues.ToDoubles(predictionEntry);
            predictions = new double[kept, tasks];
            Buffer.BlockCopy(flat, 0, predictions, 0, flat.Length * sizeof(double));
        }
        if (state.Step > 0 && ((order is null && state.Stream is null) || predictions is null))
        {
            throw new ModelArtifactException(
                $"{path} stops in the middle of epoch {state.Epoch + 1} but lacks its row order or predictions");
        }
        if (!ulong.TryParse(state.LabelFingerprint, NumberStyles.HexNumber, CultureInfo.InvariantCulture,
            out ulong fingerprint))
        {
            throw new ModelArtifactException(
                $"{path} holds a malformed label fingerprint \"{state.LabelFingerprint}\"");
        }
        return new TrainingPosition
        {
            Epoch = state.Epoch, Step = state.Step, Seed = state.Seed, Shuffle = state.Shuffle,
            BatchSize = state.BatchSize,
            Rows = state.Rows, LabelFingerprint = fingerprint, Order = order, LossSum = state.LossSum,
            Predictions = predictions, RandomState = random.Data,
            WorldSize = state.WorldSize,
            Stream = state.Stream is { } stream ? new StreamPosition(stream.Parts, stream.KeptRows) : null,
            RankRandomStates = state.WorldSize > 1 ? ReadRankRandomStates(path, document, state.WorldSize) : null,
        };
    }

    // A data-parallel fit's checkpoint holds every rank's generator state, one row per rank.
    private static byte[][] ReadRankRandomStates(string path, SafeTensorsDocument document, int worldSize)
    {
        if (!document.TryGetEntry(RankRandomStatesKey, out var entry) || entry.DType != SafeTensorDType.U8
            || entry.Shape.Length != 2 || entry.Shape[0] != worldSize)
        {
            throw new ModelArtifactException($"{path} was written by {worldSize} processes but lacks their generator " +
                                             "states " +
                                             $"\"{RankRandomStatesKey}\" (uint8 of shape [{worldSize}, length])");
        }
        int length = (int)entry.Shape[1];
        return Enumerable.Range(0, worldSize).Select(r => entry.Data.AsSpan(r * length, length).ToArray()).ToArray();
    }

    private static Action PrepareLogVariances(string path, SafeTensorsDocument document, TrainingSetup setup)
    {
        bool stored = document.TryGetEntry(LogVariancesKey, out var entry);
        var live = setup.UncertaintyLogVariances;
        if (stored != (live is not null))
        {
            throw new ModelArtifactException(live is null
                ? $"{path} was written with uncertainty weighting, but the model is compiled without it"
                : $"{path} was written without uncertainty weighting, but the model is compiled with it");
        }
        if (live is null) return () => { };
        if (entry!.DType != SafeTensorDType.F32 || !entry.Shape.SequenceEqual(live.shape))
        {
            throw new ModelArtifactException(
                $"{path}: \"{LogVariancesKey}\" must be float32 of shape [{string.Join(", ", live.shape)}]");
        }
        var values = TensorEntries.ToTensor(entry);
        return () =>
        {
            using var noGrad = no_grad();
            live.copy_(values);
            values.Dispose();
        };
    }

    private static bool IsPermutation(long[] order)
    {
        var seen = new bool[order.Length];
        foreach (long row in order)
        {
            if (row < 0 || row >= order.Length || seen[row]) return false;
            seen[row] = true;
        }
        return true;
    }
}
