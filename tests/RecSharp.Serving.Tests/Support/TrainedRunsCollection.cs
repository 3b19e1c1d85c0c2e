namespace RecSharp.Serving.Tests.Support;

/// <summary>The tests that share one <see cref="TrainedRuns"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TrainedRunsCollection : ICollectionFixture<TrainedRuns>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "trained runs";
}
