using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Tests.Support;
using RecSharp.Tests.Shared;
using RecSharp.Data.Writing;

namespace RecSharp.Data.Tests.Reading;

/// <summary>The census example's rows written to Parquet read and encode exactly as the gzip text does.</summary>
public class CensusParquetTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Trait("Data", "Census")]
    [SkippableFact]
    public void AParquetVersionOfTheCensusFileGivesTheSameRowsAndPreprocessing()
    {
        var path = SharedFolder.Require(SharedFolder.CensusFile);
        var config = ExperimentConfigLoader.Load(TestPaths.CensusExample).WithDataPath(path);
        var fromText = DataSource.ForExperiment(config).ReadAll();
        var parquet = System.IO.Path.Combine(folder.Path, "census.parquet");
        using (var stream = File.Create(parquet))
        {
            var rows = Enumerable.Range(0, fromText.RowCount).ToArray();
            ParquetChunkWriter.Write(stream, rows.Chunk(30_000).Select(c => DataChunk.From(fromText.Slice(c))));
        }

        var fromParquet = DataSource.ForExperiment(config.WithDataPath(parquet)).ReadAll();

        Assert.Equal(fromText.RowCount, fromParquet.RowCount);
        foreach (var column in fromText.Columns.Values)
        {
            Assert.Equal(column.Text, fromParquet[column.Name].Text);
            Assert.Equal(column.Numbers, fromParquet[column.Name].Numbers);
        }

        Assert.Equal(FittedPipeline.Fit(config, fromText).ToJson(), FittedPipeline.Fit(config, fromParquet).ToJson());
    }
}
