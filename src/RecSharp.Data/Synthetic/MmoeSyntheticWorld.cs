using RecSharp.Data.Randomness;
using RecSharp.Data.Schema;
using RecSharp.Data.Tables;
using RecSharp.Features;

namespace RecSharp.Data.Synthetic;

/// <summary>
/// The task weights and sine terms of <see cref="MmoeSyntheticGenerator"/>, drawn once from the seed, and the generator
/// state that draws rows from them: drawing the rows in several calls gives the same rows as in one.
/// </summary>
internal sealed class MmoeSyntheticWorld
{
    private readonly MmoeSyntheticOptions options;
    private readonly Pcg32 rng;
    private readonly double[] w1;
    private readonly double[] w2;
    private readonly double[] alpha;
    private readonly double[] beta;
    private readonly string[] names;

    public MmoeSyntheticWorld(MmoeSyntheticOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Dimension, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(options.SineTerms);
        if (options.Correlation is < -1 or > 1 || double.IsNaN(options.Correlation))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.Correlation, "The correlation must be in [-1, 1].");
        }

        this.options = options;
        rng = new Pcg32(options.Seed);
        var d = options.Dimension;
        var (u1, u2) = OrthonormalPair(rng, d);
        var p = options.Correlation;
        var q = Math.Sqrt(1 - (p * p));
        w1 = u1.Select(v => options.Scale * v).ToArray();
        w2 = u1.Zip(u2, (a, b) => options.Scale * ((p * a) + (q * b))).ToArray();
        alpha = Enumerable.Range(0, options.SineTerms).Select(_ => rng.NextGaussian()).ToArray();
        beta = Enumerable.Range(0, options.SineTerms).Select(_ => rng.NextGaussian()).ToArray();
        if (options.IndexSineParameters)
        {
            // Drawn above all the same, so that the inputs and noise that follow are those of the default setting.
            alpha = Enumerable.Range(1, options.SineTerms).Select(j => (double)j).ToArray();
            beta = Enumerable.Range(1, options.SineTerms).Select(j => (double)((j - 1) * (j - 1))).ToArray();
        }

        names = Enumerable.Range(0, d).Select(j => $"x{j}").ToArray();
    }

    /// <summary>Draws the next <paramref name="n"/> rows.</summary>
    public SyntheticDataset Draw(int n)
    {
        var d = options.Dimension;
        var inputs = Enumerable.Range(0, d).Select(_ => new float[n]).ToArray();
        var labels = new double[n, 2];
        var x = new double[d];
        for (var row = 0; row < n; row++)
        {
            for (var j = 0; j < d; j++)
            {
                x[j] = rng.NextGaussian();
                inputs[j][row] = (float)x[j];
            }

            labels[row, 0] = Target(w1, x) + (options.NoiseStd * rng.NextGaussian());
            labels[row, 1] = Target(w2, x) + (options.NoiseStd * rng.NextGaussian());
        }

        var table = new ColumnarTable(
            n,
            names.Select((name, j) => new KeyValuePair<string, Array>(name, inputs[j])),
            ["y1", "y2"],
            labels);
        var features = names
            .Select(name => new FeatureDescription(name, FeatureKind.Dense, 0, EmbeddingDim.Default))
            .ToArray();
        TaskDescription[] tasks = [new("y1", TaskType.Regression), new("y2", TaskType.Regression)];
        return new SyntheticDataset(table, features, tasks);
    }

    private double Target(double[] w, double[] x)
    {
        var linear = 0.0;
        for (var j = 0; j < x.Length; j++)
        {
            linear += w[j] * x[j];
        }

        var y = linear;
        for (var j = 0; j < alpha.Length; j++)
        {
            y += Math.Sin((alpha[j] * linear) + beta[j]);
        }

        return y;
    }

    private static (double[] U1, double[] U2) OrthonormalPair(Pcg32 rng, int d)
    {
        var u1 = Normalize(Enumerable.Range(0, d).Select(_ => rng.NextGaussian()).ToArray());
        var v = Enumerable.Range(0, d).Select(_ => rng.NextGaussian()).ToArray();
        var projection = v.Zip(u1, (a, b) => a * b).Sum();
        var u2 = Normalize(v.Zip(u1, (a, b) => a - (projection * b)).ToArray());
        return (u1, u2);
    }

    private static double[] Normalize(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(a => a * a));
        return v.Select(a => a / norm).ToArray();
    }
}
