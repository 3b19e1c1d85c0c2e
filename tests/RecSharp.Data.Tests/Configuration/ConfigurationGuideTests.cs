using System.Text.RegularExpressions;
using RecSharp.Data.Configuration;
using RecSharp.Data.Tests.Support;

namespace RecSharp.Data.Tests.Configuration;

public class ConfigurationGuideTests
{
    [Fact]
    public void FullExampleOfTheGuideParses()
    {
        var guide = File.ReadAllText(TestPaths.ConfigurationGuide);
        var blocks = Regex.Matches(guide, "```yaml\n(.*?)```", RegexOptions.Singleline);

        var config = ExperimentConfigLoader.Parse(blocks[^1].Groups[1].Value, "configuration.md");

        Assert.Equal(3, config.Tasks.Count);
        Assert.Equal(4, config.Features.Count);
        Assert.Equal(ModelType.Mmoe, config.Model.Type);
        Assert.Equal(2, config.Training.EarlyStopping!.Patience);
    }
}
