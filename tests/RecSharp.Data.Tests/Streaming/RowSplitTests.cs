using System.IO.Hashing;
using System.Text;
using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;
using RecSharp.Data.Streaming;
using RecSharp.Data.Tests.Support;

namespace RecSharp.Data.Tests.Streaming;

/// <summary>The split of streamed rows by a stable hash of a key column or of the row position.</summary>
public sealed class RowSplitTests : IDisposable
{
    private readonly TempFolder folder = new();

    private ExperimentConfig Config(string data = "", double test = 0.2, double validation = 0.25) =>
        ExperimentConfigLoader.Parse($$"""
        data: { path: {{folder.Path}}/rows.csv {{data}} }
        tasks: [{ name: click, type: binary, label: click }]
        features: [{ name: item, kind: sparse }]
        model: { type: mmoe }
        training: { testSplit: {{test}}, validationSplit: {{validation}} }
        """);

    private RawTable Rows(ExperimentConfig config, int rows = 4000)
    {
        var lines = Enumerable.Range(0, rows).Select(i => $"u{i % 97},i{i},{i % 2}\n");
        folder.Write("rows.csv", "user,item,click\n" + string.Concat(lines));
        var split = new RowSplit(config);
        var options = CsvReadOptions.FromConfig(config.Data);
        return new DataSource(config.Data.Path!, null, options, split.Requests(config)).ReadAll();
    }

    [Fact]
    public void RowsFallIntoTheRolesByTheConfiguredSharesTheSameWayEachTime()
    {
        var config = Config();
        var table = Rows(config);
        var roles = new RowSplit(config).RolesOf(table);

        Assert.Equal(roles, new RowSplit(config).RolesOf(Rows(config)));
        Assert.InRange(roles.Count(r => r == DataRole.Test), 0.17 * 4000, 0.23 * 4000);
        Assert.InRange(roles.Count(r => r == DataRole.Validation), 0.8 * 0.22 * 4000, 0.8 * 0.28 * 4000);
        var reseeded = config with { Training = config.Training with { ShuffleSeed = 7 } };
        Assert.NotEqual(roles, new RowSplit(reseeded).RolesOf(table));
        var train = new RowSplit(config).Keep(table, DataRole.Train);
        Assert.Equal(roles.Count(r => r == DataRole.Train), train.RowCount);
    }

    [Fact]
    public void ASplitKeyPutsEveryRowOfAKeyOnOneSide()
    {
        var config = Config(", splitKey: user");
        var table = Rows(config);
        var roles = new RowSplit(config).RolesOf(table);
        var users = table["user"].Text!;

        var sides = Enumerable.Range(0, roles.Length).GroupBy(i => users[i])
            .Select(g => g.Select(i => roles[i]).Distinct().Count());
        Assert.All(sides, count => Assert.Equal(1, count));
        Assert.Equal(3, roles.Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData(", splitKey: user")]
    public void ARowsShareIsTheSeededXxHash64OfItsKeyOrOfItsFileNameAndLine(string key)
    {
        var config = Config(key);
        var table = Rows(config, 600);
        var users = key.Length > 0 ? table["user"].Text! : null;

        var expected = Enumerable.Range(0, table.RowCount).Select(row =>
        {
            var text = users is not null ? users[row]! : $"rows.csv:{table.LineNumbers[row]}";
            var hash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text), config.Training.ShuffleSeed);
            var share = (hash >> 11) / (double)(1UL << 53);
            return share < 0.2 ? DataRole.Test : share < 0.2 + (0.8 * 0.25) ? DataRole.Validation : DataRole.Train;
        });
        Assert.Equal(expected, new RowSplit(config).RolesOf(table));
    }

    [Fact]
    public void RolesWithTheirOwnFilesTakeNoRowsAndNoSplitKeepsEveryRow()
    {
        var config = Config(", testPath: t.csv, validationPath: v.csv");
        var table = Rows(config, 500);

        Assert.All(new RowSplit(config).RolesOf(table), role => Assert.Equal(DataRole.Train, role));
        Assert.True(new RowSplit(Config(test: 0, validation: 0)).TrainsOnAll);
        Assert.Equal(0, new RowSplit(config).Keep(table, DataRole.Test).RowCount);
    }

    public void Dispose() => folder.Dispose();
}
