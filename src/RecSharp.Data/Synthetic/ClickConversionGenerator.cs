using RecSharp.Data.Randomness;
using RecSharp.Data.Schema;
using RecSharp.Data.Tables;

namespace RecSharp.Data.Synthetic;

/// <summary>
/// Impressions with a click task and a conversion task where a conversion needs a click (conversion ⊂ click), as for
/// ESMM (CTR and CTCVR). Each user and item has a hidden 4-dimensional taste vector and each category a hidden bias;
/// user_activity (per user, in [0, 1]) raises clicks and item_price (per item, in [0, 1]) lowers conversions:
/// P(click) = σ(0.8·pᵤ·qᵢ + b_cat + 2·(activity − 0.5) − 1) and P(convert | click) = σ(0.8·pᵤ·qᵢ + 3·(0.5 − price) − 0.5).
/// Features: <c>user_id</c>, <c>item_id</c>, <c>item_category</c> (sparse ids 1..n, 0 unused, embedding dim 4) and
/// <c>user_activity</c>, <c>item_price</c> (dense). Tasks: <c>click</c> and <c>conversion</c> (binary). All draws come
/// from PCG32 seeded with <see cref="ClickConversionOptions.Seed"/>.
/// </summary>
public static class ClickConversionGenerator
{
    private const int LatentDim = 4;

    /// <summary>Generates the data set.</summary>
    /// <param name="options">The sizes and seed.</param>
    public static SyntheticDataset Generate(ClickConversionOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Users);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Items);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Categories);

        var rng = new Pcg32(options.Seed);
        var userTaste = Vectors(rng, options.Users);
        var userActivity = Enumerable.Range(0, options.Users).Select(_ => rng.NextDouble()).ToArray();
        var itemTaste = Vectors(rng, options.Items);
        var itemCategory = Enumerable.Range(0, options.Items).Select(_ => rng.NextInt(options.Categories)).ToArray();
        var itemPrice = Enumerable.Range(0, options.Items).Select(_ => rng.NextDouble()).ToArray();
        var categoryBias = Enumerable.Range(0, options.Categories).Select(_ => 0.7 * rng.NextGaussian()).ToArray();

        var n = options.Rows;
        var users = new int[n];
        var items = new int[n];
        var categories = new int[n];
        var activity = new float[n];
        var price = new float[n];
        var labels = new double[n, 2];
        for (var row = 0; row < n; row++)
        {
            var u = rng.NextInt(options.Users);
            var i = rng.NextInt(options.Items);
            var c = itemCategory[i];
            users[row] = u + 1;
            items[row] = i + 1;
            categories[row] = c + 1;
            activity[row] = (float)userActivity[u];
            price[row] = (float)itemPrice[i];

            var affinity = 0.8 * Dot(userTaste[u], itemTaste[i]);
            var click = rng.NextDouble() < Sigmoid(affinity + categoryBias[c] + (2 * (userActivity[u] - 0.5)) - 1);
            var convert = click && rng.NextDouble() < Sigmoid(affinity + (3 * (0.5 - itemPrice[i])) - 0.5);
            labels[row, 0] = click ? 1 : 0;
            labels[row, 1] = convert ? 1 : 0;
        }

        var table = new ColumnarTable(
            n,
            [
                new("user_id", users),
                new("item_id", items),
                new("item_category", categories),
                new("user_activity", activity),
                new("item_price", price),
            ],
            ["click", "conversion"],
            labels);
        FeatureDescription[] features =
        [
            new("user_id", FeatureKind.Sparse, options.Users + 1, EmbeddingDimension.Default),
            new("item_id", FeatureKind.Sparse, options.Items + 1, EmbeddingDimension.Default),
            new("item_category", FeatureKind.Sparse, options.Categories + 1, EmbeddingDimension.Default),
            new("user_activity", FeatureKind.Dense, 0, EmbeddingDimension.Default),
            new("item_price", FeatureKind.Dense, 0, EmbeddingDimension.Default),
        ];
        TaskDescription[] tasks = [new("click", TaskType.Binary), new("conversion", TaskType.Binary)];
        return new SyntheticDataset(table, features, tasks);
    }

    private static double[][] Vectors(Pcg32 rng, int count)
        => Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, LatentDim).Select(_ => rng.NextGaussian()).ToArray()).ToArray();

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            sum += a[k] * b[k];
        }

        return sum;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
