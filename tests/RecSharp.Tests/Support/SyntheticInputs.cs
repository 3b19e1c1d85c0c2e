using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Tests.Shared;
using RecSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Tests.Support;

/// <summary>
/// Small deterministic inputs for training tests: two sparse columns (<c>user</c>, <c>item</c>), one dense column
/// (<c>price</c>) and one sequence column (<c>hist</c>, with its length input <c>hist_len</c>). Labels are simple
/// functions of the inputs, so that a model can learn them.
/// </summary>
public static class SyntheticInputs
{
    /// <summary>Vocabulary of <c>user</c>.</summary>
    public const int UserVocabulary = 10;

    /// <summary>Vocabulary of <c>item</c> and of the sequence <c>hist</c>.</summary>
    public const int ItemVocabulary = 12;

    /// <summary>Longest sequence of <c>hist</c>.</summary>
    public const int MaxLen = 3;

    /// <summary>The feature columns (embedding dim 4 each).</summary>
    public static IReadOnlyList<FeatureColumn> Columns() =>
    [
        new SparseFeat("user", UserVocabulary, 4),
        new SparseFeat("item", ItemVocabulary, 4),
        new DenseFeat("price"),
        new VarLenSparseFeat(new SparseFeat("hist", ItemVocabulary, 4), MaxLen, "mean", lengthName: "hist_len"),
    ];

    /// <summary>Rows of inputs, a pure function of <paramref name="rows"/> and <paramref name="seed"/>.</summary>
    public static Dictionary<string, Array> Inputs(int rows, int seed = 7)
    {
        var random = new Random(seed);
        var user = new int[rows];
        var item = new int[rows];
        var price = new double[rows];
        var hist = new long[rows, MaxLen];
        var histLen = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            user[i] = random.Next(UserVocabulary);
            item[i] = random.Next(ItemVocabulary);
            price[i] = Math.Round(random.NextDouble(), 3);
            histLen[i] = random.Next(MaxLen + 1);
            for (int k = 0; k < histLen[i]; k++) hist[i, k] = 1 + random.Next(ItemVocabulary - 1);
        }
        return new Dictionary<string, Array>
        {
            ["user"] = user, ["item"] = item, ["price"] = price, ["hist"] = hist, ["hist_len"] = histLen,
        };
    }

    /// <summary>
    /// Binary labels for two tasks: task 0 is <c>price &gt; 0.5</c>; task 1 is <c>user &lt; 5</c>. Both classes
    /// appear in any reasonably sized sample.
    /// </summary>
    public static double[,] BinaryLabels(IReadOnlyDictionary<string, Array> inputs)
    {
        var price = (double[])inputs["price"];
        var user = (int[])inputs["user"];
        var labels = new double[price.Length, 2];
        for (int i = 0; i < price.Length; i++)
        {
            labels[i, 0] = price[i] > 0.5 ? 1 : 0;
            labels[i, 1] = user[i] < 5 ? 1 : 0;
        }
        return labels;
    }

    /// <summary>Regression targets for two tasks: <c>2·price</c> and <c>(user mod 3) / 2</c>.</summary>
    public static double[,] RegressionLabels(IReadOnlyDictionary<string, Array> inputs)
    {
        var price = (double[])inputs["price"];
        var user = (int[])inputs["user"];
        var labels = new double[price.Length, 2];
        for (int i = 0; i < price.Length; i++)
        {
            labels[i, 0] = 2 * price[i];
            labels[i, 1] = (user[i] % 3) / 2.0;
        }
        return labels;
    }

    /// <summary>Rows <c>[start, start + count)</c> of every input.</summary>
    public static Dictionary<string, Array> Rows(IReadOnlyDictionary<string, Array> inputs, int start, int count)
    {
        var result = new Dictionary<string, Array>();
        foreach (var (name, array) in inputs)
        {
            if (array.Rank == 1)
            {
                var slice = Array.CreateInstance(array.GetType().GetElementType()!, count);
                Array.Copy(array, start, slice, 0, count);
                result[name] = slice;
            }
            else
            {
                int width = array.GetLength(1);
                var slice = Array.CreateInstance(array.GetType().GetElementType()!, count, width);
                for (int i = 0; i < count; i++)
                    for (int k = 0; k < width; k++) slice.SetValue(array.GetValue(start + i, k), i, k);
                result[name] = slice;
            }
        }
        return result;
    }

    /// <summary>Rows <c>[start, start + count)</c> of a label matrix.</summary>
    public static double[,] Rows(double[,] labels, int start, int count)
    {
        var result = new double[count, labels.GetLength(1)];
        for (int i = 0; i < count; i++)
            for (int t = 0; t < labels.GetLength(1); t++) result[i, t] = labels[start + i, t];
        return result;
    }

    /// <summary>One column of a matrix.</summary>
    public static double[] Column(double[,] matrix, int column)
    {
        var result = new double[matrix.GetLength(0)];
        for (int i = 0; i < result.Length; i++) result[i] = matrix[i, column];
        return result;
    }

    /// <summary>A tiny PLE over <see cref="Columns"/>: experts [8], gates [4], towers [4].</summary>
    public static Ple TinyPle(IReadOnlyList<string>? taskTypes = null, IReadOnlyList<string>? taskNames = null,
        int seed = 1024,
        int numLevels = 2, IReadOnlyList<string>? gpus = null, double initStd = 1e-4) =>
        new(Columns(), new PleOptions
        {
            ExpertDnnHiddenUnits = [8], GateDnnHiddenUnits = [4], TowerDnnHiddenUnits = [4], NumLevels = numLevels,
            TaskTypes = taskTypes ?? ["binary", "binary"], TaskNames = taskNames ?? ["ctr", "ctcvr"], Seed = seed,
            Gpus = gpus,
            InitStd = initStd,
        });

    /// <summary>A copy of every state tensor, as float64 arrays by key.</summary>
    public static Dictionary<string, double[]> Snapshot(nn.Module module) =>
        module.state_dict().ToDictionary(kv => kv.Key,
            kv => kv.Value.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray());

    /// <summary>A copy of every state tensor, as raw float32 arrays by key (for bit-identity checks).</summary>
    public static Dictionary<string, float[]> RawSnapshot(nn.Module module) =>
        module.state_dict().Where(kv => kv.Value.dtype == ScalarType.Float32)
            .ToDictionary(kv => kv.Key, kv => kv.Value.detach().contiguous().data<float>().ToArray());

    /// <summary>Asserts two snapshots hold the same keys and identical values.</summary>
    public static void AssertSameState(IReadOnlyDictionary<string, double[]> expected,
        IReadOnlyDictionary<string, double[]> actual, double tolerance = 0)
    {
        Assert.Equal(expected.Keys.OrderBy(k => k, StringComparer.Ordinal),
        actual.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (key, values) in expected)
        {
            var other = actual[key];
            Assert.Equal(values.Length, other.Length);
            for (int i = 0; i < values.Length; i++)
            {
                Assert.True(Math.Abs(values[i] - other[i]) <= tolerance,
                    $"{key}[{i}]: expected {values[i]}, got {other[i]}");
            }
        }
    }

    /// <summary>Whether two snapshots differ anywhere.</summary>
    public static bool Differ(IReadOnlyDictionary<string, double[]> a, IReadOnlyDictionary<string, double[]> b) =>
        a.Any(kv => !kv.Value.SequenceEqual(b[kv.Key]));

    /// <summary>
    /// Trains <paramref name="model"/> (whose tasks must match the labels' kind) with Adam (lr 0.01) for a few epochs
    /// on 48 rows, and returns the per-epoch training losses.
    /// </summary>
    public static IReadOnlyList<double> TrainLosses(MultiTaskModel model, bool regression = true, int epochs = 6)
    {
        var x = Inputs(48);
        var y = regression ? RegressionLabels(x) : BinaryLabels(x);
        model.Compile("adam", learningRate: 0.01);
        return model.Fit(x, y, batchSize: 8, epochs: epochs, verbose: 0)["loss"];
    }

    /// <summary>Asserts two matrices have the same shape and agree to <paramref name="tolerance"/>.</summary>
    public static void AssertClose(double[,] expected, double[,] actual, double tolerance) =>
        MatrixAssert.Close(expected, actual, tolerance);
}
