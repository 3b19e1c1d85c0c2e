namespace RecSharp.Data.Synthetic;

/// <summary>Size and seed of the census-like data set; by default 200,000 people (rows).</summary>
public sealed record CensusLikeOptions() : SyntheticOptions(200_000);
