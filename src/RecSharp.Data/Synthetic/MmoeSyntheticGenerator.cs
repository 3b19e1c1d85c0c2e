using RecSharp.Data.Randomness;
using RecSharp.Data.Schema;
using RecSharp.Data.Tables;

namespace RecSharp.Data.Synthetic;

/// <summary>
/// The synthetic two-task regression benchmark of the MMoE paper (Ma et al., KDD 2018, §3.2) with a controllable task
/// correlation. Orthogonal unit vectors u1, u2 are drawn; w1 = c·u1 and w2 = c·(p·u1 + √(1−p²)·u2); each row has
/// x ~ N(0, I_d) and y_i = w_iᵀx + Σ_{j=1..m} sin(α_j·w_iᵀx + β_j) + ε_i with α_j, β_j ~ N(0, 1) shared by both tasks
/// (or α_j = j, β_j = (j−1)² with <see cref="MmoeSyntheticOptions.IndexSineParameters"/>) and ε_i ~ N(0, NoiseStd²).
/// All draws come from PCG32 seeded with <see cref="MmoeSyntheticOptions.Seed"/>, so the data is identical on every
/// platform. The input is d dense features named <c>x0</c>..<c>x{d-1}</c>, each <c>float[rows]</c>;
/// the tasks are regressions named <c>y1</c> and <c>y2</c>.
/// </summary>
public static class MmoeSyntheticGenerator
{
    /// <summary>Generates the data set.</summary>
    /// <param name="options">The sizes, correlation and seed.</param>
    public static SyntheticDataset Generate(MmoeSyntheticOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Dimension, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(options.SineTerms);
        if (options.Correlation is < -1 or > 1 || double.IsNaN(options.Correlation))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Correlation, "The correlation must be in [-1, 1].");
        }

        var rng = new Pcg32(options.Seed);
        var d = options.Dimension;
        var (u1, u2) = OrthonormalPair(rng, d);
        var p = options.Correlation;
        var q = Math.Sqrt(1 - (p * p));
        var w1 = u1.Select(v => options.Scale * v).ToArray();
        var w2 = u1.Zip(u2, (a, b) => options.Scale * ((p * a) + (q * b))).ToArray();
        var alpha = Enumerable.Range(0, options.SineTerms).Select(_ => rng.NextGaussian()).ToArray();
        var beta = Enumerable.Range(0, options.SineTerms).Select(_ => rng.NextGaussian()).ToArray();
        if (options.IndexSineParameters)
        {
            // Drawn above all the same, so that the inputs and noise that follow are those of the default setting.
            alpha = Enumerable.Range(1, options.SineTerms).Select(j => (double)j).ToArray();
            beta = Enumerable.Range(1, options.SineTerms).Select(j => (double)((j - 1) * (j - 1))).ToArray();
        }

        var inputs = Enumerable.Range(0, d).Select(_ => new float[options.Rows]).ToArray();
        var labels = new double[options.Rows, 2];
        var x = new double[d];
        for (var row = 0; row < options.Rows; row++)
        {
            for (var j = 0; j < d; j++)
            {
                x[j] = rng.NextGaussian();
                inputs[j][row] = (float)x[j];
            }

            labels[row, 0] = Target(w1, x, alpha, beta) + (options.NoiseStd * rng.NextGaussian());
            labels[row, 1] = Target(w2, x, alpha, beta) + (options.NoiseStd * rng.NextGaussian());
        }

        var names = Enumerable.Range(0, d).Select(j => $"x{j}").ToArray();
        var table = new ColumnarTable(
            options.Rows,
            names.Select((n, j) => new KeyValuePair<string, Array>(n, inputs[j])),
            ["y1", "y2"],
            labels);
        var features = names.Select(n => new FeatureDescription(n, FeatureKind.Dense, 0, EmbeddingDimension.Default)).ToArray();
        TaskDescription[] tasks = [new("y1", TaskType.Regression), new("y2", TaskType.Regression)];
        return new SyntheticDataset(table, features, tasks);
    }

    private static double Target(double[] w, double[] x, double[] alpha, double[] beta)
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
