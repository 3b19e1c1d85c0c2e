using System.Globalization;
using System.IO.Compression;
using RecSharp.Features;
using RecSharp.Tests.Shared;

namespace RecSharp.Tests.Support;

/// <summary>
/// The census-income test file as the benchmark uses it: a shuffled 80/20 split, 29 categorical columns label-encoded on
/// the training split (0 for values unseen there), 11 numeric columns min-max scaled on it, and the income and marital
/// labels (marital status is a label only, not an input).
/// </summary>
public sealed class CensusData
{
    private static readonly string[] Names =
    [
        "age", "class_worker", "det_ind_code", "det_occ_code", "education", "wage_per_hour", "hs_college", "marital_stat",
        "major_ind_code", "major_occ_code", "race", "hisp_origin", "sex", "union_member", "unemp_reason", "full_or_part_emp",
        "capital_gains", "capital_losses", "stock_dividends", "tax_filer_stat", "region_prev_res", "state_prev_res",
        "det_hh_fam_stat", "det_hh_summ", "instance_weight", "mig_chg_msa", "mig_chg_reg", "mig_move_reg", "mig_same",
        "mig_prev_sunbelt", "num_emp", "fam_under_18", "country_father", "country_mother", "country_self", "citizenship",
        "own_or_self", "vet_question", "vet_benefits", "weeks_worked", "year", "income_50k",
    ];

    /// <summary>The categorical input columns.</summary>
    public static readonly string[] Categorical =
    [
        "class_worker", "det_ind_code", "det_occ_code", "education", "hs_college", "major_ind_code", "major_occ_code", "race",
        "hisp_origin", "sex", "union_member", "unemp_reason", "full_or_part_emp", "tax_filer_stat", "region_prev_res",
        "state_prev_res", "det_hh_fam_stat", "det_hh_summ", "mig_chg_msa", "mig_chg_reg", "mig_move_reg", "mig_same",
        "mig_prev_sunbelt", "fam_under_18", "country_father", "country_mother", "country_self", "citizenship", "vet_question",
    ];

    /// <summary>The numeric input columns.</summary>
    public static readonly string[] Numeric = Names.Except(Categorical).Except(["marital_stat", "income_50k"]).ToArray();

    private readonly string[][] _train;
    private readonly string[][] _test;
    private readonly Dictionary<string, Dictionary<string, int>> _vocabularies;
    private readonly Dictionary<string, (double Min, double Max)> _ranges;

    private CensusData(List<string[]> rows)
    {
        TotalRows = rows.Count;
        var random = new Random(2024);
        for (int i = rows.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
        int trainCount = (int)(rows.Count * 0.8);
        _train = rows.Take(trainCount).ToArray();
        _test = rows.Skip(trainCount).ToArray();
        _vocabularies = Categorical.ToDictionary(name => name, name =>
        {
            int column = Array.IndexOf(Names, name);
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var value in _train.Select(r => r[column]).Distinct().Order(StringComparer.Ordinal)) ids[value] = ids.Count + 1;
            return ids;
        });
        _ranges = Numeric.ToDictionary(name => name, name =>
        {
            int column = Array.IndexOf(Names, name);
            var values = _train.Select(r => Parse(r[column])).ToArray();
            return (values.Min(), values.Max());
        });
    }

    /// <summary>Rows in the file.</summary>
    public int TotalRows { get; }

    /// <summary>Reads <c>../shared/data/census-income.test.gz</c>, skipping the test with a reason when it is absent.</summary>
    public static CensusData Load()
    {
        string path = SharedFolder.Require(SharedFolder.CensusFile);
        var rows = new List<string[]>();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var fields = line.Split(", ");
            if (fields.Length != Names.Length) throw new InvalidDataException($"a row has {fields.Length} fields: {line}");
            rows.Add(fields);
        }
        return new CensusData(rows);
    }

    /// <summary>The feature columns: embedding dim 4 for each categorical column, then the dense columns.</summary>
    public FeatureColumn[] Columns() =>
        Categorical.Select(name => (FeatureColumn)new SparseFeat(name, _vocabularies[name].Count + 1, 4))
            .Concat(Numeric.Select(name => new DenseFeat(name)))
            .ToArray();

    /// <summary>Inputs of the training split.</summary>
    public Dictionary<string, Array> TrainInputs() => Inputs(_train);

    /// <summary>Inputs of the test split.</summary>
    public Dictionary<string, Array> TestInputs() => Inputs(_test);

    /// <summary>Income above 50K and never married, for the training split.</summary>
    public double[,] TrainLabels() => Labels(_train);

    /// <summary>Income above 50K and never married, for the test split.</summary>
    public double[,] TestLabels() => Labels(_test);

    private Dictionary<string, Array> Inputs(string[][] rows)
    {
        var inputs = new Dictionary<string, Array>();
        foreach (var name in Categorical)
        {
            int column = Array.IndexOf(Names, name);
            var ids = _vocabularies[name];
            inputs[name] = rows.Select(r => ids.GetValueOrDefault(r[column], 0)).ToArray();
        }
        foreach (var name in Numeric)
        {
            int column = Array.IndexOf(Names, name);
            var (min, max) = _ranges[name];
            double span = max > min ? max - min : 1;
            inputs[name] = rows.Select(r => (float)((Parse(r[column]) - min) / span)).ToArray();
        }
        return inputs;
    }

    private static double[,] Labels(string[][] rows)
    {
        int income = Array.IndexOf(Names, "income_50k"), marital = Array.IndexOf(Names, "marital_stat");
        var labels = new double[rows.Length, 2];
        for (int i = 0; i < rows.Length; i++)
        {
            labels[i, 0] = rows[i][income] == "50000+." ? 1 : 0;
            labels[i, 1] = rows[i][marital] == "Never married" ? 1 : 0;
        }
        return labels;
    }

    private static double Parse(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
