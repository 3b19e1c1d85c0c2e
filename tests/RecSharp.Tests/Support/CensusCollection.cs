namespace RecSharp.Tests.Support;

/// <summary>
/// The census test classes: one <see cref="CensusFixture"/> for all of them, so the file is read and encoded once
/// and each model is trained once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CensusCollection : ICollectionFixture<CensusFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Census";
}
