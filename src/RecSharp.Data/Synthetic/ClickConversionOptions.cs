namespace RecSharp.Data.Synthetic;

/// <summary>Sizes and seed of the click/conversion data set.</summary>
public sealed record ClickConversionOptions
{
    /// <summary>The number of impressions (rows); default 20,000.</summary>
    public int Rows { get; init; } = 20_000;

    /// <summary>The number of distinct users; default 500.</summary>
    public int Users { get; init; } = 500;

    /// <summary>The number of distinct items; default 300.</summary>
    public int Items { get; init; } = 300;

    /// <summary>The number of item categories; default 20.</summary>
    public int Categories { get; init; } = 20;

    /// <summary>The seed of every random draw; default 1024.</summary>
    public int Seed { get; init; } = 1024;
}
