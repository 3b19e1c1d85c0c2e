using System.Text.Json;
using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Tests.Shared;

namespace RecSharp.Tests.Support;

/// <summary>The reference fixture <c>ple_basic.*</c>: its configuration, columns, inputs, labels and
/// expectations.</summary>
public sealed class PleFixture
{
    private readonly JsonElement _root;

    private PleFixture(string jsonPath)
    {
        _root = JsonDocument.Parse(File.ReadAllText(jsonPath)).RootElement;
        Directory = System.IO.Path.GetDirectoryName(jsonPath)!;
    }

    /// <summary>The fixture folder.</summary>
    public string Directory { get; }

    /// <summary>Loads the fixture, skipping the test when shared/ is absent.</summary>
    public static PleFixture Load() => new(SharedFolder.Require("reference/fixtures/ple_basic.json"));

    /// <summary>Path of the initial state dict.</summary>
    public string InitialStatePath => System.IO.Path.Combine(Directory, "ple_basic.pth");

    /// <summary>Path of the state dict after the fixture's fit.</summary>
    public string AfterFitStatePath => System.IO.Path.Combine(Directory, "ple_basic.after_fit.pth");

    /// <summary>The feature columns.</summary>
    public IReadOnlyList<FeatureColumn> Columns() =>
        _root.GetProperty("feature_columns").EnumerateArray()
            .Select<JsonElement, FeatureColumn>(c => c.GetProperty("type").GetString() switch
        {
            "sparse" => new SparseFeat(c.GetProperty("name").GetString()!, c.GetProperty("vocabulary_size").GetInt32(),
                c.GetProperty("embedding_dim").GetInt32(), embeddingName: c.GetProperty("embedding_name").GetString()),
            "dense" => new DenseFeat(c.GetProperty("name").GetString()!, c.GetProperty("dimension").GetInt32()),
            "varlen_sparse" => new VarLenSparseFeat(
                new SparseFeat(c.GetProperty("name").GetString()!, c.GetProperty("vocabulary_size").GetInt32(),
                c.GetProperty("embedding_dim").GetInt32(), embeddingName: c.GetProperty("embedding_name").GetString()),
                c.GetProperty("maxlen").GetInt32(), c.GetProperty("combiner").GetString()!,
                c.GetProperty("length_name").GetString()),
            var other => throw new InvalidOperationException($"unknown column type {other}"),
        }).ToArray();

    /// <summary>The PLE options of the fixture's config (others at their defaults).</summary>
    public PleOptions Options()
    {
        var c = _root.GetProperty("config");
        int[] Units(string name) => c.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();
        string[] Strings(string name) => c.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
        return new PleOptions
        {
            SharedExpertNum = c.GetProperty("shared_expert_num").GetInt32(),
            SpecificExpertNum = c.GetProperty("specific_expert_num").GetInt32(),
            NumLevels = c.GetProperty("num_levels").GetInt32(),
            ExpertDnnHiddenUnits = Units("expert_dnn_hidden_units"),
            GateDnnHiddenUnits = Units("gate_dnn_hidden_units"),
            TowerDnnHiddenUnits = Units("tower_dnn_hidden_units"),
            TaskTypes = Strings("task_types"),
            TaskNames = Strings("task_names"),
            L2RegDnn = c.GetProperty("l2_reg_dnn").GetDouble(),
            InitStd = c.GetProperty("init_std").GetDouble(),
        };
    }

    /// <summary>The inputs as the user-facing dictionary.</summary>
    public Dictionary<string, Array> Inputs()
    {
        var result = new Dictionary<string, Array>();
        foreach (var column in Columns())
        {
            var values = _root.GetProperty("inputs").GetProperty(column.Name);
            result[column.Name] = column switch
            {
                SparseFeat => values.EnumerateArray().Select(v => v.GetInt32()).ToArray(),
                DenseFeat => values.EnumerateArray().Select(v => v.GetDouble()).ToArray(),
                VarLenSparseFeat => To2D(values.EnumerateArray()
                    .Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray()),
                _ => throw new InvalidOperationException(),
            };
        }
        return result;
    }

    /// <summary>The labels, rows × tasks.</summary>
    public double[,] Labels() => Matrix(_root.GetProperty("labels"));

    /// <summary>Predictions of the initial model in eval mode.</summary>
    public double[,] ExpectedEvalOutputs() => Matrix(_root.GetProperty("expected_eval_outputs"));

    /// <summary>Predictions after the fixture's fit.</summary>
    public double[,] ExpectedOutputsAfterFit() => Matrix(_root.GetProperty("expected_outputs_after_fit"));

    /// <summary>The fit settings.</summary>
    public JsonElement Fit => _root.GetProperty("fit");

    /// <summary>Every tensor of the state after fit: shape and row-major values.</summary>
    public IReadOnlyDictionary<string, (long[] Shape, double[] Values)> StateAfterFit() =>
        _root.GetProperty("state_after_fit").EnumerateObject().ToDictionary(
            p => p.Name,
            p => (p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                Flatten(p.Value.GetProperty("values")).ToArray()));

    private static IEnumerable<double> Flatten(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Flatten) : [e.GetDouble()];

    private static double[,] Matrix(JsonElement rows)
    {
        var list = rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var m = new double[list.Length, list[0].Length];
        for (int i = 0; i < list.Length; i++)
            for (int j = 0; j < list[i].Length; j++) m[i, j] = list[i][j];
        return m;
    }

    private static long[,] To2D(long[][] rows)
    {
        var m = new long[rows.Length, rows.Max(r => r.Length)];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < rows[i].Length; j++) m[i, j] = rows[i][j];
        return m;
    }
}
