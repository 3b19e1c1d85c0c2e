using RecSharp.Data.Randomness;
using RecSharp.Data.Schema;
using RecSharp.Data.Tables;
using RecSharp.Features;

namespace RecSharp.Data.Synthetic;

/// <summary>
/// The users, items and categories of <see cref="ClickConversionGenerator"/>, drawn once from the seed, and the
/// generator state that draws impressions from them: drawing the rows in several calls gives the same rows as in one.
/// </summary>
internal sealed class ClickConversionWorld
{
    private const int LatentDim = 4;

    private readonly ClickConversionOptions options;
    private readonly Pcg32 rng;
    private readonly double[][] userTaste;
    private readonly double[] userActivity;
    private readonly double[][] itemTaste;
    private readonly int[] itemCategory;
    private readonly double[] itemPrice;
    private readonly double[] categoryBias;

    public ClickConversionWorld(ClickConversionOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Users);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Items);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Categories);

        this.options = options;
        rng = new Pcg32(options.Seed);
        userTaste = Vectors(rng, options.Users);
        userActivity = Enumerable.Range(0, options.Users).Select(_ => rng.NextDouble()).ToArray();
        itemTaste = Vectors(rng, options.Items);
        itemCategory = Enumerable.Range(0, options.Items).Select(_ => rng.NextInt(options.Categories)).ToArray();
        itemPrice = Enumerable.Range(0, options.Items).Select(_ => rng.NextDouble()).ToArray();
        categoryBias = Enumerable.Range(0, options.Categories).Select(_ => 0.7 * rng.NextGaussian()).ToArray();
    }

    /// <summary>Draws the next <paramref name="n"/> impressions.</summary>
    public SyntheticDataset Draw(int n)
    {
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
            new("user_id", FeatureKind.Sparse, options.Users + 1, EmbeddingDim.Default),
            new("item_id", FeatureKind.Sparse, options.Items + 1, EmbeddingDim.Default),
            new("item_category", FeatureKind.Sparse, options.Categories + 1, EmbeddingDim.Default),
            new("user_activity", FeatureKind.Dense, 0, EmbeddingDim.Default),
            new("item_price", FeatureKind.Dense, 0, EmbeddingDim.Default),
        ];
        TaskDescription[] tasks = [new("click", TaskType.Binary), new("conversion", TaskType.Binary)];
        return new SyntheticDataset(table, features, tasks);
    }

    private static double[][] Vectors(Pcg32 rng, int count)
        => Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, LatentDim).Select(_ => rng.NextGaussian()).ToArray())
            .ToArray();

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
