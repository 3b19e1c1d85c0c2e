using System.Reflection;

namespace RecSharp.Cli.Tests.Surface;

/// <summary>The command line and its application layer are programs, not libraries: they export no type.</summary>
public class InternalTypesTests
{
    [Theory]
    [InlineData("RecSharp.Application")]
    [InlineData("RecSharp.Cli")]
    public void NoTypeIsPublic(string assembly) =>
        Assert.Empty(Assembly.Load(assembly).GetExportedTypes().Select(type => type.FullName));
}
