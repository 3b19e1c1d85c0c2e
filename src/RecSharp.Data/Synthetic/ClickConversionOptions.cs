namespace RecSharp.Data.Synthetic;

/// <summary>Sizes and seed of the click/conversion data set; by default 20,000 impressions (rows).</summary>
public sealed record ClickConversionOptions() : SyntheticOptions(20_000)
{
    /// <summary>The number of distinct users; default 500.</summary>
    public int Users { get; init; } = 500;

    /// <summary>The number of distinct items; default 300.</summary>
    public int Items { get; init; } = 300;

    /// <summary>The number of item categories; default 20.</summary>
    public int Categories { get; init; } = 20;
}
