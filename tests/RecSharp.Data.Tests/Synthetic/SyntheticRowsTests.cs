using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Synthetic;
using RecSharp.Data.Tests.Support;
using RecSharp.Data.Writing;

namespace RecSharp.Data.Tests.Synthetic;

public class SyntheticRowsTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(SyntheticKind.ClickConversion)]
    [InlineData(SyntheticKind.Mmoe)]
    [InlineData(SyntheticKind.CensusLike)]
    public void RowsDrawnInChunksAreTheRowsDrawnAtOnce(SyntheticKind kind)
    {
        var whole = SyntheticRows.Create(kind, seed: 5).Next(300);
        var chunked = SyntheticRows.Create(kind, seed: 5);
        var parts = new[] { chunked.Next(120), chunked.Next(0), chunked.Next(180) };

        foreach (var (name, values) in whole.Columns)
        {
            var joined = parts.SelectMany(p => p.Columns.Single(c => c.Key == name).Value.Cast<object?>());
            Assert.Equal(values.Cast<object?>(), joined);
        }
    }

    [Fact]
    public void ClickConversionRowsAreThoseOfTheGeneratorWithLabelsAsIntegers()
    {
        var table = ClickConversionGenerator.Generate(new ClickConversionOptions { Rows = 200, Seed = 9 }).Table;

        var chunk = SyntheticRows.Create(SyntheticKind.ClickConversion, seed: 9).Next(200);

        Assert.Equal(table.FeatureNames.Concat(["click", "conversion"]), chunk.Columns.Select(c => c.Key));
        Assert.Equal((int[])table["item_id"], (int[])chunk.Columns[1].Value);
        Assert.Equal((float[])table["item_price"], (float[])chunk.Columns[4].Value);
        Assert.Equal(table.LabelColumn(1).Select(v => (int)v), (int[])chunk.Columns[6].Value);
    }

    [Fact]
    public void CensusLikeRowsHaveTheCensusLayoutAndLearnableLabels()
    {
        var chunk = CensusLikeGenerator.Generate(new CensusLikeOptions { Rows = 20_000, Seed = 2 });

        Assert.Equal(40, chunk.Columns.Count);
        var income = (int[])chunk.Columns.Single(c => c.Key == "income_50k").Value;
        var single = (int[])chunk.Columns.Single(c => c.Key == "never_married").Value;
        var age = (int[])chunk.Columns.Single(c => c.Key == "age").Value;
        Assert.InRange(income.Average(), 0.02, 0.4);
        Assert.InRange(single.Average(), 0.1, 0.7);
        Assert.All(age, a => Assert.InRange(a, 18, 80));
        var youngSingle = Enumerable.Range(0, age.Length).Where(i => age[i] < 30).Average(i => single[i]);
        var oldSingle = Enumerable.Range(0, age.Length).Where(i => age[i] > 60).Average(i => single[i]);
        Assert.True(youngSingle > oldSingle + 0.3, $"never married: {youngSingle} under 30, {oldSingle} over 60");
        var sex = (string[])chunk.Columns.Single(c => c.Key == "sex").Value;
        Assert.Equal(["v0", "v1"], sex.Distinct().Order());
    }

    [Theory]
    [InlineData("people.parquet")]
    [InlineData("people.csv.gz")]
    public void WrittenShardsOfTheCensusLikeExampleReadBackAsTheGeneratedRows(string name)
    {
        var paths = DataFileWriter.ShardPaths(System.IO.Path.Combine(folder.Path, name), 2);
        SyntheticRows.Create(SyntheticKind.CensusLike, seed: 4).WriteShards(120, paths, chunkRows: 25, (path, write) =>
        {
            using var stream = File.Create(path);
            write(stream);
        });
        var chunks = new[] { SyntheticRows.Create(SyntheticKind.CensusLike, seed: 4).Next(120) };

        var pattern = System.IO.Path.Combine(
            folder.Path, name.Replace("people.", "people-*.", StringComparison.Ordinal));
        var config = ExperimentConfigLoader.Load(TestPaths.CensusLikeExample).WithDataPath(pattern);
        var table = DataSource.ForExperiment(config).ReadAll();
        var pipeline = FittedPipeline.Fit(config, table);

        Assert.Equal(2, DataSource.ForExperiment(config).Files.Count);
        Assert.Equal(120, table.RowCount);
        Assert.Equal(chunks.SelectMany(c => (string[])c.Columns[1].Value), table.TextOf("industry_code"));
        Assert.Equal(chunks.SelectMany(c => ((double[])c.Columns[32].Value)), table.NumbersOf("capital_gains"));
        Assert.Equal(
            chunks.SelectMany(c => ((int[])c.Columns[30].Value).Select(v => (double)v)), table.NumbersOf("age"));
        Assert.Equal(38, pipeline.Features.Count);
    }

    [Fact]
    public async Task WrittenParquetStringColumnsAreDictionaryEncoded()
    {
        var path = System.IO.Path.Combine(folder.Path, "encoded.parquet");
        using (var stream = File.Create(path))
        {
            ParquetChunkWriter.Write(stream, [CensusLikeGenerator.Generate(new CensusLikeOptions { Rows = 500 })]);
        }

        await using var reader = await Parquet.ParquetReader.CreateAsync(path);
        var group = reader.OpenRowGroupReader(0);
        var encodings = reader.Schema.DataFields
            .ToDictionary(f => f.Name, f => group.GetMetadata(f)!.MetaData!.Encodings);

        Assert.Contains(Parquet.Meta.Encoding.PLAIN_DICTIONARY, encodings["education"]);
        Assert.DoesNotContain(Parquet.Meta.Encoding.PLAIN_DICTIONARY, encodings["age"]);
    }

    [Fact]
    public void ShardNamesKeepADoubleExtension()
    {
        Assert.Equal(["/d/x.csv.gz"], DataFileWriter.ShardPaths("/d/x.csv.gz", 1));
        Assert.Equal(["/d/x-00000.csv.gz", "/d/x-00001.csv.gz"], DataFileWriter.ShardPaths("/d/x.csv.gz", 2));
        Assert.Equal(["/d/x-00000.parquet", "/d/x-00001.parquet"], DataFileWriter.ShardPaths("/d/x.parquet", 2));
    }
}
