using System.Globalization;
using System.Text.Json;

namespace RecSharp.Serving.Tests.Support;

/// <summary>
/// The small experiment the tests serve — a sparse, a hashed, a dense and a sequence feature, and a second feature on
/// the dense column read as a category — and seeded rows of its data file, as CSV text and as the raw rows a client
/// sends: JSON or dictionaries, values as they appear in the file.
/// </summary>
public static class ServingData
{
    /// <summary>The experiment file; <c>{seed}</c> is the model's seed.</summary>
    public const string Experiment = """
        data:
          separator: ","
          header: true
          missing: ["", "?"]
        tasks:
          - { name: click, type: binary, label: click }
          - { name: spend, type: regression, label: spend }
        features:
          - { name: user, kind: sparse, embeddingDim: 3 }
          - { name: item, kind: hashed, buckets: 16 }
          - { name: price, kind: dense, scaler: minmax }
          - { name: price_level, column: price, kind: sparse }
          - { name: tags, kind: sequence, maxLen: 3, combiner: mean }
        model:
          type: ple
          expertDnnHiddenUnits: [8]
          gateDnnHiddenUnits: []
          towerDnnHiddenUnits: [4]
          seed: {seed}
        training:
          metrics: [auc, mse]
          batchSize: 32
          epochs: 1
          testSplit: 0.25
        """;

    /// <summary>The columns of the data file, labels last.</summary>
    public static readonly string[] Columns = ["user", "item", "price", "tags", "click", "spend"];

    /// <summary>
    /// <paramref name="count"/> rows of text fields: some users with spaces around them (the reader trims them), some
    /// prices empty or "?" (missing), sequences of zero to four tags.
    /// </summary>
    public static IReadOnlyList<string[]> Rows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new[]
        {
            (i % 7 == 0 ? " " : "") + $"u{random.Next(12)}",
            $"i{random.Next(40)}",
            i % 13 == 0 ? "" : i % 19 == 0 ? "?"
                : Math.Round(random.NextDouble() * 10, 2).ToString(CultureInfo.InvariantCulture),
            string.Join('|', Enumerable.Range(0, random.Next(5)).Select(_ => $"t{random.Next(9)}")),
            (i % 2).ToString(CultureInfo.InvariantCulture),
            random.NextDouble().ToString("F3", CultureInfo.InvariantCulture),
        }).ToArray();
    }

    /// <summary>Writes <paramref name="rows"/> under a header line.</summary>
    public static void WriteCsv(string path, IEnumerable<string[]> rows) =>
        File.WriteAllLines(path, rows.Select(r => string.Join(',', r)).Prepend(string.Join(',', Columns)));

    /// <summary>
    /// A row as the in-process API takes it: the price as a number, or null or "?" where it is missing.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> AsDictionary(string[] row)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (int i = 0; i < Columns.Length; i++)
            fields[Columns[i]] = Columns[i] == "price" ? Price(row[i]) : row[i];
        return fields;
    }

    /// <summary>
    /// The body of a prediction request for <paramref name="rows"/>, the price as a JSON number where present.
    /// </summary>
    public static string AsJson(IEnumerable<string[]> rows) =>
        JsonSerializer.Serialize(new
        {
            rows = rows.Select(r => Columns.Zip(r).ToDictionary(p => p.First, p => JsonValue(p.First, p.Second))),
        });

    private static object? Price(string text) => text switch
    {
        "" => null,
        "?" => "?",
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    // The number's text as written in the file, so that the category read from it is the file's too.
    private static JsonElement JsonValue(string column, string text) =>
        column == "price" && text is not ("" or "?")
            ? JsonDocument.Parse(text).RootElement.Clone()
            : JsonSerializer.SerializeToElement(column == "price" && text == "" ? null : text);
}
