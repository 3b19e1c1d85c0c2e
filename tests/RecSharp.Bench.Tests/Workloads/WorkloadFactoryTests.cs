using RecSharp.Bench.Workloads;
using RecSharp.Catalog;
using RecSharp.Data.Configuration;

namespace RecSharp.Bench.Tests.Workloads;

public class WorkloadFactoryTests
{
    [Fact]
    public void ChangingTheModelTypeKeepsOnlyTheParametersTheNewTypeAccepts()
    {
        var ple = new ModelConfig
        {
            Type = ModelNames.Model("ple"),
            Parameters = new ModelParameters(new Dictionary<string, object>
            {
                ["sharedExpertNum"] = 2, ["numLevels"] = 3, ["expertDnnHiddenUnits"] = new[] { 16, 8 }, ["seed"] = 7,
            }),
        };

        var mmoe = WorkloadFactory.WithType(ple, ModelNames.Model("mmoe"));

        Assert.Equal(ModelNames.Model("mmoe"), mmoe.Type);
        Assert.Equal(["expertDnnHiddenUnits", "seed"], mmoe.Parameters.Keys.Order(StringComparer.Ordinal));
        Assert.Same(ple, WorkloadFactory.WithType(ple, ModelNames.Model("ple")));
    }
}
