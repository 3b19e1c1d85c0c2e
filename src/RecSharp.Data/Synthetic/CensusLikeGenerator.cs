using RecSharp.Data.Randomness;
using RecSharp.Data.Writing;

namespace RecSharp.Data.Synthetic;

/// <summary>
/// People described by the 40 columns of the Census-Income (KDD) layout, as raw file columns: 30 categorical columns
/// (strings <c>v0</c>, <c>v1</c>, … drawn with a skew towards low indices, from 2 to 52 values each), 8 numeric
/// columns (<c>age</c>, <c>weeks_worked</c> and <c>num_persons_worked_for</c> integers; wages, capital gains and
/// losses, dividends and the instance weight mostly 0 or log-normal) and two binary labels, <c>income_50k</c> and
/// <c>never_married</c>, drawn from logistic models of age, weeks worked, capital gains and a hidden effect of every
/// categorical value on each task. All draws come from PCG32 seeded with <see cref="SyntheticOptions.Seed"/>, and the
/// rows drawn in several calls to <see cref="Draw"/> are those of one call.
/// </summary>
public sealed class CensusLikeGenerator
{
    /// <summary>The categorical columns and their number of values.</summary>
    public static readonly IReadOnlyList<(string Name, int Values)> CategoricalColumns =
    [
        ("class_of_worker", 9), ("industry_code", 52), ("occupation_code", 47), ("education", 17),
        ("enrolled_in_edu", 3), ("race", 5), ("hispanic_origin", 10), ("sex", 2), ("union_member", 3),
        ("unemployment_reason", 6), ("employment_status", 8), ("tax_filer_status", 6), ("region_prev_residence", 6),
        ("state_prev_residence", 51), ("household_status", 38), ("household_summary", 8), ("migration_msa", 10),
        ("migration_region", 9), ("migration_within_region", 10), ("live_in_house_1yr", 3), ("migration_sunbelt", 3),
        ("family_members_under_18", 5), ("country_father", 43), ("country_mother", 43), ("country_self", 43),
        ("citizenship", 5), ("own_business", 3), ("veterans_admin", 3), ("veterans_benefits", 3), ("year", 2),
    ];

    /// <summary>The numeric columns.</summary>
    public static readonly IReadOnlyList<string> NumericColumns =
    [
        "age", "wage_per_hour", "capital_gains", "capital_losses", "dividends", "num_persons_worked_for",
        "weeks_worked", "instance_weight",
    ];

    /// <summary>The label columns, 0 or 1.</summary>
    public static readonly IReadOnlyList<string> LabelColumns = ["income_50k", "never_married"];

    private const double EffectScale = 0.35;

    private readonly Pcg32 rng;
    private readonly string[][] values;
    private readonly double[][] incomeEffect;
    private readonly double[][] maritalEffect;

    /// <summary>Draws the hidden effects from the seed.</summary>
    /// <param name="options">The seed (the row count is not used here).</param>
    public CensusLikeGenerator(CensusLikeOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Rows);
        rng = new Pcg32(options.Seed);
        values = CategoricalColumns.Select(c => Enumerable.Range(0, c.Values).Select(v => $"v{v}").ToArray()).ToArray();
        incomeEffect = CategoricalColumns.Select(c => Effects(c.Values)).ToArray();
        maritalEffect = CategoricalColumns.Select(c => Effects(c.Values)).ToArray();
    }

    /// <summary>Generates <see cref="SyntheticOptions.Rows"/> rows in one chunk.</summary>
    /// <param name="options">The size and seed.</param>
    public static DataChunk Generate(CensusLikeOptions options) => new CensusLikeGenerator(options).Draw(options.Rows);

    /// <summary>Draws the next <paramref name="n"/> people.</summary>
    /// <param name="n">The number of rows.</param>
    public DataChunk Draw(int n)
    {
        var categories = CategoricalColumns.Select(_ => new string[n]).ToArray();
        var age = new int[n];
        var weeks = new int[n];
        var employers = new int[n];
        var money = Enumerable.Range(0, 5).Select(_ => new double[n]).ToArray();
        var income = new int[n];
        var neverMarried = new int[n];
        for (var row = 0; row < n; row++)
        {
            age[row] = 18 + rng.NextInt(63);
            weeks[row] = rng.NextDouble() < 0.3 ? 0 : 20 + rng.NextInt(33);
            employers[row] = (int)(7 * Math.Pow(rng.NextDouble(), 2));
            money[0][row] = Sometimes(0.15, 6, 0.7);
            money[1][row] = Sometimes(0.05, 8, 1.2);
            money[2][row] = Sometimes(0.03, 7.3, 0.5);
            money[3][row] = Sometimes(0.1, 5.5, 1.5);
            money[4][row] = Math.Round(Math.Exp(7.3 + (0.5 * rng.NextGaussian())), 2);
            var incomeLogit = -3.2 + (0.035 * (age[row] - 40)) + (0.04 * (weeks[row] - 26))
                + (0.1 * Math.Log(1 + money[1][row]));
            var maritalLogit = 2.0 - (0.12 * (age[row] - 25));
            for (var c = 0; c < categories.Length; c++)
            {
                var v = (int)(values[c].Length * Math.Pow(rng.NextDouble(), 2));
                categories[c][row] = values[c][v];
                incomeLogit += incomeEffect[c][v];
                maritalLogit += maritalEffect[c][v];
            }

            income[row] = rng.NextDouble() < Sigmoid(incomeLogit) ? 1 : 0;
            neverMarried[row] = rng.NextDouble() < Sigmoid(maritalLogit) ? 1 : 0;
        }

        Array[] numeric = [age, money[0], money[1], money[2], money[3], employers, weeks, money[4]];
        var columns = CategoricalColumns.Select((c, i) => new KeyValuePair<string, Array>(c.Name, categories[i]))
            .Concat(NumericColumns.Select((name, i) => new KeyValuePair<string, Array>(name, numeric[i])))
            .Append(new(LabelColumns[0], income))
            .Append(new(LabelColumns[1], neverMarried));
        return new DataChunk(n, columns.ToArray());
    }

    // 0 most of the time; with probability p a log-normal amount, rounded to cents.
    private double Sometimes(double p, double mu, double sigma)
        => rng.NextDouble() < p ? Math.Round(Math.Exp(mu + (sigma * rng.NextGaussian())), 2) : 0;

    private double[] Effects(int count)
        => Enumerable.Range(0, count).Select(_ => EffectScale * rng.NextGaussian()).ToArray();

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
