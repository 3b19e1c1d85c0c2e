namespace RecSharp.Data.Synthetic;

/// <summary>Size and seed of the census-like data set.</summary>
public sealed record CensusLikeOptions
{
    /// <summary>The number of people (rows); default 200,000.</summary>
    public int Rows { get; init; } = 200_000;

    /// <summary>The seed of every random draw; default 1024.</summary>
    public int Seed { get; init; } = 1024;
}
