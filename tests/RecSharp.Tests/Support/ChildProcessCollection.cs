namespace RecSharp.Tests.Support;

/// <summary>
/// Tests that do their work in other processes (<c>dotnet build</c>, <c>dotnet pack</c>, the built quick start) and
/// never touch libtorch in the test process: they run one at a time, beside the assembly's in-process tests, so the
/// time they spend restoring, compressing and waiting on a single core overlaps with training elsewhere.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChildProcessCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Child processes";
}
