using System.Text.Json;
using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Tests.Support;

namespace RecSharp.Tests.Models;

/// <summary>
/// The options records hold the hyper-parameters' defaults; the reference-style constructors repeat them as parameter
/// defaults, so that a caller sees them in the signature. Each constructor called with its defaults must build the
/// model its record's defaults build, so that the two cannot drift apart.
/// </summary>
public class ConvenienceConstructorTests
{
    public static TheoryData<string> Models => new() { "ple", "mmoe", "sharedbottom", "esmm" };

    [Theory]
    [MemberData(nameof(Models))]
    public void TheConstructorsDefaultsAreTheOptionsRecordsDefaults(string type)
    {
        var columns = SyntheticInputs.Columns();
        using var byDefaults = ByParameterDefaults(type, columns);
        using var byRecord = ByRecordDefaults(type, columns);

        Assert.Equal(Describe(byRecord.Options), Describe(byDefaults.Options));
    }

    [Fact]
    public void ADifferentDefaultWouldBeSeen()
    {
        var columns = SyntheticInputs.Columns();
        using var changed = new Mmoe(columns, new MmoeOptions { NumExperts = 7 });
        using var byDefaults = new Mmoe(columns);

        Assert.NotEqual(Describe(changed.Options), Describe(byDefaults.Options));
    }

    private static MultiTaskModel ByParameterDefaults(string type, IReadOnlyList<FeatureColumn> columns) =>
        type switch
        {
            "ple" => new Ple(columns),
            "mmoe" => new Mmoe(columns),
            "sharedbottom" => new SharedBottom(columns),
            "esmm" => new Esmm(columns),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

    private static MultiTaskModel ByRecordDefaults(string type, IReadOnlyList<FeatureColumn> columns) =>
        type switch
        {
            "ple" => new Ple(columns, new PleOptions()),
            "mmoe" => new Mmoe(columns, new MmoeOptions()),
            "sharedbottom" => new SharedBottom(columns, new SharedBottomOptions()),
            "esmm" => new Esmm(columns, new EsmmOptions()),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

    private static string Describe(MultiTaskOptions options) => JsonSerializer.Serialize(options, options.GetType());
}
