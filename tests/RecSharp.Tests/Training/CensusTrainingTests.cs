using System.Globalization;
using System.IO.Compression;
using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Tests.Support;
using RecSharp.Training.Metrics;
using Xunit.Abstractions;

namespace RecSharp.Tests.Training;

/// <summary>
/// The standard benchmark: PLE with the reference's defaults on the census-income data (income and marital tasks),
/// one epoch of Adam, reaching the reference's test AUCs (about 0.944 and 0.994).
/// </summary>
public class CensusTrainingTests(ITestOutputHelper output)
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

    private static readonly string[] Categorical =
    [
        "class_worker", "det_ind_code", "det_occ_code", "education", "hs_college", "major_ind_code", "major_occ_code", "race",
        "hisp_origin", "sex", "union_member", "unemp_reason", "full_or_part_emp", "tax_filer_stat", "region_prev_res",
        "state_prev_res", "det_hh_fam_stat", "det_hh_summ", "mig_chg_msa", "mig_chg_reg", "mig_move_reg", "mig_same",
        "mig_prev_sunbelt", "fam_under_18", "country_father", "country_mother", "country_self", "citizenship", "vet_question",
    ];

    private static readonly string[] Numeric = Names.Except(Categorical).Except(["marital_stat", "income_50k"]).ToArray();

    [SkippableFact]
    public void PleWithTheReferenceDefaultsReachesTheReferenceAucsInOneEpoch()
    {
        string path = SharedFiles.Require("data/census-income.test.gz");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = Read(path);
        Assert.Equal(99_762, rows.Count);
        Assert.Equal(29, Categorical.Length);
        Assert.Equal(11, Numeric.Length);

        var random = new Random(2024);
        for (int i = rows.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
        int trainCount = (int)(rows.Count * 0.8);
        var train = rows.Take(trainCount).ToArray();
        var test = rows.Skip(trainCount).ToArray();

        // Label encoding fitted on the training split (0 for values unseen there); min-max scaling fitted on it too.
        var vocabularies = Categorical.ToDictionary(name => name, name =>
        {
            int column = Array.IndexOf(Names, name);
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var value in train.Select(r => r[column]).Distinct().Order(StringComparer.Ordinal)) ids[value] = ids.Count + 1;
            return ids;
        });
        var ranges = Numeric.ToDictionary(name => name, name =>
        {
            int column = Array.IndexOf(Names, name);
            var values = train.Select(r => Parse(r[column])).ToArray();
            return (Min: values.Min(), Max: values.Max());
        });
        var columns = Categorical.Select(name => (FeatureColumn)new SparseFeat(name, vocabularies[name].Count + 1, 4))
            .Concat(Numeric.Select(name => new DenseFeat(name)))
            .ToArray();

        using var model = new Ple(columns, taskTypes: ["binary", "binary"], taskNames: ["income", "marital"]);
        model.Compile("adam", metrics: ["auc"]);
        model.Fit(Inputs(train, vocabularies, ranges), Labels(train), batchSize: 256, epochs: 1, verbose: 0);
        var scores = model.Evaluate(Inputs(test, vocabularies, ranges), Labels(test), batchSize: 1024);
        clock.Stop();

        output.WriteLine($"income AUC {scores["income_auc"]:F4}, marital AUC {scores["marital_auc"]:F4}, {clock.Elapsed.TotalSeconds:F0} s");
        var testLabels = Labels(test);
        var predictions = model.Predict(Inputs(test, vocabularies, ranges), batchSize: 1024);
        Assert.Equal(EvaluationMetrics.Auc(SyntheticInputs.Column(testLabels, 0), SyntheticInputs.Column(predictions, 0)), scores["income_auc"], 12);
        Assert.True(scores["income_auc"] >= 0.93, $"income AUC {scores["income_auc"]}");
        Assert.True(scores["marital_auc"] >= 0.99, $"marital AUC {scores["marital_auc"]}");
    }

    private static List<string[]> Read(string path)
    {
        var rows = new List<string[]>();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var fields = line.Split(", ");
            Assert.True(fields.Length == Names.Length, $"a row has {fields.Length} fields: {line}");
            rows.Add(fields);
        }
        return rows;
    }

    private static double Parse(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static Dictionary<string, Array> Inputs(string[][] rows, Dictionary<string, Dictionary<string, int>> vocabularies,
        Dictionary<string, (double Min, double Max)> ranges)
    {
        var inputs = new Dictionary<string, Array>();
        foreach (var name in Categorical)
        {
            int column = Array.IndexOf(Names, name);
            var ids = vocabularies[name];
            inputs[name] = rows.Select(r => ids.GetValueOrDefault(r[column], 0)).ToArray();
        }
        foreach (var name in Numeric)
        {
            int column = Array.IndexOf(Names, name);
            var (min, max) = ranges[name];
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
}
