using RecSharp.Data.Schema;
using RecSharp.Data.Synthetic;
using RecSharp.Data.Tables;
using RecSharp.Data.Tests.Support;
using RecSharp.Features;

namespace RecSharp.Data.Tests.Synthetic;

public class ClickConversionGeneratorTests
{
    private static readonly SyntheticDataset Data = ClickConversionGenerator.Generate(
        new ClickConversionOptions { Rows = 20_000, Seed = 3 });

    [Fact]
    public void ShapesAndIdsMatchTheDescriptions()
    {
        var table = Data.Table;
        Assert.Equal(["user_id", "item_id", "item_category", "user_activity", "item_price"], table.FeatureNames);
        Assert.Equal(["click", "conversion"], table.TaskNames);
        Assert.All(Data.Tasks, t => Assert.Equal(TaskType.Binary, t.Type));
        foreach (var feature in Data.Features.Where(f => f.Kind == FeatureKind.Sparse))
        {
            var ids = (int[])table[feature.Name];
            Assert.Equal(20_000, ids.Length);
            Assert.InRange(ids.Min(), 1, feature.VocabularySize - 1);
            Assert.InRange(ids.Max(), 1, feature.VocabularySize - 1);
        }

        Assert.Equal(501, Data.Features[0].VocabularySize);
        Assert.All(((float[])table["item_price"]), p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void ConversionsHappenOnlyAfterClicks()
    {
        var click = Data.Table.LabelColumn(0);
        var conversion = Data.Table.LabelColumn(1);

        Assert.All(Enumerable.Range(0, click.Length), i => Assert.True(conversion[i] <= click[i]));
        Assert.InRange(click.Average(), 0.15, 0.6);
        Assert.InRange(conversion.Average(), 0.03, click.Average());
    }

    [Fact]
    public void SameSeedGivesSameData()
    {
        var again = ClickConversionGenerator.Generate(new ClickConversionOptions { Rows = 20_000, Seed = 3 });
        var other = ClickConversionGenerator.Generate(new ClickConversionOptions { Rows = 20_000, Seed = 4 });

        Assert.Equal(Data.Table.Labels, again.Table.Labels);
        Assert.Equal((int[])Data.Table["item_id"], (int[])again.Table["item_id"]);
        Assert.NotEqual((int[])Data.Table["item_id"], (int[])other.Table["item_id"]);
    }

    [Fact]
    public void PlantedSignalIsLearnable()
    {
        var (train, test) = Data.Table.Split(0.3, seed: 1);

        Assert.True(HeldOutAuc(train, test, "user_id") > 0.55);
        Assert.True(HeldOutAuc(train, test, "item_category") > 0.6);

        var activity = ((float[])Data.Table["user_activity"]).Select(v => (double)v).ToArray();
        Assert.True(Statistics.Auc(activity, Data.Table.LabelColumn(0)) > 0.58);

        var clicked = Enumerable.Range(0, Data.Table.RowCount).Where(i => Data.Table.Labels[i, 0] == 1).ToArray();
        var clicks = Data.Table.Slice(clicked);
        var cheapness = ((float[])clicks["item_price"]).Select(v => -(double)v).ToArray();
        Assert.True(Statistics.Auc(cheapness, clicks.LabelColumn(1)) > 0.6);
    }

    /// <summary>The test AUC of predicting a click by the training click rate of the row's id in one feature.</summary>
    private static double HeldOutAuc(ColumnarTable train, ColumnarTable test, string feature)
    {
        var rate = ((int[])train[feature]).Zip(train.LabelColumn(0))
            .GroupBy(p => p.First)
            .ToDictionary(g => g.Key, g => g.Average(p => p.Second));
        var scores = ((int[])test[feature]).Select(id => rate.GetValueOrDefault(id, 0.3)).ToArray();
        return Statistics.Auc(scores, test.LabelColumn(0));
    }
}
