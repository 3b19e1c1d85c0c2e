namespace RecSharp.Data.Synthetic;

/// <summary>
/// Impressions with a click task and a conversion task where a conversion needs a click (conversion ⊂ click), as for
/// ESMM (CTR and CTCVR). Each user and item has a hidden 4-dimensional taste vector and each category a hidden bias;
/// user_activity (per user, in [0, 1]) raises clicks and item_price (per item, in [0, 1]) lowers conversions:
/// P(click) = σ(0.8·pᵤ·qᵢ + b_cat + 2·(activity − 0.5) − 1) and P(convert | click) = σ(0.8·pᵤ·qᵢ + 3·(0.5 − price) −
/// 0.5). Features: <c>user_id</c>, <c>item_id</c>, <c>item_category</c> (sparse ids 1..n, 0 unused, embedding dim 4)
/// and
/// <c>user_activity</c>, <c>item_price</c> (dense). Tasks: <c>click</c> and <c>conversion</c> (binary). All draws come
/// from PCG32 seeded with <see cref="SyntheticOptions.Seed"/>.
/// </summary>
public static class ClickConversionGenerator
{
    /// <summary>Generates the data set.</summary>
    /// <param name="options">The sizes and seed.</param>
    public static SyntheticDataset Generate(ClickConversionOptions options)
        => new ClickConversionWorld(options).Draw(options.Rows);
}
