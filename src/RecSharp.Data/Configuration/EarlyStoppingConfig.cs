namespace RecSharp.Data.Configuration;

/// <summary>Stops training when a monitored quantity stops improving.</summary>
public sealed record EarlyStoppingConfig
{
    /// <summary>The quantity to watch, e.g. <c>val_loss</c> or <c>val_income_auc</c>; default val_loss.</summary>
    public string Monitor { get; init; } = "val_loss";

    /// <summary>Epochs without improvement tolerated before stopping; default 0.</summary>
    public int Patience { get; init; }

    /// <summary><c>min</c>, <c>max</c>, or <c>auto</c> (max for names containing auc or acc, min otherwise); default
    /// auto.</summary>
    public string Mode { get; init; } = "auto";

    /// <summary>The smallest change that counts as an improvement; default 0.</summary>
    public double MinDelta { get; init; }
}
